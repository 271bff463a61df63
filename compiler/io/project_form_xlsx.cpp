#include "compiler/io/project_form_xlsx.h"

#include "compiler/io/project_form.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <string_view>

namespace defen {
namespace {

using namespace projectform;
using xlsx::columnLetters;
using xlsx::Grid;
using xlsx::GridCell;
using xlsx::GridRow;

constexpr size_t kNone = static_cast<size_t>(-1);

// A heading's reach: a heading owns its own column and those up to the next
// heading (its merged cell); the last one owns this many more.
constexpr int kLastHeadingReach = 3;

// Labels of the form's own fields: a cell holding one is never the value of
// the label to its left (an empty 主管部门 followed by the label 实施单位).
const std::set<std::string>& fieldLabels() {
  static const std::set<std::string> labels{kProjectName, kDepartment, kUnit, kYear, "项目负责人", "联系人",
                                            "联系电话", "预算单位", "主管部门及代码", "项目实施单位", "填报单位"};
  return labels;
}

// The labels of the 总分 row.
bool isTotalLabel(const std::string& label) {
  return label == kTotal || label == "合计" || label == "总计" || label == "自评总分" || label == "综合得分";
}

// A row below the indicator table that is not an indicator: notes, signatures.
bool startsNotes(const std::string& text) {
  for (const char* word : {"说明", "注：", "注:", "填表说明", "填表人", "填报人", "联系人", "联系电话", "单位负责人",
                           "财务负责人", "审核人", "备注"})
    if (text.rfind(word, 0) == 0) return true;
  return false;
}

// The national form prints "指标1：", "指标2：" in its 三级指标 cells for the
// unit to complete; one left as printed is no indicator.
bool isNumberedPlaceholder(const std::string& text) {
  const std::string label = labelText(text);  // spaces and a trailing colon dropped
  std::string_view s = label;
  if (s.substr(0, 6) != "指标") return false;
  s.remove_prefix(6);
  if (s.empty()) return false;
  while (!s.empty()) {
    if (s[0] >= '0' && s[0] <= '9') {
      s.remove_prefix(1);
      continue;
    }
    bool numeral = false;
    for (std::string_view d : {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９", "一", "二", "三", "四", "五", "六", "七", "八",
                               "九", "十"})
      if (s.substr(0, d.size()) == d) {
        s.remove_prefix(d.size());
        numeral = true;
        break;
      }
    if (!numeral) return false;
  }
  return true;
}

bool isBlank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string cellName(int col, int rowNumber) { return columnLetters(col) + std::to_string(rowNumber); }

struct Heading {
  int col = 0;
  std::string name;
};

class FormSheet {
 public:
  FormSheet(const Grid& grid, int row, Table& out) : g_(grid), row_(row), out_(out) {}

  void read(bool hidden) {
    const auto name = findLabel([](const std::string& l) { return l == kProjectName; });
    const auto indicators = findLabel([](const std::string& l) { return l == kIndicators; });
    const auto title = find([](const GridCell& c) { return c.cell.text.find("绩效自评表") != std::string::npos; });
    if (!name && !indicators && !title) {
      if (!hidden)
        out_.warnings.push_back("工作表“" + g_.sheet + "”不是项目支出绩效自评表（没有“项目名称”“绩效指标”），未读取");
      return;
    }
    const size_t header = indicatorHeader(name ? name->first : 0);
    if (header == kNone) {
      error(name ? g_.rows[name->first].number : 0, "",
            "找不到绩效指标表（应有一行写着“一级指标”“二级指标”“三级指标”“年度指标值”“实际完成值”“分值”“得分”等表头）");
      return;
    }
    for (const GridRow& r : g_.rows)
      if (!r.error.empty()) error(r.number, "", "第" + std::to_string(r.number) + "行：" + r.error);

    record_.row = row_;
    record_.line = name ? g_.rows[name->first].number : g_.rows[header].number;
    record_.cells.resize(recordColumns().size());
    if (name) set(kProjectName, valueRightOf(*name));
    if (auto l = findLabel([](const std::string& s) { return s == kDepartment || s == "主管部门及代码"; })) set(kDepartment, valueRightOf(*l));
    if (auto l = findLabel([](const std::string& s) { return s == kUnit || s == "项目实施单位"; })) set(kUnit, valueRightOf(*l));
    readYear(name ? name->first : header);
    const size_t goal = readGoal(header);
    readFunds(std::min(goal, header));
    const size_t end = readIndicators(header);
    // A second form further down the sheet would be left unread.
    if (auto again = findLabel([](const std::string& s) { return s == kProjectName; }, end);
        again && (!name || again->first != name->first)) {
      const int line = g_.rows[again->first].number;
      error(line, "", "第" + std::to_string(line) + "行又有一张自评表；每个工作表只填一个项目，请把它移到另一个工作表");
    }
    out_.records.push_back(std::move(record_));
  }

