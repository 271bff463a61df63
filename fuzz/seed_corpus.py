#!/usr/bin/env python3
"""Rebuilds the seed corpora in fuzz/corpus/<target>/ from the tests.

Seeds are small on purpose (each under 4 KB, a few dozen per target): the
fuzzer grows its working corpus in build-fuzz/ from them; only seeds and the
reproducers of fixed crashes (fuzz/corpus/<target>/crash-*) live in the repo.
Run after adding golden cases; crash-* files are kept.
"""
import io
import pathlib
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
MAX = 4096


def reset(target):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    for f in d.iterdir():
        if not f.name.startswith("crash-"):
            f.unlink()
    return d


def small(paths):
    return [p for p in sorted(paths) if p.stat().st_size <= MAX]


# Rulesets: every golden check and eval case, and the shipped rulesets that fit.
d = reset("parse_check")
for p in small(ROOT.glob("tests/golden/*/*/case.rules")):
    (d / f"{p.parent.parent.name}-{p.parent.name}.rules").write_bytes(p.read_bytes())
for p in small(ROOT.glob("rulesets/*.rules")):
    (d / f"ruleset-{p.name}").write_bytes(p.read_bytes())

# JSON data files of the golden eval cases, plus shapes they lack.
d = reset("read_json")
for p in small(ROOT.glob("tests/golden/eval/*/data.json")):
    (d / f"{p.parent.name}.json").write_bytes(p.read_bytes())
(d / "object.json").write_text('{"名称": "单位1", "年度实际支出": 950000.00, "有下属单位": true, "备注": null}')
(d / "nested.json").write_text('[{"a": {"b": 1}}, 3, {"a": [1, 2]}, {"a": 1e400}]')

# CSV: the golden CSV case, the JSON cases' rows as CSV, GB18030 and quoting.
d = reset("read_csv")
for p in small(ROOT.glob("tests/golden/eval/*/data.csv")):
    (d / f"{p.parent.name}.csv").write_bytes(p.read_bytes())
(d / "quoting.csv").write_bytes('名称,金额,说明\r\n"a ""b""",1,"多\n行"\r\n,,\r\n"x",2,3,4\r\n'.encode())
(d / "gb18030.csv").write_bytes("名称,年度实际支出\n单位一,１２３万元\n".encode("gb18030"))
(d / "bom.csv").write_bytes(b"\xef\xbb\xbf" + "名称,比率\n甲,35.74%\n".encode())

# Excel: the "@@"-separated parts the target zips, and one real archive.
d = reset("read_xlsx")
sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
         '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>年度实际支出</t></is></c></row>'
         '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>950000.5</v></c><c r="C2" t="b"><v>1</v></c></row>'
         '<row r="4"><c r="B4" t="str"><v>12万元</v></c></row></sheetData></worksheet>')
shared = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>名称</t></si>'
          '<si><r><t>单位</t></r><r><t xml:space="preserve"> 1</t></r></si></sst>')
(d / "parts.txt").write_text(sheet + "\n@@\n" + shared + "\n")
(d / "sheet-only.txt").write_text(sheet.replace('t="s"', 't="n"'))
# A 项目支出绩效自评表 (read form by form, compiler/io/project_form_xlsx.h): labels,
# the funds block, the indicator table with a merged 一级, 总分.
def row(n, cells):
    return f'<row r="{n}">' + "".join(
        f'<c r="{ref}"><v>{v}</v></c>' if isinstance(v, (int, float)) else f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
        for ref, v in cells) + "</row>"
form = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + row(1, [("A1", "项目支出绩效自评表")]) + row(2, [("A2", "（2022年度）")])
        + row(3, [("A3", "项目名称"), ("B3", "委托业务项目")])
        + row(4, [("A4", "项目资金（万元）"), ("D4", "年初预算数"), ("E4", "全年预算数"), ("F4", "全年执行数"), ("G4", "分值")])
        + row(5, [("B5", "年度资金总额"), ("D5", 90), ("E5", 89.974), ("F5", 89.974), ("G5", 10)])
        + row(6, [("B6", "其中：当年财政拨款"), ("D6", 90), ("G6", "—")])
        + row(7, [("A7", "绩效指标"), ("B7", "一级指标"), ("C7", "二级指标"), ("D7", "三级指标"), ("E7", "年度指标值（A）"),
                  ("F7", "实际完成值"), ("G7", "分值"), ("H7", "得分")])
        + row(8, [("B8", "产出指标"), ("C8", "数量指标"), ("D8", "数量"), ("E8", "≥50个"), ("F8", 50), ("G8", 8)])
        + row(9, [("C9", "质量指标"), ("D9", "指标2："), ("G9", 8), ("H9", 8), ("I9", 8)])
        + row(10, [("A10", "总分"), ("G10", 100), ("H10", 90)]) + "</sheetData></worksheet>")
(d / "form.txt").write_text(form)
parts = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                   'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
                       'officeDocument/2006/relationships"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                                  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                                  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                                  'Target="sharedStrings.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": sheet,
    "xl/sharedStrings.xml": shared,
}
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), text)
(d / "workbook.xlsx").write_bytes(buf.getvalue())

# Rows (fuzz/fuzz_record.h): per shipped ruleset, an empty row, generated
# rows, and generated rows with edited cells.
rulesets = sorted(ROOT.glob("rulesets/*.rules"))
for target in ("evaluate", "differential"):
    d = reset(target)
    for i, p in enumerate(rulesets):
        stem = p.stem
        (d / f"{stem}-empty").write_bytes(bytes([i, 0]))
        for base in (1, 2, 40, 200):
            (d / f"{stem}-row{base}").write_bytes(bytes([i, base]))
        (d / f"{stem}-edits").write_bytes(bytes([i, 3]) + "0=1万元\n1=35.74%\n2\n4=是\n9=-1\n名称=单位".encode())
        (d / f"{stem}-overrides").write_bytes(bytes([i, 5]) + "3=1e20\n5=优\n6=2\n7=核定理由".encode())
