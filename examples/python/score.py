#!/usr/bin/env python3
"""Scores departments with a defen ruleset through the C ABI (include/defen/defen.h),
using ctypes from the standard library only.

    python3 score.py [--lib PATH/libdefen.so] [--engine jit|interp] [RULES] [DATA]

RULES defaults to rulesets/zhanjiang-2022-dept.rules, DATA to
examples/zhanjiang-2022/data.json (one JSON object, or an array of them). The
library is --lib, else $DEFEN_LIBRARY, else libdefen.so wherever the system
loader finds it. Prints one line per department: name, total, grade.
"""
import argparse
import ctypes
import ctypes.util
import json
import os
import sys
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ENGINES = {"jit": 0, "interp": 1}  # DEFEN_ENGINE_JIT, DEFEN_ENGINE_INTERPRETER


class Defen:
    """The C ABI with its ownership rules: every char* the library returns is
    copied into a Python str and released with defen_free_string."""

    def __init__(self, path):
        self.lib = ctypes.CDLL(path)
        lib = self.lib
        lib.defen_load_file.argtypes = [ctypes.c_char_p, ctypes.c_int]
        lib.defen_load_file.restype = ctypes.c_void_p
        lib.defen_evaluate.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        lib.defen_evaluate.restype = ctypes.c_void_p  # not c_char_p: we must free it ourselves
        lib.defen_ruleset_info.argtypes = [ctypes.c_void_p]
        lib.defen_ruleset_info.restype = ctypes.c_void_p
        lib.defen_ruleset_free.argtypes = [ctypes.c_void_p]
        lib.defen_ruleset_free.restype = None
        lib.defen_free_string.argtypes = [ctypes.c_void_p]
        lib.defen_free_string.restype = None
        lib.defen_last_error.argtypes = []
        lib.defen_last_error.restype = ctypes.c_char_p  # owned by the library: never freed here
        lib.defen_version.restype = ctypes.c_char_p

    def last_error(self):
        return self.lib.defen_last_error().decode("utf-8")

    def take_string(self, pointer):
        """Copies a char* the library handed over, then frees it."""
        if not pointer:
            raise RuntimeError(self.last_error())
        try:
            return ctypes.string_at(pointer).decode("utf-8")
        finally:
            self.lib.defen_free_string(pointer)

    def load(self, rules, engine):
        handle = self.lib.defen_load_file(rules.encode("utf-8"), ENGINES[engine])
        if not handle:
            raise RuntimeError(self.last_error())
        return Ruleset(self, handle)


def exact_text(value):
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


class Ruleset:
    def __init__(self, defen, handle):
        self.defen, self.handle = defen, handle

    def info(self):
        return json.loads(self.defen.take_string(self.defen.lib.defen_ruleset_info(self.handle)))

    def evaluate(self, record):
        # A Decimal goes in as its exact text (defen reads a string cell as it
        # reads a CSV cell), never through a float.
        text = json.dumps(record, ensure_ascii=False, default=exact_text).encode("utf-8")
        result = self.defen.take_string(self.defen.lib.defen_evaluate(self.handle, text))
        # Scores are exact decimals in the JSON text: keep them exact.
        return json.loads(result, parse_float=Decimal)

    def close(self):
        if self.handle:
            self.defen.lib.defen_ruleset_free(self.handle)
            self.handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def find_library(explicit):
    if explicit:
        return explicit
    if os.environ.get("DEFEN_LIBRARY"):
        return os.environ["DEFEN_LIBRARY"]
    found = ctypes.util.find_library("defen")
    if not found:
        sys.exit("找不到 libdefen.so：请用 --lib 或环境变量 DEFEN_LIBRARY 指定 / libdefen.so not found: pass --lib or set DEFEN_LIBRARY")
    return found


def main():
    parser = argparse.ArgumentParser(description="用 defen 的 C ABI 为部门计分 / score departments through defen's C ABI")
    parser.add_argument("rules", nargs="?", default=os.path.join(REPO, "rulesets", "zhanjiang-2022-dept.rules"))
    parser.add_argument("data", nargs="?", default=os.path.join(REPO, "examples", "zhanjiang-2022", "data.json"))
    parser.add_argument("--lib", help="libdefen.so 的路径 / path of libdefen.so")
    parser.add_argument("--engine", choices=sorted(ENGINES), default="jit")
    args = parser.parse_args()

    defen = Defen(find_library(args.lib))
    try:
        ruleset = defen.load(args.rules, args.engine)
    except RuntimeError as e:
        sys.stderr.write(str(e))
        return 1
    with open(args.data, encoding="utf-8") as f:
        data = json.load(f)
    records = data if isinstance(data, list) else [data]
    failed = False
    with ruleset:
        info = ruleset.info()
        print(f"{info['name']} {info['year']}年度（defen {defen.lib.defen_version().decode()}）")
        for number, record in enumerate(records, 1):
            card = ruleset.evaluate(record)
            name = card["id"] or f"第{number}条"
            if card["ok"]:
                print(f"{name} {card['total']} {card['grade']}")
            elif card.get("incomplete"):
                # Some indicators faulted; the total is what is known, without a grade.
                failed = True
                print(f"{name} {card['total']}（不完整，等级待定）：{'；'.join(card['errors'])}")
            else:
                failed = True
                print(f"{name} 无法计分：{'；'.join(card['errors'])}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
