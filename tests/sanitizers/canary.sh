#!/bin/sh
# The sanitized build catches what it should (canary.cpp): each deliberate bug
# must end the process with a failure and ASan's or UBSan's report, under the
# options scripts/sanitizer-options sets. Also checks that the defen binary
# itself carries the ASan runtime.
#
#   canary.sh CANARY DEFEN
set -u
canary=$1
defen=$2
status=0

expect() {
  what=$1
  pattern=$2
  out=$("$canary" "$what" 2>&1)
  code=$?
  if [ "$code" -eq 0 ]; then
    echo "FAIL: sanitizer_canary $what exited 0; the sanitizer did not stop it" >&2
    status=1
  elif ! printf '%s\n' "$out" | grep -q "$pattern"; then
    echo "FAIL: sanitizer_canary $what exited $code without \"$pattern\":" >&2
    printf '%s\n' "$out" | tail -n 20 >&2
    status=1
  else
    echo "ok: $what → exit $code, \"$pattern\""
  fi
}

expect heap 'AddressSanitizer: heap-buffer-overflow'
expect overflow 'runtime error: signed integer overflow'
expect leak 'LeakSanitizer: detected memory leaks'

if ldd "$defen" | grep -q libasan; then
  echo "ok: $defen links libasan"
else
  echo "FAIL: $defen does not link libasan: it was not built with DEFEN_SANITIZE" >&2
  status=1
fi
exit "$status"
