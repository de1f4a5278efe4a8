#!/usr/bin/env bash
# import_batch against its set-based SQL ceiling and against the quick import, side by side in one run
# (docs/benchmarks.md, "Batch import").
#
# Starts PostgreSQL as bench/import.sh does (.data/bench-postgres, shared_buffers 1 GB; port 55451 unless
# the cluster already runs elsewhere) and the API as deployed (bench/lib.sh publish_api), and sets up:
#   - quickimport_batch: the service's database, the bench account, 40,000 seeded profiles (four
#     partitions of 10,000, one per batch client);
#   - quickimport_batch_ceiling: a copy of it for pgbench (bench/pgbench/batch.sql);
#   - quickimport_batch_big: a copy of it with <large> more profiles, served by a second API.
# Then, after a warm-up until the JIT has settled:
#   1. <rounds> rounds of three <slice>-s slices in turn (order reversed every other round):
#      import_batch (wrk, bench/import-batch.lua: 4 clients, 1,000-item batches, email matching, half
#      updates / half new, a resource subscription), the ceiling (pgbench, 4 clients, the same 1,000
#      profiles per transaction), the quick import (wrk, bench/import-mix.lua, 64 connections): each
#      round's ratios batch/ceiling and batch/quick, and their medians; CPU per profile of the API and
#      of PostgreSQL in each kind of slice;
#   2. <rounds> rounds of import_batch against the small and the big database in turn: the ratio;
#   3. 10,000-item / 10 MB batches (bench/make-batches.py, posted with scripts/import-batches.py):
#      four one at a time (latency), then four at once (the API's peak resident memory).
#
# Usage: bench/batch.sh [seconds per slice, default 10] [rounds, default 5] [profiles in the big database, default 1000000]
#   QUICKIMPORT_BENCH_WARMUP   the shortest warm-up in seconds (default 30)
#   QUICKIMPORT_BENCH_REUSE_API=1  use .data/batch-api as published by an earlier run (publishing takes minutes here)
# About 13 minutes with the defaults on two cores. Needs wrk, pgbench, curl, python3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

slice=${1:-10}
rounds=${2:-5}
large=${3:-1000000}
clients=4
partition=10000
seeded=$(( clients * partition ))
quick_existing=10000
warmup=${QUICKIMPORT_BENCH_WARMUP:-30}
warmup_limit=120
admin_key=bench-admin-key
export QUICKIMPORT_PG_PORT=${QUICKIMPORT_BENCH_PG_PORT:-55451}
export QUICKIMPORT_PG_DIR=$PWD/.data/bench-postgres

for tool in wrk pgbench curl python3; do
    command -v "$tool" >/dev/null || { echo "bench/batch.sh: $tool is missing (apt-get install wrk postgresql curl python3)" >&2; exit 1; }
done

