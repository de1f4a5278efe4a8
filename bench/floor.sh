#!/usr/bin/env bash
# QuickImport against the floor and PostgreSQL, side by side in one run (docs/benchmarks.md).
#
# The floor (bench/Floor) is the cheapest ASP.NET Core service doing an import's work: Kestrel, a
# minimal API, the form body, a token in a dictionary, and bench/pgbench/import.sql's statements on
# that script's tables as one Npgsql batch. Starts PostgreSQL as bench/import.sh does, publishes
# QuickImport (its defaults: deduplication on, the log line, metrics) and the floor, gives each and
# pgbench a database of its own seeded with 10,000 subscribed profiles, warms both services up,
# measures the median latency from one connection of each of the three, then loads them at 64
# connections in rounds of 6-s slices taken in turn (the order rotating each round). Over the middle
# 4 s of each slice it reads the CPU time of the service's process and of PostgreSQL's (the postmaster
# and its children) from /proc/<pid>/stat. Prints each slice, then the medians: imports/s, the ratio
# to pgbench's transactions/s in the same round, and CPU per import.
#
# Usage: bench/floor.sh [rounds, default 7] [seconds per slice, default 6]
#   QUICKIMPORT_ENV: QuickImport's environment, "NAME=value NAME2=value2" (e.g. deduplication off)
#   QUICKIMPORT_FLOOR_PORT: QuickImport's port, the floor's the next (default 5100)
#   QUICKIMPORT_BENCH_WARMUP: seconds of load on each service before measuring (default 30)
# Needs wrk and pgbench (apt-get install wrk postgresql).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rounds=${1:-7}
seconds=${2:-6}
warmup=${QUICKIMPORT_BENCH_WARMUP:-30}
existing=10000
admin_key=bench-admin-key
floor_token=floor-bench-token
export QUICKIMPORT_PG_PORT=${QUICKIMPORT_BENCH_PG_PORT:-55450}
export QUICKIMPORT_PG_DIR=$PWD/.data/bench-postgres

for tool in wrk pgbench curl; do
    command -v "$tool" >/dev/null || { echo "bench/floor.sh: $tool is missing (apt-get install wrk postgresql curl)" >&2; exit 1; }
done

# shellcheck source=bench/lib.sh
source bench/lib.sh
declare -A pid url token db resource
trap stop_pids EXIT

connection() { echo "Host=127.0.0.1;Port=$QUICKIMPORT_PG_PORT;Database=$1;Username=postgres"; }

echo "== PostgreSQL; QuickImport and the floor published, started and seeded"
start_bench_postgres 200 # room for pgbench's 64 clients beside both services' pools
publish_api . "$PWD/.data/floor/api"
rm -rf .data/floor/floor
dotnet publish bench/Floor -c Release -o "$PWD/.data/floor/floor" -v quiet -nologo >/dev/null

fresh_database quickimport_floor_pgbench
pgbench_tables quickimport_floor_pgbench

fresh_database quickimport_floor_floor
pgbench_tables quickimport_floor_floor
url[floor]=http://127.0.0.1:$(( ${QUICKIMPORT_FLOOR_PORT:-5100} + 1 ))
(cd .data/floor/floor && exec env ConnectionStrings__Floor="$(connection quickimport_floor_floor)" Floor__Token=$floor_token \
    ASPNETCORE_URLS="${url[floor]}" dotnet QuickImport.Bench.Floor.dll) >.data/floor-floor.log 2>&1 &
pid[floor]=$!
token[floor]=$floor_token db[floor]=1 resource[floor]=1

fresh_database quickimport_floor_api
url[api]=http://127.0.0.1:${QUICKIMPORT_FLOOR_PORT:-5100}
# shellcheck disable=SC2086 # the environment is a list of NAME=value words
(cd .data/floor/api && exec env ConnectionStrings__QuickImport="$(connection quickimport_floor_api)" \
    QuickImport__MigrateOnStartup=true QuickImport__AdminKey=$admin_key ASPNETCORE_URLS="${url[api]}" \
    ${QUICKIMPORT_ENV:-} dotnet QuickImport.Api.dll) >.data/floor-api.log 2>&1 &
pid[api]=$!
wait_live "${url[floor]}" .data/floor-floor.log
wait_live "${url[api]}" .data/floor-api.log
read -r "token[api]" "db[api]" "resource[api]" < <(bench_account "${url[api]}")
psql_at quickimport_floor_api -v db="${db[api]}" -v resource="${resource[api]}" -v from=1 -v to=$existing -f bench/seed-profiles.sql
psql_at postgres -c CHECKPOINT >/dev/null

wrk_mix() { # $1 side, $2 connections, $3 seconds, $4 run prefix; the rest goes to wrk
    TOKEN=${token[$1]} DB_ID=${db[$1]} RESOURCE_ID=${resource[$1]} EXISTING=$existing MATCHING=email RUN=$4 \
        wrk -t$(( $2 < 2 ? 1 : 2 )) -c"$2" -d"$3s" "${@:5}" -s bench/import-mix.lua "${url[$1]}"
}
pgbench_mix() { # $1 clients, $2 seconds; the rest goes to pgbench
    pgbench -n -M prepared -h 127.0.0.1 -p "$QUICKIMPORT_PG_PORT" -U postgres -f bench/pgbench/import.sql \
        -c "$1" -j "$(( $1 < 2 ? 1 : 2 ))" -T "$2" "${@:3}" quickimport_floor_pgbench 2>&1
}

