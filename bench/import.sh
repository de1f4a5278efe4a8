#!/usr/bin/env bash
# The import endpoint against PostgreSQL's own speed, side by side in one run (docs/benchmarks.md).
#
# Starts a PostgreSQL cluster of its own (.data/bench-postgres, port 55450, shared_buffers 1 GB) and
# the API as deployed (dotnet publish: Release, packages precompiled) with its defaults (deduplication
# on, a log line per import, its output in .data/bench-api.log), seeds 10,000 subscribed profiles,
# then measures with wrk:
#   - one connection (latency) and 64 connections (throughput, p99, resident memory), email matching,
#     half updates of seeded profiles and half new ones, every body distinct, a resource subscription;
#   - the same at 64 connections matching on a custom field;
#   - startup: from launching the process to the first import answered;
# and with pgbench the same SQL work without the service (bench/pgbench/) at 1, 16 and 64 clients;
# then the service and pgbench at its better client count in alternating 5-s slices, whose median
# ratio is the throughput target's figure. Then it adds 1,000,000 profiles and measures the service
# again. Prints one table at the end.
#
# Usage: bench/import.sh [seconds per measurement, default 15] [profiles to add, default 1000000]
#        (QUICKIMPORT_BENCH_WARMUP: the shortest warm-up before each measurement in seconds, default 30)
# Needs wrk and pgbench (apt-get install wrk postgresql).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${1:-15}
large=${2:-1000000}
existing=10000
# Each measurement follows a warm-up that lasts until tiered compilation has settled: under 50 ms of
# JIT in a 5-s slice, after at least $warmup s and at most $warmup_limit s. Under this load it takes
# 40–90 s on two cores (the JIT recompiles the hot methods with their profile, competing with the load
# for the cores); a measurement during it measures the compiler too (the table's "JIT ms" column
# shows how much, "warm s" how long the warm-up ran).
warmup=${QUICKIMPORT_BENCH_WARMUP:-30}
warmup_limit=120
slices=8
api_port=5095
admin_key=bench-admin-key
export QUICKIMPORT_PG_PORT=${QUICKIMPORT_BENCH_PG_PORT:-55450}
export QUICKIMPORT_PG_DIR=$PWD/.data/bench-postgres

for tool in wrk pgbench curl; do
    command -v "$tool" >/dev/null || { echo "bench/import.sh: $tool is missing (apt-get install wrk postgresql curl)" >&2; exit 1; }
done

# shellcheck source=bench/lib.sh
source bench/lib.sh
api_url=http://127.0.0.1:$api_port
api_pid=
stop_api() {
    if [[ -n $api_pid ]]; then
        kill "$api_pid" 2>/dev/null || true
        wait "$api_pid" 2>/dev/null || true
        api_pid=
    fi
}
trap stop_api EXIT

echo "== PostgreSQL and the published API"
scripts/postgres.sh start >/dev/null
# PostgreSQL's default 128 MB of shared buffers would measure the machine's page cache once a million
# profiles are in; 1 GB (of 24 here) holds the working set, for the service and pgbench alike.
if [[ $(psql_at postgres -Atc "SHOW shared_buffers") != 1GB ]]; then
    psql_at postgres -c "ALTER SYSTEM SET shared_buffers = '1GB'" >/dev/null
    scripts/postgres.sh stop >/dev/null
    scripts/postgres.sh start >/dev/null
fi
psql_at postgres -c "DROP DATABASE IF EXISTS quickimport_bench" -c "CREATE DATABASE quickimport_bench" \
    -c "DROP DATABASE IF EXISTS quickimport_pgbench" -c "CREATE DATABASE quickimport_pgbench" 2>/dev/null
connection_string="Host=127.0.0.1;Port=$QUICKIMPORT_PG_PORT;Database=quickimport_bench;Username=postgres"
api_dir=$PWD/.data/bench-api
publish_api . "$api_dir"

start_api() { # $1: apply migrations (true/false)
    (cd "$api_dir" &&
        ConnectionStrings__QuickImport=$connection_string QuickImport__MigrateOnStartup=$1 \
        QuickImport__AdminKey=$admin_key ASPNETCORE_URLS=$api_url \
        exec dotnet QuickImport.Api.dll) >>.data/bench-api.log 2>&1 &
    api_pid=$!
}



# Seeds profiles seed-<from>..seed-<to>@bench.example (bench/seed-profiles.sql).
seed_profiles() { # $1 from, $2 to
    psql_at quickimport_bench -v db="$db" -v resource="$resource" -v from="$1" -v to="$2" -f bench/seed-profiles.sql
}