 private:
  using At = std::pair<size_t, size_t>;  // grid row index, cell index in that row

  const GridCell& cellAt(At at) const { return g_.rows[at.first].cells[at.second]; }

  template <typename Pred>
  std::optional<At> find(Pred pred, size_t from = 0, size_t to = kNone) const {
    for (size_t r = from; r < std::min(to, g_.rows.size()); ++r)
      for (size_t i = 0; i < g_.rows[r].cells.size(); ++i)
        if (pred(g_.rows[r].cells[i])) return At{r, i};
    return std::nullopt;
  }

  template <typename Pred>
  std::optional<At> findLabel(Pred pred, size_t from = 0, size_t to = kNone) const {
    return find([&](const GridCell& c) { return pred(labelText(c.cell.text)); }, from, to);
  }

  // The first cell right of a label, unless it is another label.
  Cell valueRightOf(At at) const {
    const GridRow& r = g_.rows[at.first];
    if (at.second + 1 >= r.cells.size()) return {};
    const Cell& c = r.cells[at.second + 1].cell;
    if (fieldLabels().count(labelText(c.text))) return {};
    return c;
  }

  void set(const char* column, Cell cell) {
    const auto& cols = recordColumns();
    const size_t i = static_cast<size_t>(std::find(cols.begin(), cols.end(), column) - cols.begin());
    record_.cells[i] = std::move(cell);
  }

  void error(int line, const std::string& column, const std::string& message) {
    out_.errors.push_back({row_, line, column, "工作表“" + g_.sheet + "”：" + message});
  }

  // The row holding 三级指标 beside 一级指标 or 二级指标, at or below `from`.
  size_t indicatorHeader(size_t from) const {
    for (size_t r = from; r < g_.rows.size(); ++r) {
      bool level3 = false, level12 = false;
      for (const GridCell& c : g_.rows[r].cells) {
        const std::string h = canonicalHeading(c.cell.text);
        level3 |= h == kLevel3;
        level12 |= h == kLevel1 || h == kLevel2;
      }
      if (level3 && level12) return r;
    }
    return kNone;
  }

  // "（2022年度）" above 项目名称, or a label 年度 with the year beside it.
  void readYear(size_t before) {
    static const std::regex year(R"((\d{4})\s*年度)");
    for (size_t r = 0; r < std::min(before + 1, g_.rows.size()); ++r)
      for (const GridCell& c : g_.rows[r].cells) {
        std::smatch m;
        if (c.cell.kind == Cell::Kind::Text && std::regex_search(c.cell.text, m, year)) {
          set(kYear, Cell(Cell::Kind::Text, m[1].str()));
          return;
        }
      }
    if (auto l = findLabel([](const std::string& s) { return s == kYear || s == "评价年度" || s == "自评年度"; }))
      set(kYear, valueRightOf(*l));
  }

