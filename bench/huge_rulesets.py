#!/usr/bin/env python3
"""Huge rulesets, far beyond any real standard, to measure how compile time grows.

    bench/huge_rulesets.py gen KIND N DIR      writes DIR/KIND-N.rules and DIR/KIND-N.csv
    bench/huge_rulesets.py measure DEFEN [--before OLD_DEFEN] [--kinds terms,lets] [--sizes "terms=1000,2000;lets=50"]
                                               times `defen check`, `eval --engine interp`
                                               and `eval --engine jit --no-cache` on each (and
                                               the JIT of an older build), checks the engines
                                               print the same scores, and prints a Markdown
                                               table (docs/reliability.md)

KIND (what grows with N):
  terms       one indicator whose formula has N terms (groups of 1,000 in brackets,
              since one chain is limited to about 1,990 operators, E007)
  indicators  N leaf indicators of 1分, each with a five-band 分段 on one of 20 inputs
  products    one indicator whose formula multiplies N terms (× calls the runtime)
  lets        a chain of N 令 (at most 200, E007), each the next plus a × b
  wide-lets   N top-level 令 (a × 2 + b), all summed by one indicator
  inputs      N inputs, N/10 indicators each summing ten of them
"""
import random
import subprocess
import sys
import time
from pathlib import Path

HEADER = '名称 "{name}"\n年度 2024\n总分 {total}分\n'
GROUP = 1000  # terms per bracketed group: the parse tree stays ~1,000 deep


def sum_expression(names):
    """a + b + … in bracketed groups of GROUP terms."""
    groups = [names[i:i + GROUP] for i in range(0, len(names), GROUP)]
    parts = ["(" + " + ".join(g) + ")" for g in groups]
    return " + ".join(parts) if len(parts) > 1 else " + ".join(groups[0])


def shuffled_terms(inputs, n):
    """n names drawn from inputs, each equally often, in an order with no repeated
    group (LLVM would compute a repeated bracketed group once)."""
    names = [inputs[i % len(inputs)] for i in range(n)]
    random.Random(n).shuffle(names)
    return names


def terms(n):
    inputs = [f"a{i}" for i in range(10)]
    names = shuffled_terms(inputs, n)
    text = HEADER.format(name=f"{n}项之和", total=10)
    text += "输入 {\n" + "".join(f"  {a}：比率\n" for a in inputs) + "}\n"
    text += f"指标 甲 10分 {{\n  令 合计 = {sum_expression(names)}\n"
    text += f"  得分 = 限定(分值 × 合计 ÷ {n}, 0分, 分值)\n}}\n"
    row = {a: f"{50 + i}%" for i, a in enumerate(inputs)}
    return text, row


def products(n):
    inputs = [f"a{i}" for i in range(10)]
    names = shuffled_terms(inputs, n)
    text = HEADER.format(name=f"{n}项之积", total=10)
    text += "输入 {\n" + "".join(f"  {a}：比率\n" for a in inputs) + "}\n"
    groups = [names[i:i + GROUP] for i in range(0, len(names), GROUP)]
    product = " × ".join("(" + " × ".join(g) + ")" for g in groups)
    text += f"指标 甲 10分 {{\n  令 乘积 = {product}\n  得分 = 限定(分值 × 乘积, 0分, 分值)\n}}\n"
    row = {a: "100%" if i else "99.9%" for i, a in enumerate(inputs)}
    return text, row


def wide_lets(n):
    inputs = [f"a{i}" for i in range(10)]
    text = HEADER.format(name=f"{n}个令", total=10)
    text += "输入 {\n" + "".join(f"  {a}：比率\n" for a in inputs) + "}\n"
    for k in range(n):
        text += f"令 值{k} = {inputs[k % 10]} × 2 + {inputs[(k + 3) % 10]}\n"
    total = sum_expression([f"值{k}" for k in range(n)])
    text += f"指标 甲 10分 {{ 得分 = 限定(分值 × ({total}) ÷ {n}, 0分, 分值) }}\n"
    row = {a: f"{50 + i}%" for i, a in enumerate(inputs)}
    return text, row


def indicators(n):
    inputs = [f"r{i}" for i in range(20)]
    text = HEADER.format(name=f"{n}个指标", total=n)
    text += "输入 {\n" + "".join(f"  {r}：比率\n" for r in inputs) + "}\n"
    for k in range(n):
        r = inputs[k % 20]
        text += (f"指标 指标{k} 1分 {{\n  分段 {r} {{ 结果 ≥ 95% → 1分；[85%, 95%) → 0.8分；[70%, 85%) → 0.6分；"
                 f"[50%, 70%) → 0.3分；结果 ＜ 50% → 0分 }}\n}}\n")
    row = {r: f"{40 + 3 * i}%" for i, r in enumerate(inputs)}
    return text, row


