"""examples/python/score.py against the built libdefen.so (path in $DEFEN_LIBRARY):
the C ABI from Python with ctypes, as a bureau's Python service would call it."""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from decimal import Decimal

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "examples", "python"))
import score  # noqa: E402

LIBRARY = os.environ["DEFEN_LIBRARY"]
RULES_2022 = os.path.join(REPO, "rulesets", "zhanjiang-2022-dept.rules")
DATA = os.path.join(REPO, "examples", "zhanjiang-2022", "data.json")


class ScoreExample(unittest.TestCase):
    def test_the_script_prints_the_department_total_and_grade(self):
        run = subprocess.run([sys.executable, os.path.join(REPO, "examples", "python", "score.py"), "--lib", LIBRARY],
                             capture_output=True, text=True, encoding="utf-8")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("湛江市社会科学界联合会 86.5 良", run.stdout)

    def test_scores_are_exact_decimals_in_both_engines(self):
        defen = score.Defen(LIBRARY)
        with open(DATA, encoding="utf-8") as f:
            record = json.load(f)
        for engine in ("jit", "interp"):
            with defen.load(RULES_2022, engine) as ruleset:
                card = ruleset.evaluate(record)
                self.assertTrue(card["ok"], card["errors"])
                self.assertEqual(card["total"], Decimal("86.5"))
                self.assertEqual(card["grade"], "良")
                rate = next(i for i in card["indicators"] if i["name"] == "财政拨款收入预决算差异率")
                self.assertEqual(rate["score"], Decimal("2.5"))
                self.assertEqual(rate["max"], 3)
                self.assertEqual(ruleset.info()["year"], 2022)

    def test_a_bad_value_is_reported_in_the_card(self):
        defen = score.Defen(LIBRARY)
        with defen.load(RULES_2022, "interp") as ruleset:
            card = ruleset.evaluate({"名称": "甲", "收入预算数": "两百万"})
            self.assertFalse(card["ok"])
            # The bad cell faults the indicators reading it, not the card:
            # the total is marked incomplete and has no grade.
            self.assertTrue(card["incomplete"])
            self.assertIsNone(card["grade"])
            self.assertTrue(any("两百万" in e for e in card["errors"]), card["errors"])
            rate = next(i for i in card["indicators"] if i["name"] == "财政拨款收入预决算差异率")
            self.assertEqual(rate["status"], "failed")
            self.assertIsNone(rate["score"])
            self.assertTrue(any("两百万" in e for e in rate["errors"]), rate["errors"])

    def test_a_ruleset_with_errors_raises_with_the_diagnostics(self):
        defen = score.Defen(LIBRARY)
        with self.assertRaises(RuntimeError) as raised:
            defen.load(os.path.join(REPO, "rulesets", "no-such.rules"), "interp")
        self.assertIn("无法读取规则文件", str(raised.exception))

    def test_numbers_beyond_int64_and_double_are_exact_both_ways(self):
        defen = score.Defen(LIBRARY)
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "big.rules")
            with open(path, "w", encoding="utf-8") as f:
                f.write("名称 \"大数\"\n年度 2024\n总分 20000000000000000000分\n输入 { 甲：数值 }\n"
                        "指标 一 20000000000000000000分 { 得分 = 甲 × 1分 }\n")
            with defen.load(path, "interp") as ruleset:
                self.assertEqual(ruleset.info()["total"], 20000000000000000000)
                card = ruleset.evaluate({"甲": Decimal("12345678901234567.5")})
                self.assertTrue(card["ok"], card["errors"])
                self.assertEqual(card["total"], Decimal("12345678901234567.5"))
                self.assertEqual(ruleset.evaluate({"甲": 2 ** 63})["total"], 2 ** 63)


if __name__ == "__main__":
    unittest.main()
