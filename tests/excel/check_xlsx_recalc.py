#!/usr/bin/env python3
"""The XLSX report's formulas, recalculated by other software than defen.

A reviewer changes a 评审 score in the workbook after the review meeting; the
合计, the grade and the subtotals must follow. The test writes seed 001's
report (86.5, 良), changes scores in the sheet XML as Excel would store
them, and has LibreOffice Calc (libreoffice-calc-nogui) recalculate every
formula on load and export each sheet to CSV (one conversion: it is slow):

- the department sheet: 主要项目实现预期效果 3 → 5, so 合计 88.5, still 良;
- 汇总: the same, and 主要指标体现履职效果 2 → 3.5, so 总分 90, 优 (90 is
  inside 优 [90, 100], outside 良 [80, 90)).

And a 项目支出绩效自评表 (examples/project-self-2020, printed as the national
form): 财政 corrects the unit's 12 for 项目成果持续发挥作用年限 to 5, so the
form's 总分 is 91.79 − 7 = 84.79 and its grade 良 (a second conversion).

The values cached in the file are the old ones, so the new figures can only
come from the formulas. Missing LibreOffice is a failure: scripts/setup
installs it.

Usage: check_xlsx_recalc.py DEFEN SOURCE_DIR
"""
import csv
import glob
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
import zipfile

DEFEN, SRC = sys.argv[1], sys.argv[2]
RULES = os.path.join(SRC, "rulesets", "zhanjiang-2022-dept.rules")
DATA = os.path.join(SRC, "examples", "zhanjiang-2022", "data.json")
DEPT = "湛江市社会科学界联合会"
FORM_RULES = os.path.join(SRC, "rulesets", "project-self-2020.rules")
FORM_DATA = os.path.join(SRC, "examples", "project-self-2020", "data.json")
FORM = "委托业务项目"
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}

# LibreOffice keeps an OOXML file's cached values unless told to recalculate:
# OOXMLRecalcMode 0 is "always", set in the throwaway profile.
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def sheet_parts(z):
    """Sheet name → part path, through the workbook's relationships."""
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
    return {s.get("name"): posixpath.join("xl", target[s.get(f"{{{NS['r']}}}id")])
            for s in wb.find("m:sheets", NS)}


def shared_strings(z):
    sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in sst.findall("m:si", NS)]


def cell_texts(xml, strings):
    """Cell reference → its text (shared strings resolved) for the string cells."""
    out = {}
    for c in ET.fromstring(xml).iter(f"{{{NS['m']}}}c"):
        v = c.find("m:v", NS)
        if c.get("t") == "s" and v is not None:
            out[c.get("r")] = strings[int(v.text)]
    return out


def set_number(xml, ref, old, new):
    """The stored value of the number cell `ref`, changed from `old` to `new`."""
    pattern = re.compile(r'(<c r="%s"[^>]*><v>)([^<]*)(</v>)' % ref)
    m = pattern.search(xml)
    assert m, ref
    assert float(m.group(2)) == old, (ref, m.group(2))
    return xml[:m.start(2)] + str(new) + xml[m.end(2):]


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


