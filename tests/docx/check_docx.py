#!/usr/bin/env python3
"""The Word documents (issue 18), read back by other software than defen.

python3-docx (Debian's python3-docx) opens the 评分表 (`--format docx`) and
the 评价报告 draft (`--summary docx`) and finds the seed example's indicator
names, scores, 86.50 and 良 in real table cells, the page in landscape, the
header rows marked to repeat and the level cells merged; LibreOffice
(libreoffice-writer-nogui) converts the 评分表 to PDF, which must have pages.
A missing python3-docx or LibreOffice is a failure: scripts/setup installs them.

Usage: check_docx.py DEFEN SOURCE_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

DEFEN, SRC = sys.argv[1], sys.argv[2]
RULES = os.path.join(SRC, "rulesets", "zhanjiang-2022-dept.rules")
DATA = os.path.join(SRC, "examples", "zhanjiang-2022", "data.json")
DEPARTMENTS = os.path.join(SRC, "examples", "zhanjiang-departments", "data.json")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

import docx  # noqa: E402  (python3-docx)
from docx.enum.section import WD_ORIENT  # noqa: E402


def run_defen(*args):
    return subprocess.run([DEFEN, *args], capture_output=True, text=True, timeout=120)


def cell_texts(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


class Docx(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="defen-docx.")
        cls.report = os.path.join(cls.work, "评分表.docx")
        cls.summary = os.path.join(cls.work, "评价报告.docx")
        cls.batch = os.path.join(cls.work, "汇总.docx")
        for args in (["--format", "docx", "-o", cls.report, RULES, DATA], ["--summary", "docx", "-o", cls.summary, RULES, DATA],
                     ["--summary", "docx", "-o", cls.batch, RULES, DEPARTMENTS]):
            r = run_defen("eval", *args)
            assert r.returncode == 0, (args, r.stderr)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_binary_formats_need_an_output_file(self):
        for flag in ("--format", "--summary"):
            r = run_defen("eval", flag, "docx", RULES, DATA)
            self.assertEqual(r.returncode, 2, r.stdout)
            self.assertIn("--output", r.stderr)

    def test_score_table_is_a_landscape_word_table(self):
        d = docx.Document(self.report)
        section = d.sections[0]
        self.assertEqual(section.orientation, WD_ORIENT.LANDSCAPE)
        self.assertGreater(section.page_width, section.page_height)
        header, table, notes, signature = d.tables[0], d.tables[1], d.tables[2], d.tables[3]
        self.assertEqual(cell_texts(header)[0], ["被评价单位", "湛江市社会科学界联合会", "评价年度", "2022年度", "标准名称", "湛江市市级部门整体支出绩效评价"])
        rows = cell_texts(table)
        # Three header rows, each marked to repeat on every page.
        self.assertEqual(rows[0][0], "评价指标")
        self.assertEqual(rows[1][:3], ["一级指标", "一级指标", "二级指标"])
        self.assertEqual(rows[2][:4], ["名称", "分值", "名称", "分值"])
        for r in table.rows[:3]:
            self.assertIsNotNone(r._tr.find(f"{W}trPr/{W}tblHeader"))
        # 支出完成率: its ancestors in merged cells, 4 of 4 and the scorer's text.
        spending = next(r for r in rows if "支出完成率" in r)
        self.assertEqual(spending[:4], ["预算执行情况", "40.00", "支出管理", "21.00"])
        self.assertEqual(spending[-1], "4.00")
        self.assertIn("=100.00%", spending[-2])
        # 预算编制情况 spans its eight leaves: one restart and seven continuations.
        merges = [tc.find(f"{W}tcPr/{W}vMerge") for tc in [r._tr.findall(f"{W}tc")[0] for r in table.rows[3:11]]]
        self.assertEqual(merges[0].get(f"{W}val"), "restart")
        self.assertTrue(all(m is not None and m.get(f"{W}val") is None for m in merges[1:]))
        # 政府采购执行率: computed 0, the data's 核定分 2.
        self.assertIn("0.00 → 2.00（核定）", next(r for r in rows if "政府采购执行率" in r))
        self.assertEqual(rows[-1][-1], "86.50")
        self.assertEqual(rows[-1][-2], "等级：良")
        # 绩效目标完成效率: its children sum to 3.56, the data's 核定分 is 3.5; why, under the grid.
        self.assertEqual(cell_texts(notes)[0], ["上级指标", "分值", "评分标准", "评分说明", "得分"])
        goals = next(r for r in cell_texts(notes) if r[0] == "绩效目标完成效率")
        self.assertEqual(goals[-1], "3.56 → 3.50（核定）")
        self.assertIn("核定为3.50分", goals[3])
        self.assertIn("评价机构（盖章）", cell_texts(signature)[0])
        self.assertEqual(cell_texts(signature)[1][0], "盖章处")

    def test_evaluation_report_draft(self):
        d = docx.Document(self.summary)
        text = "\n".join(p.text for p in d.paragraphs)
        for heading in ("一、基本情况", "二、评价结论", "三、各指标得分情况", "四、主要失分点及原因"):
            self.assertIn(heading, text)
        self.assertIn("评价得分为86.50分（满分100.00分），评定等级为“良”", text)
        # The largest loss first, with the 评分说明 as its reason.
        self.assertIn("1．预算编制情况—目标设置—目标科学性（分值4.00分，得1.00分，失3.00分）", text)
        overview = cell_texts(d.tables[0])
        self.assertEqual(overview[0], ["一级指标", "二级指标", "分值", "评价得分", "得分率"])
        self.assertIn(["预算编制情况", "预算编制", "12.00", "11.50", "95.83%"], overview)
        self.assertIn(["预算执行效益", "效果性", "10.00", "5.00", "50.00%"], overview)
        self.assertEqual(overview[-1], ["合计", "合计", "100.00", "86.50", "86.50%"])
        # The 一级 rate chart: a table of bars, the rate beside each.
        bars = cell_texts(d.tables[1])
        self.assertEqual(bars[0][0], "预算编制情况")
        self.assertEqual(bars[0][-1], "77.50%")
        # The report on portrait pages, its 评分表 as 附件1 in a landscape section.
        self.assertEqual([s.orientation for s in d.sections], [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE])
        self.assertIn("附件1：湛江市市级部门整体支出绩效评价 评分表", text)
        annex = cell_texts(d.tables[3])
        self.assertEqual(annex[0][0], "评价指标")
        self.assertEqual(annex[-1][-2:], ["等级：良", "86.50"])

    def test_batch_report_ranks_the_departments(self):
        d = docx.Document(self.batch)
        ranking = cell_texts(d.tables[0])
        self.assertEqual(ranking[0], ["名次", "单位", "总分", "等级", "失分最多的三个指标"])
        self.assertEqual([r[:4] for r in ranking[1:]], RANKING)
        # Each department: a portrait report, then its landscape 附件1.
        self.assertEqual([s.orientation for s in d.sections], [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE] * 3)

    def test_libreoffice_converts_the_score_table(self):
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        self.assertIsNotNone(soffice, "LibreOffice not found: scripts/setup installs libreoffice-writer-nogui")
        out = os.path.join(self.work, "pdf")
        profile = "file://" + os.path.join(self.work, "lo-profile")
        r = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", out, self.report],
                           capture_output=True, text=True, timeout=240)
        self.assertEqual(r.returncode, 0, r.stderr)
        pdf = os.path.join(out, "评分表.pdf")
        self.assertTrue(os.path.getsize(pdf) > 0)
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, timeout=60).stdout
        pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
        self.assertGreaterEqual(pages, 1)
        width, height = (float(v) for v in next(line for line in info.splitlines() if line.startswith("Page size:")).split()[2:5:2])
        self.assertGreater(width, height, "the 评分表 is not landscape in LibreOffice")
        print(f"LibreOffice: 评分表.docx → {pages} PDF pages", file=sys.stderr)


# examples/zhanjiang-departments, by total (the same as `--summary json` gives).
RANKING = [["1", "示例单位甲（虚构）", "90.15", "优"], ["2", "示例单位乙（虚构）", "88.40", "良"], ["3", "湛江市社会科学界联合会", "86.50", "良"]]

if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
