#!/usr/bin/env python3
"""The 项目支出绩效自评表 template filled in, recalculated and saved by a
spreadsheet application, read back by `defen eval`.

`defen template --form` writes the form; the test types a 委托业务项目 into its
blank cells (in the sheet XML, as Excel stores typed cells), has LibreOffice
Calc recalculate every formula on load and save the workbook again as .xlsx
(its own shared strings, styles and merged cells), then scores it with a
small ruleset that reads the form's scalar fields: 总分 must be the formula's
result 10 + 8 + 8 + 20 = 46 (the template holds an empty result), 年度 the
year written by --year (any other year would score 满分, not 46). The lists (项目资金, 绩效指标) are read too: the
ruleset does not use them, so eval names them among the unused columns.

Usage: check_form_roundtrip.py DEFEN SOURCE_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile

DEFEN = SOURCE = None

# Formulas recalculated on load, whatever the file says (as in check_xlsx_recalc.py).
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

RULES = """名称 "自评表读回"
年度 2024
输入 {
  「总分」：数量
  「年度」：数量
}
指标 自评总分 100分 {
  不考核 当 「年度」 ≠ 2024 → 满分
  得分 = 「总分」 × 1分
}
"""

# (cell, value, typed as a number)
FILLED = [
    ("B3", "委托业务项目", False), ("B4", "市住房和城乡建设局", False), ("F4", "市建设工程质量检测站", False),
    ("D6", "90", True), ("E6", "89.974", True), ("F6", "89.974", True), ("I6", "10", True),
    ("D7", "90", True), ("E7", "89.974", True), ("F7", "89.974", True),
    ("B11", "完成基建工程委托业务50个", False), ("F11", "完成50个，经费支出合规", False),
    ("C13", "数量指标", False), ("D13", "基建工程委托业务项目数量", False), ("E13", "≥50个", False), ("F13", "50", False),
    ("G13", "8", True), ("H13", "8", True),
    ("C14", "质量指标", False), ("D14", "经费支出合规性", False), ("E14", "严格执行相关制度规定", False),
    ("F14", "达成预期指标", False), ("G14", "8", True), ("H14", "8", True),
    ("C21", "社会效益指标", False), ("D21", "工程质量提升", False), ("E21", "效果明显", False), ("F21", "部分达成", False),
    ("G21", "30", True), ("H21", "20", True), ("I21", "个别项目进度滞后", False),
]


def fill(sheet, ref, value, number):
    m = re.search(r'<c r="%s"( s="\d+")?/>' % ref, sheet)
    assert m, f"{ref} is not a blank cell of the template"
    style = m.group(1) or ""
    cell = (f'<c r="{ref}"{style}><v>{value}</v></c>' if number
            else f'<c r="{ref}"{style} t="inlineStr"><is><t>{value}</t></is></c>')
    return sheet[:m.start()] + cell + sheet[m.end():]


class FormRoundTrip(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="defen-form-")

    def tearDown(self):
        shutil.rmtree(self.work, ignore_errors=True)

    def test_filled_form_saved_by_libreoffice_reads_back(self):
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        self.assertIsNotNone(soffice, "LibreOffice not found: scripts/setup installs libreoffice-calc-nogui")
        form = os.path.join(self.work, "form.xlsx")
        r = subprocess.run([DEFEN, "template", os.path.join(SOURCE, "rulesets/project-self-2020.rules"), "--form",
                            "--year", "2024", "-o", form], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)

        with zipfile.ZipFile(form) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        for ref, value, number in FILLED:
            sheet = fill(sheet, ref, value, number)
        parts["xl/worksheets/sheet1.xml"] = sheet.encode()
        filled = os.path.join(self.work, "filled.xlsx")
        with zipfile.ZipFile(filled, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data)

        profile = os.path.join(self.work, "profile")
        os.makedirs(os.path.join(profile, "user"))
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
            f.write(PROFILE_SETTINGS)
        saved = os.path.join(self.work, "saved")
        r = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                            "xlsx:Calc MS Excel 2007 XML", "--outdir", saved, filled],
                           capture_output=True, text=True, timeout=240)
        self.assertEqual(r.returncode, 0, r.stderr)
        resaved = os.path.join(saved, "filled.xlsx")
        self.assertTrue(os.path.exists(resaved), r.stdout + r.stderr)

        rules = os.path.join(self.work, "total.rules")
        with open(rules, "w", encoding="utf-8") as f:
            f.write(RULES)
        r = subprocess.run([DEFEN, "eval", rules, resaved, "--format", "json"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(len(out["results"]), 1)
        result = out["results"][0]
        self.assertEqual(result["errors"], [])
        self.assertEqual(result["total"], 46)  # I6 + SUM(H13:H27), computed by LibreOffice
        self.assertEqual(result["indicators"][0]["explanation"], "年度=2024，得分=总分46×1分，得46.00分。")
        self.assertEqual(result["id"], "委托业务项目")  # 项目名称 names the record
        for column in ("项目资金", "年度总体目标", "实际完成情况", "绩效指标"):
            self.assertIn(f"数据列“{column}”不对应任何输入或指标，已忽略", out["warnings"])
        self.assertNotIn("数据列“年度”不对应任何输入或指标，已忽略", out["warnings"])


if __name__ == "__main__":
    DEFEN, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1])
