#!/usr/bin/env bash
# Where a 10,000-item / 10 MB import_batch spends its time and memory (docs/benchmarks.md, "Batch import").
#
# Uses the PostgreSQL of bench/batch.sh (.data/bench-postgres) and the API it published (.data/batch-api),
# in a database of its own (quickimport_batch_profile: the bench account, 20,000 seeded profiles); the
# API runs made for perf (bench/lib.sh's start_profiled_api: every method JIT-compiled and named). Posts two 10 MB
# batches to warm up, then two more one at a time under `perf record -a -g -e cpu-clock`, and prints:
# each batch's seconds; the API's and PostgreSQL's CPU per profile (/proc/<pid>/stat deltas); the API's
# allocation per profile and GC counts (its /metrics); the share of the samples by process; and the
# top symbols of the API and of PostgreSQL's backends. perf.data stays in .data/batch-profile/.
#
# Usage: bench/batch-profile.sh [items per batch, default 10000] [bytes per item, default 1000]
# Run bench/batch.sh once before (it publishes the API and starts PostgreSQL). Needs perf, wrk, python3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

items=${1:-10000}
item_bytes=${2:-1000}
admin_key=bench-admin-key
api_url=http://127.0.0.1:5098
export QUICKIMPORT_PG_PORT=${QUICKIMPORT_BENCH_PG_PORT:-55451}
export QUICKIMPORT_PG_DIR=$PWD/.data/bench-postgres
out=$PWD/.data/batch-profile
api_dir=$PWD/.data/batch-api
[[ -f $api_dir/QuickImport.Api.dll ]] || { echo "bench/batch-profile.sh: run bench/batch.sh first (it publishes the API)" >&2; exit 1; }
command -v perf >/dev/null || { echo "bench/batch-profile.sh: perf is missing (apt-get install linux-perf)" >&2; exit 1; }

# shellcheck source=bench/lib.sh
source bench/lib.sh
start_database quickimport_batch_profile
rm -rf "$out"
mkdir -p "$out"

api_pid=
trap '[[ -n $api_pid ]] && kill "$api_pid" 2>/dev/null; wait 2>/dev/null || true' EXIT
start_profiled_api "$api_dir" quickimport_batch_profile "$api_url" "$out/api.log"
read -r token db resource < <(bench_account "$api_url")
bench_batch_fields "$api_url" "$db"
psql_at quickimport_batch_profile -v db="$db" -v resource="$resource" -v from=1 -v to=20000 -f bench/seed-profiles.sql >/dev/null
half=$(( items / 2 ))
bench/make-batches.py "$out/warm" 2 "$items" "$item_bytes" "W$$" 1 "$token" "$db" "$resource"
bench/make-batches.py "$out/measured" 2 "$items" "$item_bytes" "P$$" $(( 2 * half + 1 )) "$token" "$db" "$resource"

echo "== warm-up: 20 s of 1,000-item batches, then two ${items}-item batches"
TOKEN=$token DB_ID=$db RESOURCE_ID=$resource RUN="w$$" BATCH=1000 PARTITION=2000 \
    wrk -t4 -c4 -d20s -s bench/import-batch.lua "$api_url" >/dev/null
sleep 2
scripts/import-batches.py "$out/warm" --url "$api_url" --concurrency 1

metric() { curl -sf "$api_url/metrics" | awk -v m="$1" '$1 ~ "^"m"[{ ]" { s += $NF } END { printf "%.0f\n", s }'; }

echo "== two ${items}-item batches one at a time, under perf"
alloc0=$(metric dotnet_gc_heap_total_allocated_bytes_total)
gc0=$(metric dotnet_gc_collections_total)
api0=$(cpu_ms_of "$api_pid") pg0=$(pg_cpu_ms)
perf record -e cpu-clock -F 499 -a -g -o "$out/perf.data" -- scripts/import-batches.py "$out/measured" --url "$api_url" --concurrency 1 \
    2>"$out/perf-record.log"
api_ms=$(( $(cpu_ms_of "$api_pid") - api0 )) pg_ms=$(( $(pg_cpu_ms) - pg0 ))
alloc=$(( $(metric dotnet_gc_heap_total_allocated_bytes_total) - alloc0 ))
gcs=$(( $(metric dotnet_gc_collections_total) - gc0 ))
profiles=$(( 2 * items ))
echo "CPU per profile: API $(awk -v a="$api_ms" -v n="$profiles" 'BEGIN { printf "%.4f", a / n }') ms, PostgreSQL $(awk -v a="$pg_ms" -v n="$profiles" 'BEGIN { printf "%.4f", a / n }') ms" \
    "($api_ms and $pg_ms ms for $profiles profiles)"
echo "API allocation: $(awk -v a="$alloc" -v n="$profiles" 'BEGIN { printf "%.0f", a / n }') bytes per profile ($(( alloc / 1048576 )) MB a batch: $(( alloc / 2 / 1048576 ))), $gcs collections"

# The reports below read perf.data whole; head ends them early.
set +o pipefail
echo "== samples by process (the API is pid $api_pid)"
perf script -i "$out/perf.data" -F comm,pid 2>/dev/null | awk '{ n[$NF]++; c[$NF] = $1; t++ } END { for (p in n) printf "%6.1f%% %s %s\n", 100 * n[p] / t, p, c[p] }' |
    sort -rn | head -8
echo "== the API's top symbols (self time, % of the API's samples)"
perf report -i "$out/perf.data" --no-children -g none --pid "$api_pid" --sort sym --stdio --percentage relative 2>/dev/null |
    grep -E '^ +[0-9]' | head -40 | cut -c1-200 >"$out/api-symbols.txt"
cat "$out/api-symbols.txt"
echo "== PostgreSQL's top symbols (self time, % of the backends' samples)"
backends=$(perf script -i "$out/perf.data" -F comm,pid 2>/dev/null | awk '$1 == "postgres" { n[$2]++ } END { for (p in n) if (n[p] > 20) printf "%s,", p }')
perf report -i "$out/perf.data" --no-children -g none --pid "${backends%,}" --sort sym --stdio --percentage relative 2>/dev/null |
    grep -E '^ +[0-9]' | head -30