# shellcheck source=bench/lib.sh
source bench/lib.sh
declare -A api_pid=() url=([small]=http://127.0.0.1:5096 [big]=http://127.0.0.1:5097)
declare -A database=([small]=quickimport_batch [big]=quickimport_batch_big)
stop_api() { # $1 side
    if [[ -n ${api_pid[$1]:-} ]]; then
        kill "${api_pid[$1]}" 2>/dev/null || true
        wait "${api_pid[$1]}" 2>/dev/null || true
        api_pid[$1]=
    fi
}
trap 'stop_api small; stop_api big' EXIT

start_api() { # $1 side, $2 apply migrations (true/false)
    (cd "$api_dir" &&
        ConnectionStrings__QuickImport="Host=127.0.0.1;Port=$QUICKIMPORT_PG_PORT;Database=${database[$1]};Username=postgres" \
        QuickImport__MigrateOnStartup=$2 QuickImport__AdminKey=$admin_key ASPNETCORE_URLS=${url[$1]} \
        exec dotnet QuickImport.Api.dll) >>".data/batch-api-$1.log" 2>&1 &
    api_pid[$1]=$!
    wait_live "${url[$1]}" ".data/batch-api-$1.log"
}

echo "== PostgreSQL and the published API"
start_bench_postgres 100
for name in quickimport_batch quickimport_batch_ceiling quickimport_batch_big; do
    psql_at postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
done
psql_at postgres -c "CREATE DATABASE quickimport_batch"
api_dir=$PWD/.data/batch-api
if [[ ${QUICKIMPORT_BENCH_REUSE_API:-} == 1 && -f $api_dir/QuickImport.Api.dll ]]; then
    echo "   (reusing $api_dir)"
else
    publish_api . "$api_dir"
fi

echo "== Migrations, the bench account, $seeded seeded profiles; the ceiling's copy; the big copy (+$large)"
: >.data/batch-api-small.log
: >.data/batch-api-big.log
start_api small true
read -r token db resource < <(bench_account "${url[small]}")
bench_batch_fields "${url[small]}" "$db"
psql_at quickimport_batch -v db="$db" -v resource="$resource" -v from=1 -v to=$seeded -f bench/seed-profiles.sql >/dev/null
stop_api small
psql_at postgres -c "CREATE DATABASE quickimport_batch_ceiling TEMPLATE quickimport_batch" \
    -c "CREATE DATABASE quickimport_batch_big TEMPLATE quickimport_batch"
# The 10 MB bodies, written meanwhile: four for the latency (seeded 1..20,000), four for memory (20,001..40,000).
big_bodies=$PWD/.data/batch-bodies
rm -rf "$big_bodies"
(bench/make-batches.py "$big_bodies/latency" 4 10000 1000 "L$$" 1 "$token" "$db" "$resource" &&
    bench/make-batches.py "$big_bodies/memory" 4 10000 1000 "M$$" 20001 "$token" "$db" "$resource") &
bodies_pid=$!
psql_at quickimport_batch_big -v db="$db" -v resource="$resource" -v from=$(( seeded + 1 )) -v to=$(( seeded + large )) \
    -f bench/seed-profiles.sql >/dev/null
wait "$bodies_pid"
psql_at postgres -c CHECKPOINT >/dev/null
start_api small false
start_api big false

jit_seconds() { # $1 side
    curl -sf "${url[$1]}/metrics" | awk '$1 ~ "^dotnet_jit_compilation_time_seconds_total[{ ]" { s += $NF } END { printf "%.6f\n", s }'
}

# One slice of each kind; each prints "profiles/s p50_ms p99_ms failed processed", processed being the
# profiles the slice made the server work on (for import_batch also those of the batches in flight at
# its end, which the server finishes after it; for pgbench its processed transactions).
batch_slice() { # $1 side, $2 seconds, $3 run prefix
    TOKEN=$token DB_ID=$db RESOURCE_ID=$resource RUN=$3 BATCH=1000 PARTITION=$partition \
        wrk -t$clients -c$clients -d"$2s" --latency -s bench/import-batch.lua "${url[$1]}" |
        sed -nE 's/^RESULT requests=[0-9]+ non2xx=([0-9]+) items_ok=[0-9]+ items_failed=([0-9]+) profiles_per_s=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+) sent=([0-9]+)$/\3 \4 \5 \2 \6/p'
    # The batches wrk abandoned at its end are still running: let them finish before what comes next.
    sleep 2
}
ceiling_slice() { # $1 seconds
    PGOPTIONS="-c plan_cache_mode=force_generic_plan -c enable_seqscan=off" \
        pgbench -n -M prepared -h 127.0.0.1 -p "$QUICKIMPORT_PG_PORT" -U postgres -D db="$db" -D resource="$resource" \
        -f bench/pgbench/batch.sql -c $clients -j 2 -T "$1" quickimport_batch_ceiling 2>&1 |
        awk '/^latency average/ { l = $4 } /^tps/ { t = $3 } /^number of failed/ { f = $5 } /^number of transactions actually/ { n = $6 }
            END { printf "%.1f %.1f - %d %d\n", t * 1000, l, f * 1000, n * 1000 }'
    sleep 0.5
}
quick_slice() { # $1 seconds, $2 run prefix
    TOKEN=$token DB_ID=$db RESOURCE_ID=$resource EXISTING=$quick_existing MATCHING=email RUN=$2 \
        wrk -t2 -c64 -d"$1s" --latency -s bench/import-mix.lua "${url[small]}" |
        sed -nE 's/^RESULT requests=([0-9]+) non2xx=([0-9]+) rps=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+)$/\3 \4 \5 \2 \1/p'
}

echo "== Warm-up: import_batch and quick imports in 5-s turns until the JIT settles (>= ${warmup}s, <= ${warmup_limit}s); the big side 20 s"
elapsed=0
while true; do
    jit0=$(jit_seconds small)
    batch_slice small 5 "w$elapsed" >/dev/null
    quick_slice 5 "w$elapsed" >/dev/null
    elapsed=$(( elapsed + 10 ))
    jit_ms=$(awk -v a="$(jit_seconds small)" -v b="$jit0" 'BEGIN { printf "%.0f", (a - b) * 1000 }')
    (( (elapsed >= warmup && jit_ms < 50) || elapsed >= warmup_limit )) && break
done
warmed=$elapsed
for i in 1 2 3 4; do batch_slice big 5 "wb$i" >/dev/null; done

# Runs one slice, measuring the CPU that the API (if any) and PostgreSQL used in it; sets slice_out to
# "profiles/s p50 p99 failed api_ms_per_profile pg_ms_per_profile".
measure() { # $1 side of the API or "-", then the slice's command
    local side=$1 api0=0 pg0 out api_ms pg_ms processed
    shift
    [[ $side != - ]] && api0=$(cpu_ms_of "${api_pid[$side]}")
    pg0=$(pg_cpu_ms)
    out=$("$@")
    pg_ms=$(( $(pg_cpu_ms) - pg0 ))
    api_ms=0
    [[ $side != - ]] && api_ms=$(( $(cpu_ms_of "${api_pid[$side]}") - api0 ))
    processed=${out##* }
    # CPU over the slice and its drain, per profile it made the server work on.
    slice_out="${out% *} $(awk -v c="$api_ms" -v p="$pg_ms" -v n="$processed" \
        'BEGIN { printf "%.4f %.4f", n ? c / n : 0, n ? p / n : 0 }')"
}

echo "== $rounds rounds of ${slice}-s slices: import_batch (4 clients x 1,000), the SQL ceiling (4 clients x 1,000), the quick import (64 connections)"
printf '%-6s %-9s %12s %9s %9s %7s %12s %12s\n' round slice profiles/s "p50 ms" "p99 ms" failed "API ms/prof" "PG ms/prof"
declare -A rates=() api_cpu=() pg_cpu=() p50s=()
batch_ceiling=() batch_quick=()
for round in $(seq 1 "$rounds"); do
    order="batch ceiling quick"
    (( round % 2 == 0 )) && order="quick ceiling batch"
    declare -A this=()
    for kind in $order; do
        case $kind in
            batch) measure small batch_slice small "$slice" "b$round" ;;
            ceiling) measure - ceiling_slice "$slice" ;;
            quick) measure small quick_slice "$slice" "q$round" ;;
        esac
        read -r rate p50 p99 failed api_ms pg_ms <<<"$slice_out"
        printf '%-6s %-9s %12s %9s %9s %7s %12s %12s\n' "$round" "$kind" "$rate" "$p50" "$p99" "$failed" "$api_ms" "$pg_ms"
        this[$kind]=$rate
        rates[$kind]+="$rate " api_cpu[$kind]+="$api_ms " pg_cpu[$kind]+="$pg_ms " p50s[$kind]+="$p50 "
    done
    batch_ceiling+=("$(awk -v a="${this[batch]}" -v b="${this[ceiling]}" 'BEGIN { printf "%.3f", b ? a / b : 0 }')")
    batch_quick+=("$(awk -v a="${this[batch]}" -v b="${this[quick]}" 'BEGIN { printf "%.2f", b ? a / b : 0 }')")
    unset this
