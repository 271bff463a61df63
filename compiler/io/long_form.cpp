#include "compiler/io/long_form.h"

#include "compiler/io/project_form.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>

namespace defen {
namespace {

using namespace projectform;

// Seen in place: asked of every cell of every line, a copy each was most of grouping's time.
std::string_view trimmedView(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string trimmed(const std::string& s) { return std::string(trimmedView(s)); }

bool hasValue(const Cell& c) { return c.kind != Cell::Kind::Missing && !trimmedView(c.text).empty(); }

// The declared name a header matches: exactly, else as the form's wordings
// of the same heading ("年度指标值（A）" for 年度指标值).
std::optional<std::string> matchName(const std::string& header, const std::vector<std::string>& names) {
  for (const auto& n : names)
    if (n == header) return n;
  const std::string h = canonicalHeading(header);
  for (const auto& n : names)
    if (canonicalHeading(n) == h) return n;
  return std::nullopt;
}

// What each column of the long table is.
struct Roles {
  enum Kind { Project, List, Spread };
  struct Column {
    Kind kind = Project;
    size_t out = 0;        // Project: output column; List: list column; Spread: list column
    size_t spread = 0;     // Spread: which list
    size_t spreadRow = 0;  // Spread: which row (行名)
  };
  std::vector<Column> columns;              // one per input column
  std::vector<std::string> projectColumns;  // output columns before the lists
  std::vector<std::string> listColumns;
  struct SpreadShape {
    std::vector<std::string> columns;  // the label column, then the figures
    std::vector<std::string> rows;     // 行名 in order of first appearance
  };
  std::vector<SpreadShape> spread;  // one per layout.spread (empty when none of its columns is there)
  std::optional<size_t> level1, level2;  // in listColumns
};

Roles rolesOf(const Table& lines, const LongFormLayout& layout) {
  Roles roles;
  const std::vector<std::string>& declared = layout.listColumns.empty() ? indicatorColumns() : layout.listColumns;
  roles.spread.resize(layout.spread.size());
  for (size_t s = 0; s < layout.spread.size(); ++s) roles.spread[s].columns = {layout.spread[s].labelColumn};
  std::map<std::string, size_t> listIndex;
  for (const std::string& name : lines.columns) {
    Roles::Column role;
    const size_t dot = name.rfind('.');
    bool spread = false;
    if (name != layout.key && dot != std::string::npos && dot > 0) {
      const std::string rowName = trimmed(name.substr(0, dot));
      for (size_t s = 0; s < layout.spread.size() && !spread; ++s) {
        if (lines.columnIndex(layout.spread[s].name)) continue;  // the list is a column of its own
        auto column = matchName(name.substr(dot + 1), layout.spread[s].columns);
        if (!column) continue;
        auto& shape = roles.spread[s];
        auto c = std::find(shape.columns.begin(), shape.columns.end(), *column);
        if (c == shape.columns.end()) c = shape.columns.insert(shape.columns.end(), *column);
        auto r = std::find(shape.rows.begin(), shape.rows.end(), rowName);
        if (r == shape.rows.end()) r = shape.rows.insert(shape.rows.end(), rowName);
        role = {Roles::Spread, static_cast<size_t>(c - shape.columns.begin()), s, static_cast<size_t>(r - shape.rows.begin())};
        spread = true;
      }
    }
    if (!spread && name != layout.key) {
      if (auto column = matchName(name, declared)) {
        auto [it, added] = listIndex.emplace(*column, roles.listColumns.size());
        if (added) roles.listColumns.push_back(*column);
        role = {Roles::List, it->second, 0, 0};
        spread = true;
      }
    }
    if (!spread) {
      role = {Roles::Project, roles.projectColumns.size(), 0, 0};
      roles.projectColumns.push_back(name);
    }
    roles.columns.push_back(role);
  }
  for (size_t i = 0; i < roles.listColumns.size(); ++i) {
    if (roles.listColumns[i] == kLevel1) roles.level1 = i;
    if (roles.listColumns[i] == kLevel2) roles.level2 = i;
  }
  return roles;
}

std::string lineName(const Record& r) { return "第" + std::to_string(r.line > 0 ? r.line : r.row) + "行"; }

// The lines of one project.
struct Group {
  std::string key;
  std::vector<const Record*> lines;
};

class Grouper {
 public:
  Grouper(const Table& lines, const LongFormLayout& layout) : in_(lines), layout_(layout), roles_(rolesOf(lines, layout)) {}

  Table run() {
    out_.columns = roles_.projectColumns;
    std::vector<size_t> spreadOut(roles_.spread.size());
    for (size_t s = 0; s < roles_.spread.size(); ++s) {
      if (roles_.spread[s].rows.empty()) continue;
      spreadOut[s] = out_.columns.size();
      out_.columns.push_back(layout_.spread[s].name);
    }
    listOut_ = out_.columns.size();
    out_.columns.push_back(layout_.list);
    spreadOut_ = std::move(spreadOut);
    for (const ReadError& e : in_.errors)
      if (e.row <= 0) out_.errors.push_back(e);

    const size_t key = *in_.columnIndex(layout_.key);
    for (const Record& line : in_.records) {
      const std::string name = key < line.cells.size() ? trimmed(line.cells[key].text) : "";
      if (name.empty() && groups_.empty()) {
        out_.errors.push_back({0, line.line, layout_.key, lineName(line) + "没有" + layout_.key + "，也不接在某个项目之后，未读取"});
        continue;
      }
      if (groups_.empty() || (!name.empty() && name != groups_.back().key)) groups_.push_back({name, {}});
      groups_.back().lines.push_back(&line);
    }
    separatedProjects();
    for (size_t g = 0; g < groups_.size(); ++g) out_.records.push_back(recordOf(groups_[g], static_cast<int>(g) + 1));
    lineErrors();
    return std::move(out_);
  }

 private:
  // The same key in two places: which lines were meant is a guess, so
  // neither part is scored.
  void separatedProjects() {
    std::map<std::string, size_t> first;
    for (size_t g = 0; g < groups_.size(); ++g) {
      auto [it, added] = first.emplace(groups_[g].key, g);
      if (added) continue;
      const Group& a = groups_[it->second];
      const Group& b = groups_[g];
      const std::string message = layout_.key + "“" + b.key + "”的行不相连：" + span(a) + "，又见于" + span(b) +
                                  "；同一项目的各行应连续排列";
      out_.errors.push_back({static_cast<int>(it->second) + 1, a.lines.front()->line, layout_.key, message});
      out_.errors.push_back({static_cast<int>(g) + 1, b.lines.front()->line, layout_.key, message});
    }
  }

  static std::string span(const Group& g) {
    const int a = g.lines.front()->line, b = g.lines.back()->line;
    return a == b ? "第" + std::to_string(a) + "行" : "第" + std::to_string(a) + "～" + std::to_string(b) + "行";
  }

  Record recordOf(const Group& g, int row) {
    Record rec;
    rec.row = row;
    rec.line = g.lines.front()->line;
    rec.cells.resize(out_.columns.size());
    // Project fields and spread figures: the value written, the same on
    // every line that writes it.
    std::vector<const Record*> from(in_.columns.size(), nullptr);
    std::vector<bool> conflict(in_.columns.size(), false);
    std::vector<Cell> value(in_.columns.size());
    for (const Record* line : g.lines)
      for (size_t c = 0; c < in_.columns.size() && c < line->cells.size(); ++c) {
        if (roles_.columns[c].kind == Roles::List || conflict[c] || !hasValue(line->cells[c])) continue;
        if (!from[c]) {
          from[c] = line;
          value[c] = line->cells[c];
        } else if (trimmedView(value[c].text) != trimmedView(line->cells[c].text)) {
          conflict[c] = true;
          value[c] = Cell{};
          const Roles::Column& role = roles_.columns[c];
          out_.errors.push_back({row, rec.line, role.kind == Roles::Spread ? layout_.spread[role.spread].name : in_.columns[c],
                                 layout_.key + "“" + g.key + "”的“" + in_.columns[c] + "”前后不一致：" + lineName(*from[c]) +
                                     "为“" + trimmed(from[c]->cells[c].text) + "”，" + lineName(*line) + "为“" +
                                     trimmed(line->cells[c].text) + "”"});
        }
      }
    std::vector<std::shared_ptr<Table>> spreads(roles_.spread.size());
    for (size_t s = 0; s < roles_.spread.size(); ++s) {
      if (roles_.spread[s].rows.empty()) continue;
      spreads[s] = std::make_shared<Table>();
      spreads[s]->columns = roles_.spread[s].columns;
      for (size_t r = 0; r < roles_.spread[s].rows.size(); ++r) {
        Record sr;
        sr.row = static_cast<int>(r) + 1;
        sr.line = rec.line;
        sr.cells.resize(spreads[s]->columns.size());
        sr.cells[0] = Cell(Cell::Kind::Text, roles_.spread[s].rows[r]);
        spreads[s]->records.push_back(std::move(sr));
      }
    }
    for (size_t c = 0; c < in_.columns.size(); ++c) {
      const Roles::Column& role = roles_.columns[c];
      if (role.kind == Roles::Project) rec.cells[role.out] = value[c];
      else if (role.kind == Roles::Spread) spreads[role.spread]->records[role.spreadRow].cells[role.out] = value[c];
    }
    for (size_t s = 0; s < spreads.size(); ++s) {
      if (!spreads[s]) continue;
      // A source with no figure on any line is one the project does not use.
      auto& recs = spreads[s]->records;
      recs.erase(std::remove_if(recs.begin(), recs.end(),
                                [](const Record& r) { return std::none_of(r.cells.begin() + 1, r.cells.end(), hasValue); }),
                 recs.end());
      for (size_t i = 0; i < recs.size(); ++i) recs[i].row = static_cast<int>(i) + 1;
      rec.cells[spreadOut_[s]].kind = Cell::Kind::Rows;
      rec.cells[spreadOut_[s]].rows = std::move(spreads[s]);
    }

    auto list = std::make_shared<Table>();
    list->columns = roles_.listColumns;
    std::optional<Cell> carried1, carried2;
    for (const Record* line : g.lines) {
      Record lr;
      lr.line = line->line;
      lr.cells.resize(list->columns.size());
      bool any = false;
      for (size_t c = 0; c < in_.columns.size() && c < line->cells.size(); ++c) {
        if (roles_.columns[c].kind != Roles::List || !hasValue(line->cells[c])) continue;
        lr.cells[roles_.columns[c].out] = line->cells[c];
        any = true;
      }
      if (!any) continue;  // a line with the project's fields only
      carry(lr, roles_.level1, carried1, &carried2);
      carry(lr, roles_.level2, carried2, nullptr);
      lr.row = static_cast<int>(list->records.size()) + 1;
      list->records.push_back(std::move(lr));
    }
    rec.cells[listOut_].kind = Cell::Kind::Rows;
    rec.cells[listOut_].rows = std::move(list);
    return rec;
  }

  // 一级/二级 written on the first line of their rows only.
  static void carry(Record& r, std::optional<size_t> column, std::optional<Cell>& carried, std::optional<Cell>* below) {
    if (!column) return;
    Cell& c = r.cells[*column];
    if (hasValue(c)) {
      if (below && !(carried && trimmedView(carried->text) == trimmedView(c.text))) below->reset();
      carried = c;
    } else if (carried) {
      c = *carried;
    }
  }

  // A line the reader refused, or a cell it could not take, belongs to the
  // project around it: that project is not scored on a partial list.
  void lineErrors() {
    std::map<int, size_t> groupOfRow;
    for (size_t g = 0; g < groups_.size(); ++g)
      for (const Record* line : groups_[g].lines) groupOfRow[line->row] = g;
    for (const ReadError& e : in_.errors) {
      if (e.row <= 0) continue;
      const auto after = groupOfRow.upper_bound(e.row);  // the first line after it
      if (after == groupOfRow.begin()) {  // before the first project
        out_.errors.push_back({0, e.line, e.column, "第" + std::to_string(e.line) + "行：" + e.message});
        continue;
      }
      const size_t g = std::prev(after)->second;
      std::string column = e.column;
      if (auto c = in_.columnIndex(e.column); c && roles_.columns[*c].kind == Roles::List) column = layout_.list;
      out_.errors.push_back({static_cast<int>(g) + 1, e.line, column, "第" + std::to_string(e.line) + "行：" + e.message});
    }
  }

  const Table& in_;
  const LongFormLayout& layout_;
  Roles roles_;
  Table out_;
  std::vector<Group> groups_;
  std::vector<size_t> spreadOut_;
  size_t listOut_ = 0;
};

}  // namespace

LongFormLayout nationalLongForm() {
  LongFormLayout layout;
  const auto& funds = fundsColumns();
  layout.spread.push_back({kFunds, funds.front(), std::vector<std::string>(funds.begin() + 1, funds.end())});
  return layout;
}

bool isLongForm(const Table& lines, const LongFormLayout& layout) {
  if (!lines.columnIndex(layout.key) || lines.columnIndex(layout.list)) return false;
  const Roles roles = rolesOf(lines, layout);
  return !roles.listColumns.empty();
}

Table groupLongForm(const Table& lines, const LongFormLayout& layout) {
  if (!lines.columnIndex(layout.key) && !lines.columnIndex(layout.list) && !rolesOf(lines, layout).listColumns.empty()) {
    Table out = lines;
    out.errors.push_back({0, 0, layout.key, "每行一个指标的长表须有“" + layout.key + "”列，用来把同一项目的各行合为一条记录"});
    return out;
  }
  if (!isLongForm(lines, layout)) return lines;
  return Grouper(lines, layout).run();
}

}  // namespace defen