  // 年度总体目标: the text under 预期目标 and 实际完成情况, or beside the
  // label when the form has no such headings. Returns the label's row.
  size_t readGoal(size_t header) {
    const auto goal = findLabel([](const std::string& s) { return s == kGoal || s == "总体目标"; }, 0, header);
    if (!goal) return header;
    const int labelCol = cellAt(*goal).col;
    std::optional<At> achieved;
    size_t headingsRow = goal->first;
    for (size_t r = goal->first; r < std::min(goal->first + 2, header) && !achieved; ++r) {
      achieved = findLabel([](const std::string& s) { return s == kAchieved || s == "实际完成"; }, r, r + 1);
      headingsRow = r;
    }
    std::string expected, done;
    auto add = [](std::string& to, const std::string& text) { to += (to.empty() ? "" : "\n") + text; };
    if (!achieved) {
      for (const GridCell& c : g_.rows[goal->first].cells)
        if (c.col > labelCol) add(expected, c.cell.text);
    } else {
      const int split = cellAt(*achieved).col;
      for (size_t r = headingsRow + 1; r < header; ++r) {
        if (findLabel([](const std::string& s) { return s == kIndicators; }, r, r + 1)) break;
        for (const GridCell& c : g_.rows[r].cells) {
          if (c.col <= labelCol) continue;
          add(c.col < split ? expected : done, c.cell.text);
        }
      }
    }
    if (!expected.empty()) set(kGoal, Cell(Cell::Kind::Text, expected));
    if (!done.empty()) set(kAchieved, Cell(Cell::Kind::Text, done));
    return goal->first;
  }

  // The headings of `r` right of column `after`, by column.
  std::vector<Heading> headingsOf(size_t r, int after) const {
    std::vector<Heading> out;
    for (const GridCell& c : g_.rows[r].cells)
      if (c.col > after && !isBlank(c.cell.text)) out.push_back({c.col, canonicalHeading(c.cell.text)});
    return out;
  }

  // The heading a cell falls under (its own column or a merged one to its
  // left); null past the table.
  static const Heading* owner(const std::vector<Heading>& hs, int col) {
    const Heading* h = nullptr;
    for (const Heading& x : hs)
      if (x.col <= col) h = &x;
    if (h == &hs.back() && col > h->col + kLastHeadingReach) return nullptr;
    return h;
  }

  // The cells of one table row by heading. Two values under one heading, or
  // a value past the table, are errors naming the cells.
  std::map<std::string, Cell> byHeading(const GridRow& r, const std::vector<Heading>& hs, int from, const char* table,
                                        std::vector<std::string>& problems) const {
    std::map<std::string, Cell> out;
    std::map<std::string, int> where;
    for (const GridCell& c : r.cells) {
      if (c.col < from) continue;
      const Heading* h = owner(hs, c.col);
      if (!h) {
        problems.push_back("单元格 " + cellName(c.col, r.number) + " 有值，但不在" + table + "的任何一列之下");
        continue;
      }
      if (auto [it, added] = where.emplace(h->name, c.col); !added) {
        problems.push_back("单元格 " + cellName(it->second, r.number) + " 和 " + cellName(c.col, r.number) + " 都在“" +
                           h->name + "”之下，无法确定用哪一个");
        out.erase(h->name);
        continue;
      }
      out[h->name] = c.cell;
    }
    return out;
  }

