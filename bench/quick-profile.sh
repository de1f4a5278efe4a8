#!/usr/bin/env bash
# Where the API's CPU goes in a quick import (docs/benchmarks.md, "What each piece costs").
#
# Publishes the working tree (.data/quick-profile-api), starts it on the PostgreSQL of bench/import.sh
# (.data/bench-postgres) in a database of its own (quickimport_quick_profile: the bench account, 10,000
# seeded profiles), made for perf as bench/lib.sh's start_profiled_api says, warms it up with the 64-connection import
# mix (bench/import-mix.lua) for <warm-up> s, then records the API process under the same load with
# `perf record -g` for <seconds> s. Prints the imports/s, the API's CPU per import, the share of its
# samples by thread and by module (a .NET assembly for JIT-compiled code, else the shared object), and
# each of the largest modules' top methods (self time). perf.data stays in .data/quick-profile/.
# Then records <seconds> s more with dotnet-trace (--profile gc-verbose) and prints the bytes the API
# allocated per import (its dotnet_gc_heap_total_allocated_bytes over the window) and where, by type and
# stack (bench/AllocationTrace); the trace stays in .data/quick-profile/allocations.nettrace. Allocation
# is counted, not timed: unlike CPU shares it reads the same on a machine shared with other work.
#
# Usage: bench/quick-profile.sh [seconds recorded, default 12] [warm-up seconds, default 60]
#   QUICKIMPORT_ENV: the API's environment, "NAME=value NAME2=value2" (e.g. a piece switched off)
#   QUICKIMPORT_PROFILE_PORT: the API's port (default 5097)
# Needs perf, wrk, python3 and dotnet-trace (dotnet tool install -g dotnet-trace).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${1:-12}
warmup=${2:-60}
admin_key=bench-admin-key
api_url=http://127.0.0.1:${QUICKIMPORT_PROFILE_PORT:-5097}
export QUICKIMPORT_PG_PORT=${QUICKIMPORT_BENCH_PG_PORT:-55450}
export QUICKIMPORT_PG_DIR=$PWD/.data/bench-postgres
out=$PWD/.data/quick-profile
api_dir=$PWD/.data/quick-profile-api
for tool in perf wrk python3; do
    command -v "$tool" >/dev/null || { echo "bench/quick-profile.sh: $tool is missing (apt-get install linux-perf wrk python3)" >&2; exit 1; }
done
PATH=$PATH:$HOME/.dotnet/tools
command -v dotnet-trace >/dev/null || { echo "bench/quick-profile.sh: dotnet-trace is missing (dotnet tool install -g dotnet-trace)" >&2; exit 1; }

# shellcheck source=bench/lib.sh
source bench/lib.sh
publish_api . "$api_dir"
dotnet build bench/AllocationTrace -c Release -o "$out-tool" -v quiet -nologo >/dev/null
start_database quickimport_quick_profile
rm -rf "$out"
mkdir -p "$out"

api_pid=
trap '[[ -n $api_pid ]] && kill "$api_pid" 2>/dev/null; wait "$api_pid" 2>/dev/null || true' EXIT
# shellcheck disable=SC2086 # QUICKIMPORT_ENV is a list of assignments
start_profiled_api "$api_dir" quickimport_quick_profile "$api_url" "$out/api.log" ${QUICKIMPORT_ENV:-}
read -r token db resource < <(bench_account "$api_url")
psql_at quickimport_quick_profile -v db="$db" -v resource="$resource" -v from=1 -v to=10000 -f bench/seed-profiles.sql >/dev/null
export TOKEN=$token DB_ID=$db RESOURCE_ID=$resource EXISTING=10000

echo "== warm-up: ${warmup} s at 64 connections"
RUN="w$$" wrk -t4 -c64 -d"${warmup}s" -s bench/import-mix.lua "$api_url" | grep RESULT
echo "== recorded: ${seconds} s at 64 connections"
RUN="m$$" wrk -t4 -c64 -d"$(( seconds + 4 ))s" -s bench/import-mix.lua "$api_url" >"$out/wrk.txt" &
wrk_pid=$!
sleep 2
before=$(cpu_ms "$api_pid")
start=$(date +%s%N)
perf record -F 999 -g -p "$api_pid" -o "$out/perf.data" -- sleep "$seconds" 2>/dev/null
cpu=$(( $(cpu_ms "$api_pid") - before ))
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
wait "$wrk_pid"
grep RESULT "$out/wrk.txt"
rps=$(sed -nE 's/.*rps=([0-9.]+).*/\1/p' "$out/wrk.txt")
awk -v cpu="$cpu" -v ms="$elapsed_ms" -v rps="$rps" 'BEGIN { printf "API CPU per import: %.3f ms (%d ms of CPU in %d ms at %.0f imports/s); load average %s\n", cpu / (rps * ms / 1000), cpu, ms, rps, "'"$(cut -d' ' -f1-3 /proc/loadavg)"'" }'

perf report -i "$out/perf.data" --stdio --no-children --sort comm -g none 2>/dev/null | grep -E '^ +[0-9]' | head -8 | sed 's/^/thread /'
perf report -i "$out/perf.data" --stdio --no-children --sort dso,sym -g none --percent-limit 0 2>/dev/null | grep -E '^ +[0-9]' >"$out/self.txt"
python3 - "$out/self.txt" <<'PY'
import collections, re, sys
modules, methods = collections.Counter(), collections.defaultdict(list)
for line in open(sys.argv[1]):
    m = re.match(r'\s+([\d.]+)%\s+(.+?)\s+\[(.)\]\s+(.*)', line)
    if not m:
        continue
    share, dso, kind, symbol = float(m.group(1)), m.group(2), m.group(3), m.group(4)
    assembly = re.search(r'\[([A-Za-z0-9_.]+)\]', symbol) if dso.startswith('[JIT]') else None
    module = 'kernel' if kind == 'k' else assembly.group(1) if assembly else dso
    modules[module] += share
    methods[module].append((share, symbol[:140]))
print('\nshare of the API\'s samples by module (self time):')
for module, share in modules.most_common(25):
    print(f'{share:6.2f} %  {module}')
for module, _ in modules.most_common(8):
    print(f'\n{module}:')
    for share, symbol in sorted(methods[module], reverse=True)[:5]:
        print(f'  {share:5.2f} %  {symbol}')
PY

echo
echo "== allocations: ${seconds} s at 64 connections"
allocated() { curl -sf "$api_url/metrics" | awk '/^dotnet_gc_heap_total_allocated_bytes/ { print $2 }'; }
RUN="a$$" wrk -t4 -c64 -d"$(( seconds + 4 ))s" -s bench/import-mix.lua "$api_url" >"$out/wrk-allocations.txt" &
wrk_pid=$!
sleep 2
before=$(allocated)
start=$(date +%s%N)
dotnet-trace collect -p "$api_pid" --profile gc-verbose --duration "00:00:00:$(printf %02d "$seconds")" -o "$out/allocations.nettrace" >/dev/null
bytes=$(( $(allocated) - before ))
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
wait "$wrk_pid"
rps=$(sed -nE 's/.*rps=([0-9.]+).*/\1/p' "$out/wrk-allocations.txt")
awk -v b="$bytes" -v ms="$elapsed_ms" -v rps="$rps" 'BEGIN { printf "allocated per import: %.1f KB (%.0f MB in %d ms at %.0f imports/s)\n", b / 1024 / (rps * ms / 1000), b / 1048576, ms, rps }'
dotnet "$out-tool/QuickImport.Bench.AllocationTrace.dll" "$out/allocations.nettrace" 4 25
