#!/bin/sh
# The HTML report, the batch summary page and the `defen diff` page rendered by headless Chromium
# (issue 4): no console errors, and the rendered DOM holds the seed example's
# total 86.50 and grade 良. A missing Chromium is a failure, not a skip: CI
# installs it (scripts/setup), so its absence means the check did not run.
#
# Usage: html_report_chromium.sh DEFEN SOURCE_DIR    (CHROMIUM=path overrides /usr/bin/chromium)
set -u
defen=$1
src=$2
chromium=${CHROMIUM:-/usr/bin/chromium}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

[ -x "$chromium" ] || fail "Chromium not found at $chromium; install it (scripts/setup runs apt-get install chromium) or set CHROMIUM"
command -v timeout >/dev/null || fail "timeout (coreutils) is needed to bound Chromium's run time"

work=$(mktemp -d "${TMPDIR:-/tmp}/defen-chromium.XXXXXX") || fail "cannot create a temporary directory"
trap 'rm -rf "$work"' EXIT INT TERM

# render NAME: loads $work/NAME.html, writes the serialised DOM to NAME.dom and
# Chromium's log (console messages included) to NAME.log. Each run gets a fresh
# profile; a run that times out or crashes (a loaded 2-core CI box) is retried once.
render() {
  for attempt in 1 2; do
    timeout -k 10 90 "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
      --no-first-run --no-default-browser-check --disable-extensions --disable-background-networking \
      --user-data-dir="$work/profile-$1-$attempt" --enable-logging=stderr --v=0 \
      --dump-dom "file://$work/$1.html" >"$work/$1.dom" 2>"$work/$1.log"
    status=$?
    if [ "$status" -eq 0 ] && grep -q '</html>' "$work/$1.dom"; then return 0; fi
    echo "Chromium attempt $attempt on $1.html exited with $status; last log lines:" >&2
    tail -n 5 "$work/$1.log" >&2
  done
  fail "Chromium could not render $1.html"
}

# console_errors NAME: the console messages and uncaught errors Chromium logged.
console_errors() {
  grep -E 'CONSOLE|Uncaught' "$work/$1.log"
}

expect_in_dom() {
  grep -qF -- "$2" "$work/$1.dom" || fail "$1.html: the rendered page lacks: $2"
}

# First make sure this Chromium reports console messages at all, so that
# "no console errors" below means something.
printf '%s\n' '<!DOCTYPE html><html><head><meta charset="utf-8"><title>canary</title></head>' \
  '<body><script>console.error("defen-canary")</script></body></html>' >"$work/canary.html"
render canary
console_errors canary | grep -q defen-canary ||
  fail "this Chromium does not log console messages with --enable-logging=stderr; the check cannot work"

rules="$src/rulesets/zhanjiang-2022-dept.rules"
data="$src/examples/zhanjiang-2022/data.json"
"$defen" eval --format html -o "$work/report.html" "$rules" "$data" || fail "defen eval --format html failed"
"$defen" eval --summary html -o "$work/summary.html" "$rules" "$data" || fail "defen eval --summary html failed"
"$defen" diff --format html -o "$work/diff.html" "$rules" "$src/rulesets/zhanjiang-2023-dept.rules" || fail "defen diff --format html failed"

for page in report summary diff; do
  render "$page"
  if console_errors "$page" >"$work/$page.console"; then
    cat "$work/$page.console" >&2
    fail "$page.html: Chromium logged console messages (above)"
  fi
done

expect_in_dom report '<span class="num">86.50</span>'
expect_in_dom report '>良</div>'
expect_in_dom report '<td class="level">预算编制情况</td><td class="num">20.00</td>'
expect_in_dom report '<svg'
expect_in_dom summary '<b>86.50</b>'
expect_in_dom summary '良（80.00～90.00分）'
expect_in_dom diff '<h2>预算执行情况 › 支出管理</h2>'
echo "OK: report and summary render in $("$chromium" --version 2>/dev/null | head -n 1) without console errors; total 86.50, grade 良; the 2022→2023 diff page too"