  // The funds block above row `end`: the headings' row, then one row per source.
  void readFunds(size_t end) {
    const auto label = findLabel([](const std::string& s) { return s == kFunds; }, 0, end);
    if (!label) return;
    const int labelCol = cellAt(*label).col;
    size_t headRow = kNone;
    for (size_t r = label->first; r < std::min(label->first + 3, end) && headRow == kNone; ++r)
      for (const GridCell& c : g_.rows[r].cells) {
        const std::string h = canonicalHeading(c.cell.text);
        if (h == "年初预算数" || h == "全年预算数" || h == "全年执行数") headRow = r;
      }
    if (headRow == kNone) return;
    std::vector<Heading> hs = headingsOf(headRow, labelCol);
    hs.erase(std::remove_if(hs.begin(), hs.end(), [](const Heading& h) { return h.name == kSource; }), hs.end());
    if (hs.empty()) return;
    const int firstFigure = hs.front().col;

    auto list = std::make_shared<Table>();
    list->columns = {kSource};
    for (const Heading& h : hs)
      if (std::find(list->columns.begin(), list->columns.end(), h.name) == list->columns.end()) list->columns.push_back(h.name);
    std::vector<std::string> problems;
    for (size_t r = headRow + 1; r < end; ++r) {
      const GridRow& row = g_.rows[r];
      Cell source;
      for (size_t i = 0; i < row.cells.size(); ++i) {
        const GridCell& c = row.cells[i];
        if (c.col >= firstFigure || (r == label->first && i == label->second)) continue;
        if (c.col > labelCol || (c.col == labelCol && r != label->first)) source = Cell(Cell::Kind::Text, fundSourceName(c.cell.text));
      }
      std::map<std::string, Cell> values = byHeading(row, hs, firstFigure, "项目资金表", problems);
      for (auto it = values.begin(); it != values.end();)
        it = isPlaceholder(it->second.text) ? values.erase(it) : std::next(it);
      if (values.empty()) continue;  // a source the unit did not use
      Record rec;
      rec.row = static_cast<int>(list->records.size()) + 1;
      rec.line = row.number;
      rec.cells.resize(list->columns.size());
      rec.cells[0] = source;
      for (size_t k = 1; k < list->columns.size(); ++k)
        if (auto v = values.find(list->columns[k]); v != values.end()) rec.cells[k] = v->second;
      list->records.push_back(std::move(rec));
    }
    for (const std::string& p : problems) error(record_.line, kFunds, "项目资金：" + p);
    Cell cell;
    cell.kind = Cell::Kind::Rows;
    cell.rows = std::move(list);
    set(kFunds, std::move(cell));
  }

  // Returns the grid row where the table ended.
  size_t readIndicators(size_t header) {
    std::vector<Heading> hs;
    for (const GridCell& c : g_.rows[header].cells) {
      const std::string h = canonicalHeading(c.cell.text);
      if (hs.empty() && h != kLevel1 && h != kLevel2 && h != kLevel3) continue;  // the label 绩效指标 on its left
      if (!isBlank(c.cell.text)) hs.push_back({c.col, h});
    }
    const int left = hs.front().col;
    auto list = std::make_shared<Table>();
    std::set<std::string> seen;
    for (const Heading& h : hs) {
      if (!seen.insert(h.name).second) {
        error(g_.rows[header].number, kIndicators,
              "绩效指标表有不止一列“" + h.name + "”（第" + std::to_string(g_.rows[header].number) + "行），无法确定用哪一列");
        return header + 1;
      }
      list->columns.push_back(h.name);
    }
    const auto column = [&](const char* name) -> std::optional<size_t> { return list->columnIndex(name); };
    const auto level1 = column(kLevel1), level2 = column(kLevel2);

    std::vector<std::string> problems;
    std::optional<Cell> carried1, carried2;
    size_t r = header + 1;
    for (; r < g_.rows.size(); ++r) {
      const GridRow& row = g_.rows[r];
      if (row.cells.empty()) continue;
      bool total = false, leftOfTable = false;
      for (const GridCell& c : row.cells) {
        total |= isTotalLabel(labelText(c.cell.text));
        leftOfTable |= c.col < left;
      }
      if (total) {
        std::vector<std::string> ignored;  // the 总分 row's label spans the table's columns
        const auto values = byHeading(row, hs, 0, "绩效指标表", ignored);
        if (auto s = values.find(kScore); s != values.end() && !isTotalLabel(labelText(s->second.text))) set(kTotal, s->second);
        ++r;
        break;
      }
      if (leftOfTable || startsNotes(labelText(row.cells.front().cell.text))) break;
      std::map<std::string, Cell> values = byHeading(row, hs, left, "绩效指标表", problems);
      if (level1) {
        if (auto v = values.find(kLevel1); v != values.end()) {
          carried1 = v->second;
          carried2.reset();  // a new 一级 starts its own 二级
        }
      }
      if (level2)
        if (auto v = values.find(kLevel2); v != values.end()) carried2 = v->second;
      const bool content = std::any_of(values.begin(), values.end(), [](const auto& kv) {
        return kv.first != kLevel1 && kv.first != kLevel2 && !(kv.first == kLevel3 && isNumberedPlaceholder(kv.second.text));
      });
      if (!content) continue;  // blank, a 一级/二级 heading row of its own, or the printed "指标1：" left unused
      Record rec;
      rec.row = static_cast<int>(list->records.size()) + 1;
      rec.line = row.number;
      rec.cells.resize(list->columns.size());
      for (size_t k = 0; k < list->columns.size(); ++k)
        if (auto v = values.find(list->columns[k]); v != values.end()) rec.cells[k] = v->second;
      if (level1 && carried1 && rec.cells[*level1].kind == Cell::Kind::Missing) rec.cells[*level1] = *carried1;
      if (level2 && carried2 && rec.cells[*level2].kind == Cell::Kind::Missing) rec.cells[*level2] = *carried2;
      list->records.push_back(std::move(rec));
    }
    for (const std::string& p : problems) error(record_.line, kIndicators, "绩效指标：" + p);
    Cell cell;
    cell.kind = Cell::Kind::Rows;
    cell.rows = std::move(list);
    set(kIndicators, std::move(cell));
    return r;
  }

