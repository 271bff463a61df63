#include "compiler/report/template_sheet.h"

#include "compiler/report/csv_cell.h"

#include "compiler/io/xlsx_common.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <fstream>

namespace defen {
namespace {


// A drop-down list, when Excel can hold it: the values are joined with commas
// into one string of at most 255 characters, so a value may not contain a comma.
void addList(lxw_worksheet* ws, lxw_col_t col, const TemplateColumn& c) {
  if (c.choices.empty()) return;
  size_t length = 0;
  for (const auto& v : c.choices) {
    if (v.find(',') != std::string::npos) return;
    length += v.size() + 1;
  }
  if (length > 255) return;
  std::vector<char*> list;
  for (const auto& v : c.choices) list.push_back(const_cast<char*>(v.c_str()));
  list.push_back(nullptr);
  lxw_data_validation dv{};
  dv.validate = LXW_VALIDATION_TYPE_LIST;
  dv.value_list = list.data();
  dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  dv.error_title = const_cast<char*>("取值不在列表中");
  dv.error_message = const_cast<char*>("请从下拉列表中选择。");
  worksheet_data_validation_range(ws, 1, col, LXW_ROW_MAX - 1, col, &dv);
}

// Excel's data validation of a numeric column: the range the column's note
// gives, with a prompt while typing and a message (in Chinese) when refused.
void addRange(lxw_worksheet* ws, lxw_col_t col, const TemplateColumn& c) {
  if (c.cell == TemplateCell::Text || (!c.low && !c.high)) return;
  lxw_data_validation dv{};
  dv.validate = c.cell == TemplateCell::Count ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
  if (c.low && c.high) {
    dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    dv.minimum_number = *c.low;
    dv.maximum_number = *c.high;
  } else if (c.low) {
    dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
    dv.value_number = *c.low;
  } else {
    dv.criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
    dv.value_number = *c.high;
  }
  // Excel allows 32 characters in a title and 255 in a message.
  const std::string input = "取值范围：" + c.rangeText + (c.cell == TemplateCell::Ratio ? "（可直接输入 35.74%）" : "");
  const std::string error = c.strict ? "“" + c.name + "”的取值范围：" + c.rangeText + "，请重新输入。"
                                     : "“" + c.name + "”通常在 " + c.rangeText + " 之内；比率请带 %，如 35.74%。仍要输入请点“是”。";
  dv.input_title = const_cast<char*>("填写提示");
  dv.input_message = const_cast<char*>(input.c_str());
  dv.error_type = c.strict ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_WARNING;
  dv.error_title = const_cast<char*>(c.strict ? "超出取值范围" : "请核对取值");
  dv.error_message = const_cast<char*>(error.c_str());
  worksheet_data_validation_range(ws, 1, col, LXW_ROW_MAX - 1, col, &dv);
}

}  // namespace

bool writeTemplateXlsx(const std::string& path, const DataTemplate& tmpl, std::string& error) {
  lxw_workbook* wb = xlsx::newWorkbook(path, error);
  if (!wb) return false;
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_align(header, LXW_ALIGN_CENTER);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color(header, 0xDDEBF7);
  lxw_format* required = workbook_add_format(wb);
  format_set_bold(required);
  format_set_text_wrap(required);
  format_set_border(required, LXW_BORDER_THIN);
  format_set_align(required, LXW_ALIGN_CENTER);
  format_set_align(required, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color(required, 0xFCE4D6);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  // Data cells by kind: text stays text (a code keeps its leading zeros);
  // amounts, rates, counts and scores are numbers, so Excel can sum and check
  // them. The reader takes a number cell at its shortest decimal form (a
  // double holds 3974522.77 close enough to give it back to the cent) and a
  // rate cell's 0.3574 as 35.74%; it still accepts 3,974,522.77 typed as text.
  auto numberFormat = [&](const char* code) {
    lxw_format* f = workbook_add_format(wb);
    format_set_num_format(f, code);
    return f;
  };
  lxw_format* text = numberFormat("@");
  auto cellFormat = [&, money = numberFormat("#,##0.00"), ratio = numberFormat("0.00%"), count = numberFormat("0"),
                     score = numberFormat("0.00")](TemplateCell kind) -> lxw_format* {
    switch (kind) {
      case TemplateCell::Text: return text;
      case TemplateCell::Money: return money;
      case TemplateCell::Ratio: return ratio;
      case TemplateCell::Count: return count;
      case TemplateCell::Number: return nullptr;
      case TemplateCell::Score: return score;
    }
    return text;
  };

  // The data sheet comes first: it is the one `defen eval` reads by default.
  lxw_worksheet* data = workbook_add_worksheet(wb, "数据");
  worksheet_set_comments_author(data, const_cast<char*>("defen"));
  for (size_t i = 0; i < tmpl.columns.size(); ++i) {
    const TemplateColumn& c = tmpl.columns[i];
    const auto col = static_cast<lxw_col_t>(i);
    worksheet_write_string(data, 0, col, c.name.c_str(), c.required ? required : header);
    lxw_comment_options opt{};
    opt.width = 360;
    opt.height = static_cast<uint16_t>(std::min(400.0, xlsx::rowHeight({{c.note, 40}}) * 1.35 + 20));
    worksheet_write_comment_opt(data, 0, col, c.note.c_str(), &opt);
    worksheet_set_column(data, col, col, std::clamp(xlsx::displayWidth(c.name) + 4, 12, 40), cellFormat(c.cell));
    addList(data, col, c);
    addRange(data, col, c);
  }
  worksheet_set_row(data, 0, 36, nullptr);
  worksheet_freeze_panes(data, 1, 1);

  lxw_worksheet* notes = workbook_add_worksheet(wb, "填写说明");
  worksheet_write_string(notes, 0, 0, (tmpl.title + " — 数据填写说明").c_str(), nullptr);
  const char* heads[] = {"列名", "类型", "必填", "说明"};
  for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(notes, 1, c, heads[c], header);
  lxw_row_t row = 2;
  for (const auto& c : tmpl.columns) {
    worksheet_write_string(notes, row, 0, c.name.c_str(), wrap);
    worksheet_write_string(notes, row, 1, c.kind.c_str(), wrap);
    worksheet_write_string(notes, row, 2, c.required ? "是" : "否", wrap);
    worksheet_write_string(notes, row, 3, c.note.c_str(), wrap);
    worksheet_set_row(notes, row, xlsx::rowHeight({{c.name, 24}, {c.note, 80}}), nullptr);
    ++row;
  }
  ++row;
  for (const auto& r : tmpl.remarks) {
    worksheet_write_string(notes, row, 0, r.c_str(), nullptr);
    ++row;
  }
  worksheet_set_column(notes, 0, 0, 24, nullptr);
  worksheet_set_column(notes, 1, 1, 14, nullptr);
  worksheet_set_column(notes, 2, 2, 6, nullptr);
  worksheet_set_column(notes, 3, 3, 80, nullptr);

  const lxw_error status = workbook_close(wb);
  if (status != LXW_NO_ERROR) {
    error = "无法写入 Excel 文件 " + path + "（" + lxw_strerror(status) + "）";
    return false;
  }
  return true;
}

void writeTemplateCsv(std::ostream& out, const DataTemplate& tmpl) {
  for (size_t i = 0; i < tmpl.columns.size(); ++i) out << (i ? "," : "") << csvText(tmpl.columns[i].name);
  out << "\r\n";  // as Excel writes CSV
}

void writeTemplateNotes(std::ostream& out, const DataTemplate& tmpl) {
  out << tmpl.title << " — 数据填写说明\n";
  for (const auto& c : tmpl.columns) {
    out << "\n" << c.name << "（" << c.kind << (c.required ? "，必填" : "") << "）\n";
    size_t start = 0;
    while (start <= c.note.size()) {
      const size_t end = std::min(c.note.find('\n', start), c.note.size());
      out << "  " << c.note.substr(start, end - start) << "\n";
      start = end + 1;
    }
  }
  if (!tmpl.remarks.empty()) out << "\n";
  for (const auto& r : tmpl.remarks) out << r << "\n";
}

}  // namespace defen