postgres_pids() { # the postmaster and its children: backends, WAL writer, checkpointer, ...
    local postmaster
    postmaster=$(head -n 1 "$QUICKIMPORT_PG_DIR/data/postmaster.pid")
    echo "$postmaster" $(pgrep -P "$postmaster")
}
per_request() { awk -v ms="$1" -v n="$2" 'BEGIN { printf "%.2f", n ? ms / n : 0 }'; }

metric_sum() { # $1 metric name, $2 printf format (default whole): the sum over all its series
    curl -sf "$api_url/metrics" | awk -v m="$1" -v f="${2:-%.0f}" '$1 ~ "^"m"[{ ]" { s += $NF } END { printf f "\n", s }'
}

jit_seconds() { metric_sum dotnet_jit_compilation_time_seconds_total %.6f; }

# wrk with bench/import-mix.lua against the API; the options after the fourth go to wrk.
wrk_mix() { # $1 connections, $2 matching (email|field), $3 run prefix (unique to the run), $4 seconds
    TOKEN=$token DB_ID=$db RESOURCE_ID=$resource EXISTING=$existing MATCHING=$2 RUN=$3 \
        wrk -t$(( $1 < 2 ? 1 : 2 )) -c"$1" -d"$4s" "${@:5}" -s bench/import-mix.lua "$api_url"
}

# Loads the API in 5-s slices until the JIT has settled (see warmup above); prints the seconds it took.
warm_up() { # $1 connections, $2 matching, $3 run prefix
    local elapsed=0 jit_before jit_ms
    while true; do
        jit_before=$(jit_seconds)
        wrk_mix "$1" "$2" "w$3$elapsed" 5 >/dev/null
        elapsed=$(( elapsed + 5 ))
        jit_ms=$(awk -v a="$(jit_seconds)" -v b="$jit_before" 'BEGIN { printf "%.0f", (a - b) * 1000 }')
        if (( (elapsed >= warmup && jit_ms < 50) || elapsed >= warmup_limit )); then
            echo "$elapsed"
            return
        fi
    done
}

# wrk: prints "rps p50 p99 non2xx" of the measured run after a warm-up (until tiered compilation
# settled); also the API's peak RSS (MB), database round trips per import, the CPU time per import
# of the API and of PostgreSQL over the run, the JIT's compilation time in it (ms) and the warm-up's
# length (s).
load() { # $1 connections, $2 matching (email|field), $3 run prefix
    local warmed
    warmed=$(warm_up "$1" "$2" "$3")
    # The warm-up's last requests, abandoned by its wrk, finish before the measurement's connections open.
    sleep 1
    local trips0 imports0 peak=0 rss result pg_pids api_cpu0 pg_cpu0 jit0
    pg_pids=$(postgres_pids)
    api_cpu0=$(cpu_ms "$api_pid")
    # shellcheck disable=SC2086 # one pid a word
    pg_cpu0=$(cpu_ms $pg_pids)
    trips0=$(metric_sum quickimport_import_db_round_trips_sum)
    imports0=$(metric_sum quickimport_import_db_round_trips_count)
    jit0=$(jit_seconds)
    wrk_mix "$1" "$2" "m$3" "$seconds" --latency >.data/bench-wrk.out &
    local wrk_pid=$!
    while kill -0 "$wrk_pid" 2>/dev/null; do
        rss=$(ps -o rss= -p "$api_pid" | tr -d ' ')
        (( rss > peak )) && peak=$rss
        sleep 0.5
    done
    wait "$wrk_pid"
    local api_cpu pg_cpu requests
    api_cpu=$(( $(cpu_ms "$api_pid") - api_cpu0 ))
    # shellcheck disable=SC2086
    pg_cpu=$(( $(cpu_ms $pg_pids) - pg_cpu0 ))
    requests=$(sed -nE 's/^RESULT requests=([0-9]+) .*/\1/p' .data/bench-wrk.out)
    result=$(sed -nE 's/^RESULT requests=[0-9]+ non2xx=([0-9]+) rps=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+)$/\2 \3 \4 \1/p' .data/bench-wrk.out)
    local trips imports
    trips=$(( $(metric_sum quickimport_import_db_round_trips_sum) - trips0 ))
    imports=$(( $(metric_sum quickimport_import_db_round_trips_count) - imports0 ))
    local jit
    jit=$(awk -v a="$(jit_seconds)" -v b="$jit0" 'BEGIN { printf "%.0f", (a - b) * 1000 }')
    echo "$result $(( peak / 1024 )) $(awk -v t="$trips" -v i="$imports" 'BEGIN { printf "%.1f", i ? t / i : 0 }')" \
        "$(per_request "$api_cpu" "$requests") $(per_request "$pg_cpu" "$requests") $jit $warmed"
}