  const Grid& g_;
  int row_;
  Table& out_;
  Record record_;
};

}  // namespace

bool hasProjectFormLabel(const xlsx::Grid& grid) {
  bool nameAbove = false;
  for (const GridRow& r : grid.rows) {
    bool name = false, level3 = false, level12 = false;
    for (const GridCell& c : r.cells) {
      if (c.cell.kind != Cell::Kind::Text) continue;
      const std::string label = labelText(c.cell.text);
      if (label == kIndicators) return true;
      name |= label == kProjectName;
      const std::string heading = canonicalHeading(c.cell.text);
      level3 |= heading == kLevel3;
      level12 |= heading == kLevel1 || heading == kLevel2;
    }
    // A form captioned otherwise ("年度绩效指标"): its indicator headings below
    // 项目名称. In the same row they are the header of a long table.
    if (nameAbove && level3 && level12) return true;
    nameAbove |= name;
  }
  return false;
}

bool isProjectFormWorkbook(const xlsx::Workbook& book, const std::string& sheet, bool& forms, std::string& error) {
  forms = false;
  for (const xlsx::SheetEntry& s : book.sheets()) {
    if (!sheet.empty() && &s != book.find(sheet)) continue;
    Grid top;
    if (!book.read(s, top, error, kFormPeekRows)) return false;
    if (hasProjectFormLabel(top)) {
      forms = true;
      return true;
    }
  }
  return true;
}

void readProjectFormSheet(const xlsx::Grid& grid, int row, bool hidden, Table& out) {
  FormSheet(grid, row, out).read(hidden);
}

Table readProjectForms(const xlsx::Workbook& book, const std::string& sheet) {
  Table out;
  out.columns = recordColumns();
  const auto& sheets = book.sheets();
  for (size_t i = 0; i < sheets.size(); ++i) {
    if (!sheet.empty() && &sheets[i] != book.find(sheet)) continue;
    Grid grid;
    std::string error;
    if (!book.read(sheets[i], grid, error)) {
      out.errors.push_back({static_cast<int>(i) + 1, 0, "", "工作表“" + sheets[i].name + "”：" + error});
      continue;
    }
    readProjectFormSheet(grid, static_cast<int>(i) + 1, sheets[i].hidden, out);
  }
  return out;
}

}  // namespace defen