def lets(n):
    text = HEADER.format(name=f"{n}层令", total=10)
    text += "输入 {\n  a：比率\n  b：比率\n}\n"
    for k in range(n - 1):
        text += f"令 值{k} = 值{k + 1} + a × b\n"
    text += f"令 值{n - 1} = a\n"
    text += "指标 甲 10分 { 得分 = 限定(分值 × 值0, 0分, 分值) }\n"
    return text, {"a": "60%", "b": "0.1%"}


def many_inputs(n):
    inputs = [f"x{i}" for i in range(n)]
    count = n // 10
    text = HEADER.format(name=f"{n}项输入", total=count)
    text += "输入 {\n" + "".join(f"  {x}：比率\n" for x in inputs) + "}\n"
    for k in range(count):
        group = inputs[10 * k:10 * k + 10]
        text += f"指标 指标{k} 1分 {{ 得分 = 限定(分值 × ({' + '.join(group)}) ÷ 10, 0分, 分值) }}\n"
    row = {x: f"{(i * 7) % 100}%" for i, x in enumerate(inputs)}
    return text, row


KINDS = {"terms": terms, "products": products, "indicators": indicators, "lets": lets, "wide-lets": wide_lets,
         "inputs": many_inputs}
DEFAULT_SIZES = {"terms": [1000, 2000, 5000, 10000], "products": [1000, 2000, 5000], "wide-lets": [500, 1000, 2000],
                 "indicators": [500, 1000, 2000], "lets": [50, 100, 200],
                 "inputs": [1000, 5000]}


def write(kind, n, directory):
    text, row = KINDS[kind](n)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rules = directory / f"{kind}-{n}.rules"
    data = directory / f"{kind}-{n}.csv"
    rules.write_text(text, encoding="utf-8")
    data.write_text("名称," + ",".join(row) + "\n样例," + ",".join(row.values()) + "\n", encoding="utf-8")
    return rules, data


def timed(cmd, must_pass=True):
    start = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if done.returncode != 0:
        if must_pass:
            sys.exit(f"failed ({done.returncode}): {' '.join(map(str, cmd))}\n{done.stdout}{done.stderr}")
        out = done.stdout + done.stderr
        code = out.split("[", 1)[1].split("]", 1)[0] if "[" in out else f"exit {done.returncode}"
        return None, code
    return seconds, done.stdout


def measure(defen, before, kinds, sizes, directory):
    columns = ["check", "interp"] + (["JIT before", "JIT after"] if before else ["JIT"])
    print("| ruleset | N | " + " | ".join(columns) + " | total |")
    print("|---|---:|" + "---:|" * len(columns) + "---:|")
    for kind in kinds:
        for n in sizes[kind]:
            rules, data = write(kind, n, directory)
            check, _ = timed([defen, "check", rules])
            interp, a = timed([defen, "eval", rules, data, "--engine", "interp", "--format", "csv"])
            jit, b = timed([defen, "eval", rules, data, "--engine", "jit", "--no-cache", "--format", "csv"])
            if a != b:
                sys.exit(f"{rules}: the engines disagree\ninterp:\n{a}\njit:\n{b}")
            cells = [f"{check:.2f} s", f"{interp:.2f} s"]
            if before:
                old, c = timed([before, "eval", rules, data, "--engine", "jit", "--no-cache", "--format", "csv"], False)
                if old is not None and c != a:
                    sys.exit(f"{rules}: the older build scores differently\n{c}")
                cells.append(f"{old:.2f} s" if old is not None else c)
            cells.append(f"{jit:.2f} s")
            total = a.splitlines()[1].split(",")[2] if len(a.splitlines()) > 1 else "?"
            print(f"| {kind} | {n:,} | " + " | ".join(cells) + f" | {total} |", flush=True)


def main(argv):
    if len(argv) >= 4 and argv[0] == "gen":
        for path in write(argv[1], int(argv[2]), argv[3]):
            print(path)
        return
    if len(argv) >= 2 and argv[0] == "measure":
        defen, before, kinds, sizes = argv[1], None, list(KINDS), dict(DEFAULT_SIZES)
        rest = argv[2:]
        while rest:
            flag, value, rest = rest[0], rest[1], rest[2:]
            if flag == "--before":
                before = value
            elif flag == "--kinds":
                kinds = value.split(",")
            elif flag == "--sizes":
                for item in value.split(";"):
                    kind, ns = item.split("=")
                    sizes[kind] = [int(x) for x in ns.split(",")]
        import tempfile
        with tempfile.TemporaryDirectory() as directory:
            measure(defen, before, kinds, sizes, directory)
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