echo "== warm-up: ${warmup}s on each service"
wrk_mix floor 64 "$warmup" wf >/dev/null
wrk_mix api 64 "$warmup" wa >/dev/null

echo "== one connection, ${seconds}s each: median latency"
rm -f .data/floor-pgbench-log*
pgbench_mix 1 "$seconds" --log --log-prefix="$PWD/.data/floor-pgbench-log" >/dev/null
declare -A single
single[pgbench]=$(awk '{ print $3 / 1000 }' .data/floor-pgbench-log* | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }')
rm -f .data/floor-pgbench-log*
for side in floor api; do
    single[$side]=$(wrk_mix "$side" 1 "$seconds" "s$side" --latency | sed -nE 's/^RESULT .*p50_ms=([0-9.]+) .*/\1/p')
done

postgres_pids() {
    local postmaster
    postmaster=$(head -n 1 "$QUICKIMPORT_PG_DIR/data/postmaster.pid")
    echo "$postmaster" $(pgrep -P "$postmaster")
}

# One slice of a side at 64 connections: prints "rate API-ms PostgreSQL-ms" per import, the CPU over
# the slice's middle (pgbench's backends start with it and end with it).
slice() { # $1 side, $2 run prefix
    local out=.data/floor-slice.out load_pid pg0 api0 pg_used api_used=0 rate non2xx started window
    if [[ $1 == pgbench ]]; then
        pgbench_mix 64 "$seconds" >"$out" &
    else
        wrk_mix "$1" 64 "$seconds" "$2" >"$out" &
    fi
    load_pid=$!
    sleep 1
    # shellcheck disable=SC2046 # one pid a word
    pg0=$(ticks $(postgres_pids))
    [[ $1 == pgbench ]] || api0=$(ticks "${pid[$1]}")
    started=$(date +%s%N)
    sleep $(( seconds - 2 ))
    pg_used=$(used_since "$pg0")
    [[ $1 == pgbench ]] || api_used=$(used_since "$api0")
    window=$(awk -v a="$started" -v b="$(date +%s%N)" 'BEGIN { print (b - a) / 1e9 }')
    wait "$load_pid"
    if [[ $1 == pgbench ]]; then
        rate=$(awk '/^tps/ { printf "%.1f", $3 }' "$out")
    else
        rate=$(sed -nE 's/^RESULT .*non2xx=([0-9]+) rps=([0-9.]+) .*/\2/p' "$out")
        non2xx=$(sed -nE 's/^RESULT .*non2xx=([0-9]+) .*/\1/p' "$out")
        (( non2xx == 0 )) || echo "bench/floor.sh: $1 answered $non2xx requests with errors" >&2
    fi
    echo "$rate $(per_import "$api_used" "$rate" "$window") $(per_import "$pg_used" "$rate" "$window")"
}

echo "== $rounds rounds of ${seconds}s slices at 64 connections, $(nproc) cores"
printf '%-6s %-8s %10s %9s %14s %14s\n' round side imports/s "/pgbench" "API CPU/import" "PG CPU/import"
declare -A rates ratios api_cpu pg_cpu
sides=(pgbench floor api)
for round in $(seq 1 "$rounds"); do
    declare -A this=()
    for i in 0 1 2; do
        side=${sides[$(( (i + round) % 3 ))]}
        read -r rate api pg < <(slice "$side" "r$round$side")
        this[$side]=$rate
        rates[$side]+="$rate " api_cpu[$side]+="$api " pg_cpu[$side]+="$pg "
        printf '%-6s %-8s %10s %9s %11s ms %11s ms\n' "$round" "$side" "$rate" "" "$api" "$pg"
    done
    for side in floor api; do
        ratios[$side]+="$(awk -v a="${this[$side]}" -v b="${this[pgbench]}" 'BEGIN { printf "%.3f", b ? a / b : 0 }') "
    done
done

echo
echo "QuickImport, the floor and pgbench side by side: $(nproc) cores, $rounds rounds of ${seconds}s, $(date -u +%Y-%m-%dT%H:%MZ)${QUICKIMPORT_ENV:+, QuickImport with $QUICKIMPORT_ENV}"
printf '%-12s %10s %12s %16s %15s %16s\n' "" imports/s "vs pgbench" "API CPU/import" "PG CPU/import" "1 conn. median"
# shellcheck disable=SC2086 # the lists are words
for side in pgbench floor api; do
    name=$side
    [[ $side == api ]] && name=QuickImport
    printf '%-12s %10s %12s %13s ms %12s ms %13s ms\n' "$name" "$(median ${rates[$side]})" \
        "$([[ $side == pgbench ]] && echo 1.00 || median ${ratios[$side]})" \
        "$([[ $side == pgbench ]] && echo - || median ${api_cpu[$side]})" "$(median ${pg_cpu[$side]})" "${single[$side]}"
done
echo "ratios to pgbench each round: floor ${ratios[floor]}; QuickImport ${ratios[api]}"
