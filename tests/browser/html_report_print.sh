#!/bin/sh
# The HTML 评分表 as a bureau prints it (issue 18): headless Chromium prints
# seed 001's report to PDF; the pages are A4 landscape (842 × 595 pt) and
# there are at most five of them (the portrait layout of old took twenty, the
# text columns wrapping at two to four characters a line). The PDF's text
# holds the header block, the signature block and the total. Missing
# Chromium or poppler-utils is a failure, not a skip: scripts/setup installs them.
#
# Usage: html_report_print.sh DEFEN SOURCE_DIR    (CHROMIUM=path overrides /usr/bin/chromium)
set -u
defen=$1
src=$2
chromium=${CHROMIUM:-/usr/bin/chromium}
max_pages=5

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

[ -x "$chromium" ] || fail "Chromium not found at $chromium; install it (scripts/setup) or set CHROMIUM"
for tool in pdfinfo pdftotext timeout; do
  command -v "$tool" >/dev/null || fail "$tool is needed (scripts/setup installs poppler-utils)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/defen-print.XXXXXX") || fail "cannot create a temporary directory"
trap 'rm -rf "$work"' EXIT INT TERM

"$defen" eval --format html -o "$work/report.html" "$src/rulesets/zhanjiang-2022-dept.rules" "$src/examples/zhanjiang-2022/data.json" ||
  fail "defen eval --format html failed"

# print_pdf NAME: $work/NAME.html → $work/NAME.pdf. A run that times out or
# crashes (a loaded 2-core CI box) is retried once.
print_pdf() {
  for attempt in 1 2; do
    rm -f "$work/$1.pdf"
    timeout -k 10 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
      --no-default-browser-check --disable-extensions --disable-background-networking --user-data-dir="$work/profile-$1-$attempt" \
      --no-pdf-header-footer --print-to-pdf="$work/$1.pdf" "file://$work/$1.html" >"$work/chromium.log" 2>&1
    [ -s "$work/$1.pdf" ] && break
    echo "Chromium attempt $attempt did not write the PDF; last log lines:" >&2
    tail -n 5 "$work/chromium.log" >&2
  done
  [ -s "$work/$1.pdf" ] || fail "Chromium could not print $1.html"
}
print_pdf report

pages=$(pdfinfo "$work/report.pdf" | sed -n 's/^Pages: *//p')
size=$(pdfinfo "$work/report.pdf" | sed -n 's/^Page size: *//p')
[ -n "$pages" ] || fail "pdfinfo could not read the page count"
echo "report.pdf: $pages pages, $size"
[ "$pages" -le "$max_pages" ] || fail "the 评分表 prints to $pages pages; at most $max_pages expected"
# A4 landscape is 841.89 × 595.28 pt; Chromium rounds to its own units (841.92 × 594.96).
echo "$size" | awk '{ exit !($1 > 838 && $1 < 846 && $3 > 591 && $3 < 599) }' ||
  fail "pages are $size, not A4 landscape (about 842 x 595 pts)"

pdftotext -layout "$work/report.pdf" "$work/report.txt" || fail "pdftotext failed"
for text in 被评价单位 湛江市社会科学界联合会 评价年度 2022年度 评价机构 评价人 盖章处 评价指标 86.50; do
  grep -qF -- "$text" "$work/report.txt" || fail "the printed report lacks: $text"
done
# The table's header rows repeat on every page.
heads=$(grep -c '评价指标' "$work/report.txt")
[ "$heads" -ge "$pages" ] || fail "评价指标 (the table header) appears $heads times on $pages pages"
echo "OK: seed 001's 评分表 prints on $pages A4 landscape pages, the header on each"

# The 项目支出绩效自评表 (issue 15): examples/project-self-2020's six forms print
# as the national form on A4 landscape, the contents first, then each form
# starting a page of its own with the whole form on it (title, header block,
# 项目资金, 绩效指标 table, 总分); its 评分说明 may run on to a second page.
"$defen" eval --format html -o "$work/forms.html" "$src/rulesets/project-self-2020.rules" "$src/examples/project-self-2020/data.json"
[ -s "$work/forms.html" ] || fail "defen eval --format html wrote no report of the 自评表 example"
print_pdf forms
pages=$(pdfinfo "$work/forms.pdf" | sed -n 's/^Pages: *//p')
size=$(pdfinfo "$work/forms.pdf" | sed -n 's/^Page size: *//p')
echo "forms.pdf: $pages pages, $size"
[ "$pages" -ge 7 ] && [ "$pages" -le 13 ] || fail "the six 自评表 print to $pages pages; 7 to 13 expected (the contents, one or two pages a form)"
echo "$size" | awk '{ exit !($1 > 838 && $1 < 846 && $3 > 591 && $3 < 599) }' || fail "the forms print on $size, not A4 landscape"
forms=0
page=1
while [ "$page" -le "$pages" ]; do
  pdftotext -layout -f "$page" -l "$page" "$work/forms.pdf" "$work/page-$page.txt" || fail "pdftotext failed on page $page"
  if grep -qF 项目名称 "$work/page-$page.txt"; then
    forms=$((forms + 1))
    [ "$forms" -gt 1 ] || first=$page
    for text in 项目支出绩效自评表 主管部门 实施单位 项目资金 年初预算数 年度总体目标; do
      grep -qF -- "$text" "$work/page-$page.txt" || fail "page $page (the start of a form) lacks: $text"
    done
    # The form whose funds lines contradict each other is not scored: its header and the reason, no table.
    if grep -qF 资金行矛盾的项目 "$work/page-$page.txt"; then
      grep -qF 与各项资金来源之和不符 "$work/page-$page.txt" || fail "page $page does not say why 资金行矛盾的项目 is not scored"
    else
      for text in 绩效指标 三级指标 年度指标值 实际完成值 偏差原因分析及改进措施 总分; do
        grep -qF -- "$text" "$work/page-$page.txt" || fail "page $page (the start of a form) lacks: $text"
      done
    fi
  fi
  page=$((page + 1))
done
[ "$forms" = 6 ] || fail "$forms pages start a form; 6 expected"
for text in 基建工程委托业务项目数量 91.79 89.79 等级：优 自评得分12分高于按规则计算的10分; do
  grep -qF -- "$text" "$work/page-$first.txt" || fail "the first form's page lacks: $text"
done
echo "OK: the six 自评表 print as the national form on $pages A4 landscape pages, each form starting a page"