echo "== Migrations, set-up through the admin API, $existing seeded profiles"
: >.data/bench-api.log
start_api true
wait_live "$api_url" .data/bench-api.log
read -r token db resource < <(bench_account "$api_url")
seed_profiles 1 "$existing" >/dev/null
stop_api

echo "== Startup to the first served import"
started=$(date +%s%N)
start_api false
until [[ $(curl -s -o /dev/null -w '%{http_code}' "$api_url/api/integrations/any/profile_import" \
        -d "token=$token&db_id=$db&email=first@bench.example") == 200 ]]; do
    sleep 0.02
done
startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))

echo "== Service, $existing profiles: 1 connection, 64 connections, 64 connections matching a custom field"
read -r single_rps single_p50 single_p99 single_errors _ single_trips _ _ single_jit single_warm <<<"$(load 1 email s)"
read -r rps p50 p99 errors rss trips api_cpu pg_cpu jit warm <<<"$(load 64 email e)"
read -r field_rps field_p50 field_p99 field_errors field_rss _ _ _ field_jit field_warm <<<"$(load 64 field f)"

# The API stays up, idle and warm, for the side-by-side slices after pgbench.
echo "== pgbench: the same SQL work without the service"
psql_at quickimport_pgbench -f bench/pgbench/schema.sql >/dev/null
psql_at quickimport_pgbench -v existing=$existing -f bench/pgbench/seed.sql >/dev/null
# pgbench with bench/pgbench/import.sql, the import's SQL work without the service.
pgbench_mix() { # $1 clients, $2 seconds
    pgbench -n -M prepared -h 127.0.0.1 -p "$QUICKIMPORT_PG_PORT" -U postgres -f bench/pgbench/import.sql \
        -c "$1" -j "$(( $1 < 2 ? 1 : 2 ))" -T "$2" quickimport_pgbench
}
pgbench_run() { # $1 clients: prints "tps latency_ms PostgreSQL-CPU-ms-per-transaction"
    pgbench_mix "$1" "$seconds" >.data/bench-pgbench.out 2>&1 &
    local pgbench_pid=$! pg_pids pg_cpu0 pg_cpu
    # CPU over the middle of the run, while its backends live (they end with it).
    sleep 1
    pg_pids=$(postgres_pids)
    # shellcheck disable=SC2086
    pg_cpu0=$(cpu_ms $pg_pids)
    sleep $(( seconds - 2 ))
    # shellcheck disable=SC2086
    pg_cpu=$(( $(cpu_ms $pg_pids) - pg_cpu0 ))
    wait "$pgbench_pid"
    awk -v cpu="$pg_cpu" -v seconds="$seconds" '/^latency average/ { l = $4 } /^tps/ { t = $3 }
        END { printf "%.1f %.3f %.2f\n", t, l, t ? cpu / (t * (seconds - 2)) : 0 }' .data/bench-pgbench.out
}
read -r pg1_tps pg1_ms _ <<<"$(pgbench_run 1)"
read -r pg16_tps _ pg16_cpu <<<"$(pgbench_run 16)"
read -r pg64_tps _ <<<"$(pgbench_run 64)"
ceiling=$(awk -v a="$pg16_tps" -v b="$pg64_tps" 'BEGIN { print (a > b ? a : b) }')
best_clients=$(awk -v a="$pg16_tps" -v b="$pg64_tps" 'BEGIN { print (a > b ? 16 : 64) }')

# The machine's speed drifts by a fifth within minutes, so the ratio of runs minutes apart moves with
# it: the service at 64 connections and pgbench at its better client count, each in 5-s slices taken
# in turn (service then pgbench, pgbench then service, ...), meet the same machine; the ratio of
# each pair of slices, and their median.
echo "== Side by side: the service at 64 connections and pgbench at $best_clients clients, $slices rounds of 5-s slices"
slice_service() { # $1 run prefix: prints imports/s
    wrk_mix 64 email "$1" 5 | sed -nE 's/^RESULT .* rps=([0-9.]+) .*/\1/p'
}
slice_pgbench() { # prints transactions/s
    pgbench_mix "$best_clients" 5 2>&1 | awk '/^tps/ { print $3 }'
}
slice_rates=() slice_tps=() slice_ratios=()
for round in $(seq 1 "$slices"); do
    if (( round % 2 )); then
        service_rate=$(slice_service "x$round")
        pgbench_tps=$(slice_pgbench)
    else
        pgbench_tps=$(slice_pgbench)
        service_rate=$(slice_service "x$round")
    fi
    slice_rates+=("$service_rate") slice_tps+=("$pgbench_tps")
    slice_ratios+=("$(awk -v a="$service_rate" -v b="$pgbench_tps" 'BEGIN { printf "%.3f", b ? a / b : 0 }')")