class Recalc(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="defen-xlsx.")
        cls.report = os.path.join(cls.work, "report.xlsx")
        r = subprocess.run([DEFEN, "eval", "--format", "xlsx", "-o", cls.report, RULES, DATA],
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def patched(self):
        """The report with the changed 评审 scores, as a new file."""
        with zipfile.ZipFile(self.report) as z:
            parts = sheet_parts(z)
            strings = shared_strings(z)
            files = {n: z.read(n) for n in z.namelist()}
        dept_part, summary_part = parts[DEPT], parts["汇总"]

        # Department sheet: the row whose level cell names the indicator; 得分 is column H.
        dept = files[dept_part].decode("utf-8")
        texts = cell_texts(dept, strings)
        ref = next(r for r, t in texts.items() if t == "主要项目实现预期效果" and r[0] in "ABCD")
        dept = set_number(dept, "H" + ref[1:], 3, 5)
        files[dept_part] = dept.encode("utf-8")

        # 汇总: the columns by their short header in row 2; the department on row 4.
        summary = files[summary_part].decode("utf-8")
        texts = cell_texts(summary, strings)
        column = {t: re.match(r"[A-Z]+", r).group(0) for r, t in texts.items() if r.endswith("2") and r[-2].isalpha()}
        summary = set_number(summary, column["主要项目实现预期效果"] + "4", 3, 5)
        summary = set_number(summary, column["主要指标体现履职效果"] + "4", 2, 3.5)
        files[summary_part] = summary.encode("utf-8")

        out = os.path.join(self.work, "changed.xlsx")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in files.items():
                z.writestr(name, data)
        return out

    def recalculated(self, changed, name):
        """Every sheet of `changed` recalculated by LibreOffice and exported as CSV: sheet name → rows."""
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        self.assertIsNotNone(soffice, "LibreOffice not found: scripts/setup installs libreoffice-calc-nogui")
        profile_dir = os.path.join(self.work, "profile-" + name)
        os.makedirs(os.path.join(profile_dir, "user"))
        with open(os.path.join(profile_dir, "user", "registrymodifications.xcu"), "w") as f:
            f.write(PROFILE_SETTINGS)
        out = os.path.join(self.work, "csv-" + name)
        # Every sheet to its own CSV (the last field, -1), UTF-8 (76), values as shown.
        options = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
        r = subprocess.run([soffice, f"-env:UserInstallation=file://{profile_dir}", "--headless", "--convert-to", options,
                            "--outdir", out, changed], capture_output=True, text=True, timeout=240)
        self.assertEqual(r.returncode, 0, r.stderr)
        stem = os.path.splitext(os.path.basename(changed))[0] + "-"
        return {os.path.basename(p)[len(stem):-len(".csv")]: read_csv(p) for p in glob.glob(os.path.join(out, "*.csv"))}

    def test_a_corrected_form_score_moves_the_forms_total_and_grade(self):
        report = os.path.join(self.work, "form.xlsx")
        r = subprocess.run([DEFEN, "eval", "--format", "xlsx", "-o", report, FORM_RULES, FORM_DATA],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 1, r.stderr)  # some of the example's forms are not scored, as intended
        with zipfile.ZipFile(report) as z:
            parts = sheet_parts(z)
            strings = shared_strings(z)
            files = {n: z.read(n) for n in z.namelist()}
        part = parts[FORM]
        sheet = files[part].decode("utf-8")
        # The 三级指标 is column D; its 得分 column H.
        ref = next(r for r, t in cell_texts(sheet, strings).items() if t == "项目成果持续发挥作用年限" and r[0] == "D")
        files[part] = set_number(sheet, "H" + ref[1:], 12, 5).encode("utf-8")
        changed = os.path.join(self.work, "form-changed.xlsx")
        with zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in files.items():
                z.writestr(name, data)
        form = self.recalculated(changed, "form")[FORM]
        total = next(row for row in form if row and row[0] == "总分")
        self.assertEqual(float(total[7]), 84.79)  # 91.79 − (12 − 5)
        self.assertEqual(total[9], "等级：良")

    def test_libreoffice_recalculates_total_and_grade(self):
        changed = self.patched()
        sheets = self.recalculated(changed, "dept")
        self.assertIn("汇总", sheets, sorted(sheets))

        summary = sheets["汇总"]
        self.assertEqual(summary[3][1], DEPT)
        self.assertEqual(float(summary[3][2]), 90.0)  # 86.5 + 2 + 1.5
        self.assertEqual(summary[3][3], "优")

        dept = sheets[DEPT]
        total = next(row for row in dept if row and row[0] == "合计")
        self.assertEqual(float(total[7]), 88.5)  # 86.5 + 2
        self.assertEqual(total[5], "等级：良")
        # The parent's subtotal in its merged level cell followed too: 效益 … 得 n 分.
        changed_row = next(row for row in dept if "主要项目实现预期效果" in row[:4])
        self.assertEqual(float(changed_row[7]), 5.0)
        subtotals = [c for row in dept for c in row[:4] if "得" in c and "分）" in c]
        self.assertTrue(subtotals)
        # The first 一级 indicator did not change: 预算编制情况 stays at 15.50.
        self.assertEqual(subtotals[0], "预算编制情况\n（20.00分，得15.50分）")
        # The changed one's parent recomputed, written to the places as the other reports write it (3 → 5: 5 → 7).
        self.assertIn("社会经济环境效益\n（10.00分，得7.00分）", subtotals)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
