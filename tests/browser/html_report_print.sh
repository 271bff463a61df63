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

# A run that times out or crashes (a loaded 2-core CI box) is retried once.
for attempt in 1 2; do
  rm -f "$work/report.pdf"
  timeout -k 10 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --no-default-browser-check --disable-extensions --disable-background-networking --user-data-dir="$work/profile-$attempt" \
    --no-pdf-header-footer --print-to-pdf="$work/report.pdf" "file://$work/report.html" >"$work/chromium.log" 2>&1
  [ -s "$work/report.pdf" ] && break
  echo "Chromium attempt $attempt did not write the PDF; last log lines:" >&2
  tail -n 5 "$work/chromium.log" >&2
done
[ -s "$work/report.pdf" ] || fail "Chromium could not print report.html"

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