done
stop_api
side_rate=$(median "${slice_rates[@]}") side_tps=$(median "${slice_tps[@]}")
side_ratio=$(printf '%.2f' "$(median "${slice_ratios[@]}")")

echo "== Adding $large profiles"
seed_profiles $(( existing + 1 )) $(( existing + large )) >/dev/null
start_api false
wait_live "$api_url" .data/bench-api.log
read -r big_rps big_p50 big_p99 big_errors big_rss _ _ _ big_jit big_warm <<<"$(load 64 email b)"
read -r bigfield_rps bigfield_p50 bigfield_p99 bigfield_errors _ _ _ _ bigfield_jit bigfield_warm <<<"$(load 64 field g)"
stop_api

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b ? a / b : 0 }'; }
echo
echo "QuickImport import benchmark: $(nproc) cores, ${seconds}s per measurement, $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-44s %10s %9s %9s %8s %8s %7s %7s %7s\n' "run" "req/s" "p50 ms" "p99 ms" "non-2xx" "RSS MB" "trips" "JIT ms" "warm s"
printf '%-44s %10s %9s %9s %8s %8s %7s %7s %7s\n' "service, 1 connection" "$single_rps" "$single_p50" "$single_p99" "$single_errors" "-" "$single_trips" "$single_jit" "$single_warm"
printf '%-44s %10s %9s %9s %8s %8s %7s %7s %7s\n' "service, 64 connections" "$rps" "$p50" "$p99" "$errors" "$rss" "$trips" "$jit" "$warm"
printf '%-44s %10s %9s %9s %8s %8s %7s %7s %7s\n' "service, 64 connections, custom field" "$field_rps" "$field_p50" "$field_p99" "$field_errors" "$field_rss" "-" "$field_jit" "$field_warm"
printf '%-44s %10s %9s %9s %8s %8s %7s %7s %7s\n' "service, 64 conn., +$large profiles" "$big_rps" "$big_p50" "$big_p99" "$big_errors" "$big_rss" "-" "$big_jit" "$big_warm"
printf '%-44s %10s %9s %9s %8s %8s %7s %7s %7s\n' "service, 64 conn., custom field, +$large" "$bigfield_rps" "$bigfield_p50" "$bigfield_p99" "$bigfield_errors" "-" "-" "$bigfield_jit" "$bigfield_warm"
printf '%-44s %10s %9s\n' "pgbench, 1 client" "$pg1_tps" "$pg1_ms"
printf '%-44s %10s\n' "pgbench, 16 clients" "$pg16_tps" "pgbench, 64 clients" "$pg64_tps"
echo
echo "side by side, $slices rounds of 5-s slices: service $side_rate imports/s, pgbench ($best_clients clients) $side_tps tps (medians)"
echo "  service / pgbench, each round: ${slice_ratios[*]}"
echo
echo "CPU per import at 64 connections: API $api_cpu ms, PostgreSQL $pg_cpu ms;" \
    "PostgreSQL per pgbench transaction at 16 clients: $pg16_cpu ms"
echo
echo "throughput / SQL ceiling, side by side:      ${side_ratio}   (target >= 0.80; the rounds' median)"
echo "throughput / SQL ceiling, one after another: $(ratio "$rps" "$ceiling")   ($rps imports/s, then $ceiling tps)"
echo "single-connection p50 / pgbench latency:     $(ratio "$single_p50" "$pg1_ms")   (target <= 1.5)"
echo "p99 / p50 at 64 connections:                 $(ratio "$p99" "$p50")   (target <= 3)"
echo "peak API resident memory:                    ${rss} MB   (target <= 300)"
echo "+$large profiles vs $existing, email:        $(ratio "$big_rps" "$rps")   (target >= 0.90)"
echo "+$large profiles vs $existing, custom field: $(ratio "$bigfield_rps" "$field_rps")   (target >= 0.90)"
echo "startup to first served import:              ${startup_ms} ms   (target < 2000)"
