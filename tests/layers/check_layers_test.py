#!/usr/bin/env python3
"""scripts/check_layers on small trees (tests/layers/fixtures/), each with its own
docs/layers.json: two layers, core below engine, and llvm/* for engine alone.
The check must pass a clean tree and refuse, by exit code and by a line naming
the file and the include, each kind of leak it exists to catch."""
import subprocess
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECK = HERE.parent.parent / "scripts" / "check_layers"


def check(tree, *extra):
    run = subprocess.run([sys.executable, str(CHECK), "--root", str(HERE / "fixtures" / tree), *extra],
                         capture_output=True, text=True, encoding="utf-8")
    return run.returncode, run.stdout


class CheckLayers(unittest.TestCase):
    def test_a_clean_tree_passes(self):
        code, out = check("clean")
        self.assertEqual(code, 0, out)
        self.assertEqual(out.strip(), "layers: 3 files, 2 includes across layers, 1 known exceptions; none forbidden")

    def test_an_include_that_runs_up_fails_naming_file_and_include(self):
        code, out = check("upward")
        self.assertEqual(code, 1, out)
        self.assertIn("src/core/number.h (core) includes src/engine/engine.h (engine): core may use no other layer", out)

    def test_the_same_include_pretended_into_the_clean_tree_fails(self):
        code, out = check("clean", "--pretend", "src/core/number.h:src/engine/engine.h")
        self.assertEqual(code, 1, out)
        self.assertIn("src/core/number.h (core) includes src/engine/engine.h (engine)", out)

    def test_a_walled_library_outside_its_layer_fails(self):
        code, out = check("walled")
        self.assertEqual(code, 1, out)
        self.assertIn("src/core/number.cpp (core) includes llvm/ADT/APInt.h, which only engine may use", out)

    def test_an_exception_no_longer_needed_fails(self):
        code, out = check("stale")
        self.assertEqual(code, 1, out)
        self.assertIn("exception no longer needed: src/core/number.h → src/engine/engine.h", out)

    def test_a_file_in_no_layer_fails(self):
        code, out = check("stray")
        self.assertEqual(code, 1, out)
        self.assertIn("src/core/extra/helper.h: belongs to no layer", out)


if __name__ == "__main__":
    unittest.main()