done

echo "== $rounds rounds of ${slice}-s import_batch slices: $seeded profiles stored against $(( seeded + large ))"
printf '%-6s %-9s %12s %9s %9s %7s %12s %12s\n' round database profiles/s "p50 ms" "p99 ms" failed "API ms/prof" "PG ms/prof"
big_small=()
for round in $(seq 1 "$rounds"); do
    order="small big"
    (( round % 2 == 0 )) && order="big small"
    declare -A this=()
    for side in $order; do
        measure "$side" batch_slice "$side" "$slice" "s$round$side"
        read -r rate p50 p99 failed api_ms pg_ms <<<"$slice_out"
        printf '%-6s %-9s %12s %9s %9s %7s %12s %12s\n' "$round" "$side" "$rate" "$p50" "$p99" "$failed" "$api_ms" "$pg_ms"
        this[$side]=$rate
        rates[db_$side]+="$rate "
    done
    big_small+=("$(awk -v a="${this[big]}" -v b="${this[small]}" 'BEGIN { printf "%.3f", b ? a / b : 0 }')")
    unset this
done
stop_api big

echo "== 10,000-item / 10 MB batches: four one at a time, then four at once"
rss_mb() { awk '/^VmRSS/ { printf "%d\n", $2 / 1024 }' "/proc/${api_pid[small]}/status"; }
post_folder() { # $1 folder, $2 concurrency: sets posted to the import-batches.py totals (JSON), peak_rss to the API's peak RSS meanwhile
    scripts/import-batches.py "$1" --url "${url[small]}" --concurrency "$2" --quiet --json >.data/batch-post.json &
    local post_pid=$! rss
    peak_rss=0
    while kill -0 "$post_pid" 2>/dev/null; do
        rss=$(rss_mb)
        (( rss > peak_rss )) && peak_rss=$rss
        sleep 0.2
    done
    wait "$post_pid" || true
    posted=$(cat .data/batch-post.json)
}
json_number() { sed -nE "s/.*\"$1\": ([0-9.]+).*/\1/p"; }
idle_rss=$(rss_mb)
api0=$(cpu_ms_of "${api_pid[small]}") pg0=$(pg_cpu_ms)
post_folder "$big_bodies/latency" 1
latency_json=$posted
big_api_ms=$(( $(cpu_ms_of "${api_pid[small]}") - api0 )) big_pg_ms=$(( $(pg_cpu_ms) - pg0 ))
latency_rss=$peak_rss
post_folder "$big_bodies/memory" 4
memory_json=$posted
memory_rss=$peak_rss
hwm=$(awk '/^VmHWM/ { printf "%d\n", $2 / 1024 }' "/proc/${api_pid[small]}/status")
stop_api small
big_imported=$(json_number imported <<<"$latency_json")
big_per_profile() { awk -v ms="$1" -v n="$big_imported" 'BEGIN { printf "%.4f", n ? ms / n : 0 }'; }

