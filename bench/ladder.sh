#!/usr/bin/env bash
# What QuickImport's framework pieces add to the floor, side by side in one run (docs/benchmarks.md).
#
# Publishes the floor (bench/Floor) and QuickImport (the working tree) once each, and starts a rung of
# the ladder per service: the floor bare; the floor with QuickImport's GC (workstation, conserving
# memory: src/Api's project sets it, here the environment); then one rung per piece of bench/Floor's
# Floor__Pieces, each adding its piece to the rung before — mvc, scope, mediator, two-round-trips,
# log-line, metrics, writer — so that the last runs them all; then each piece of LADDER_SINGLES alone on
# the floor with QuickImport's GC; and QuickImport as published. Each on a database of its own: the
# floors' with bench/pgbench's tables and 10,000 subscribed profiles as bench/floor.sh seeds them,
# QuickImport's with its bench account and as many. Warms each up, then loads them with wrk
# (bench/import-mix.lua, 64 connections) in rounds of slices taken in turn, the order rotating each
# round; over the middle of each slice it reads the CPU of that service's process and of the PostgreSQL
# backends connected to its database (bench/lib.sh's measured_slice). Prints each slice, then per rung
# the median of its imports/s, their ratio to the bare floor's in the same round, and the medians of
# CPU per import.
#
# Usage: bench/ladder.sh [rounds, default 6] [seconds per slice, default 5]
#   LADDER_SINGLES: pieces also measured alone, e.g. "two-round-trips log-line metrics" (default none)
#   QUICKIMPORT_LADDER_PORT: the first service's port, the others the next ones (default 5140)
#   QUICKIMPORT_BENCH_WARMUP: seconds of load on each before the slices (default 20)
#   QUICKIMPORT_BENCH_PG_PORT: the bench cluster's port (default 55450)
# Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rounds=${1:-6}
seconds=${2:-5}
warmup=${QUICKIMPORT_BENCH_WARMUP:-20}
existing=10000
admin_key=bench-admin-key
floor_token=floor-bench-token
export QUICKIMPORT_PG_PORT=${QUICKIMPORT_BENCH_PG_PORT:-55450}
export QUICKIMPORT_PG_DIR=$PWD/.data/bench-postgres
# QuickImport's GC settings (src/Api/QuickImport.Api.csproj) by environment: the floor's project keeps the web SDK's server GC.
quickimport_gc="DOTNET_gcServer=0 DOTNET_GCConserveMemory=7"

# shellcheck source=bench/lib.sh
source bench/lib.sh

# The rungs: a name, the floor's pieces ("-" for none; "quickimport" for QuickImport as published), its environment.
names=(floor "+QuickImport's GC") pieces=(- -) envs=("" "$quickimport_gc")
added=
for piece in mvc scope mediator two-round-trips log-line metrics writer; do
    added+="${added:+,}$piece"
    names+=("+$piece") pieces+=("$added") envs+=("$quickimport_gc")
done
for piece in ${LADDER_SINGLES:-}; do
    names+=("$piece alone") pieces+=("$piece") envs+=("$quickimport_gc")
done
names+=(QuickImport) pieces+=(quickimport) envs+=("")
count=${#names[@]}

declare -a pid url token db resource
trap stop_pids EXIT

echo "== PostgreSQL, the floor and QuickImport published, $count services started and seeded"
start_bench_postgres 300 # each service's pool of 16, QuickImport's two
rm -rf .data/ladder/floor
dotnet publish bench/Floor -c Release -o "$PWD/.data/ladder/floor" -v quiet -nologo >/dev/null
publish_api . "$PWD/.data/ladder/api"
port=${QUICKIMPORT_LADDER_PORT:-5140}
for i in $(seq 0 $(( count - 1 ))); do
    database=quickimport_ladder_$i
    fresh_database "$database"
    url[i]=http://127.0.0.1:$(( port + i ))
    if [[ ${pieces[i]} == quickimport ]]; then
        start_api .data/ladder/api "$database" "${url[i]}" ".data/ladder-$i.log"
        pid[i]=$api_pid
        read -r "token[i]" "db[i]" "resource[i]" < <(bench_account "${url[i]}")
        psql_at "$database" -v db="${db[i]}" -v resource="${resource[i]}" -v from=1 -v to=$existing -f bench/seed-profiles.sql
        continue
    fi
    pgbench_tables "$database"
    # shellcheck disable=SC2086 # the environment is a list of NAME=value words
    (cd .data/ladder/floor && exec env ConnectionStrings__Floor="Host=127.0.0.1;Port=$QUICKIMPORT_PG_PORT;Database=$database;Username=postgres" \
        Floor__Token=$floor_token Floor__Pieces="${pieces[i]#-}" ASPNETCORE_URLS="${url[i]}" ${envs[i]} \
        dotnet QuickImport.Bench.Floor.dll) >".data/ladder-$i.log" 2>&1 &
    pid[i]=$!
    token[i]=$floor_token db[i]=1 resource[i]=1
    wait_live "${url[i]}" ".data/ladder-$i.log"
done
psql_at postgres -c CHECKPOINT >/dev/null

load() { # $1 rung, $2 seconds, $3 run prefix: prints "imports/s non2xx"
    import_mix "${url[$1]}" "${token[$1]}" "${db[$1]}" "${resource[$1]}" "$2" "$3"
}

warm_up_each

load_average() { cut -d' ' -f1-3 /proc/loadavg; }
started_at=$(date -u +%H:%MZ) load_before=$(load_average)
echo "== $rounds rounds of ${seconds}s slices, 64 connections, $(nproc) cores, load average $load_before"
declare -a rates api_cpu pg_cpu ratios
rotating_slices quickimport_ladder_ 22 rung

echo
echo "The ladder, side by side: $(nproc) cores, $rounds rounds of ${seconds}s, $started_at–$(date -u +%H:%MZ) $(date -u +%F)," \
    "load average $load_before at the start, $(load_average) at the end"
printf '%-22s %10s %10s %13s %15s %15s\n' rung imports/s "/ floor" "(range)" "API CPU/import" "PG CPU/import"
# shellcheck disable=SC2086 # the lists are words
for i in $(seq 0 $(( count - 1 ))); do
    printf '%-22s %10.0f %10.3f %13s %12.3f ms %12.3f ms\n' "${names[i]}" "$(median ${rates[i]})" "$(median ${ratios[i]})" \
        "$(printf '%s\n' ${ratios[i]} | sort -n | sed -n '1p;$p' | paste -sd-)" "$(median ${api_cpu[i]})" "$(median ${pg_cpu[i]})"
done
for i in $(seq 0 $(( count - 1 ))); do echo "${names[i]}: ${pieces[i]} ${envs[i]}"; done
