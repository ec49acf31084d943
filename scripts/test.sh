#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# Set up, build (plain and ASan+UBSan) and run the whole test suite in both
# builds. The last line is "N passed, N failed".
set -u
usage="usage: scripts/test.sh (no arguments: sets up, builds and runs"
usage="$usage every test; one suite: meson test -C build --suite NAME)"
case ${1:-} in -h|--help) echo "$usage"; exit 0 ;; esac
if [ $# -ne 0 ]; then
	echo "$usage" >&2
	exit 2
fi
cd "$(dirname "$0")/.."
scripts/setup.sh --asan || { echo "0 passed, 1 failed"; exit 1; }
# UBSan only prints by default: a report fails the test that made it
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

for b in build build-asan; do
	echo "=== meson test -C $b"
	meson test -C "$b" --print-errorlogs --num-processes 2 2>&1 |
		grep -vE '^(Expected Fail|Unexpected Pass|Skipped|Timeout): +0 *$'
done

python3 - <<'PY'
import json, sys
passed = failed = 0
for b in ("build", "build-asan"):
    try:
        lines = open(b + "/meson-logs/testlog.json").read().splitlines()
    except OSError:
        failed += 1
        print(f"{b}: no test log")
        continue
    for line in lines:
        r = json.loads(line)
        if r.get("result") in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif r.get("result") == "SKIP":    # neither: said, not counted
            print(f"skipped: {b}: {r.get('name')}")
        else:
            failed += 1
            print(f"failed: {b}: {r.get('name')} ({r.get('result')})")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or passed == 0 else 0)
PY