# shellcheck disable=SC2086 # the lists are words
{
    med_batch=$(median ${rates[batch]}) med_ceiling=$(median ${rates[ceiling]}) med_quick=$(median ${rates[quick]})
    med_small=$(median ${rates[db_small]}) med_big=$(median ${rates[db_big]})
    cpu_line() { echo "API $(median ${api_cpu[$1]}) ms, PostgreSQL $(median ${pg_cpu[$1]}) ms"; }
    batch_p50=$(median ${p50s[batch]})
}
echo
echo "QuickImport batch benchmark: $(nproc) cores, ${slice}-s slices, $rounds rounds, warm-up ${warmed}s, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "medians, profiles/s: import_batch $med_batch (p50 ${batch_p50} ms a batch), ceiling $med_ceiling, quick import $med_quick"
echo "  batch / ceiling, each round: ${batch_ceiling[*]}"
echo "  batch / quick,   each round: ${batch_quick[*]}"
echo "CPU per profile (medians): import_batch $(cpu_line batch); ceiling $(cpu_line ceiling); quick import $(cpu_line quick)"
echo "import_batch, $seeded profiles $med_small/s, +$large $med_big/s; big / small, each round: ${big_small[*]}"
echo "10 MB batches one at a time: $(json_number latency_p50_s <<<"$latency_json") s median, $(json_number latency_max_s <<<"$latency_json") s max," \
    "$(json_number imported <<<"$latency_json") imported, $(json_number failed <<<"$latency_json") refused;" \
    "CPU per profile: API $(big_per_profile "$big_api_ms") ms, PostgreSQL $(big_per_profile "$big_pg_ms") ms; peak RSS ${latency_rss} MB"
echo "10 MB batches four at once: $(json_number seconds <<<"$memory_json") s for all four, $(json_number latency_max_s <<<"$memory_json") s the slowest," \
    "$(json_number imported <<<"$memory_json") imported, $(json_number failed <<<"$memory_json") refused; API RSS idle ${idle_rss} MB, peak ${memory_rss} MB (VmHWM over the run ${hwm} MB)"
echo
echo "import_batch / SQL ceiling:          $(printf '%.2f' "$(median "${batch_ceiling[@]}")")   (target >= 0.5; the rounds' median)"
echo "import_batch / quick import:         $(printf '%.1f' "$(median "${batch_quick[@]}")")   (target >= 10)"
echo "10 MB batch, one at a time:          $(json_number latency_p50_s <<<"$latency_json") s   (target < 2)"
echo "API RSS, four 10 MB batches at once: ${memory_rss} MB   (target < 300)"
echo "+$large profiles / $seeded:       $(printf '%.2f' "$(median "${big_small[@]}")")   (target >= 0.90; the rounds' median)"
