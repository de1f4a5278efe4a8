#!/usr/bin/env bash
# What each piece of the service costs, by subtraction: one build started several times, each with a
# piece switched off by its environment, loaded side by side in one run as bench/compare.sh does.
#
# Publishes the working tree once (dotnet publish, Release), starts the build as it is ("as published")
# and once per piece given, each with a database of its own on PostgreSQL (bench/import.sh's cluster)
# seeded with 10,000 subscribed profiles; warms each up, then loads them with wrk (bench/import-mix.lua,
# 64 connections) in rounds of slices taken in turn, the order rotating each round. Over the middle of
# each slice it reads from /proc/<pid>/stat the CPU time of that API's process and of the PostgreSQL
# backends connected to its database. Prints each slice, then per piece the median ratio of its
# imports/s to the build as published in the same round, and the medians of CPU per import.
#
# Usage: PIECES="name ENV=value ENV2=value
#               name2 ENV=value" bench/pieces.sh [rounds, default 6] [seconds per slice, default 5]
#   one piece a line: a name, then the environment that takes the piece out
#   QUICKIMPORT_PIECES_PORT: the first API's port, the others the next ones (default 5110)
#   QUICKIMPORT_BENCH_WARMUP: seconds of load on each before the slices (default 20)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rounds=${1:-6}
seconds=${2:-5}
warmup=${QUICKIMPORT_BENCH_WARMUP:-20}
existing=10000
admin_key=bench-admin-key
export QUICKIMPORT_PG_PORT=${QUICKIMPORT_BENCH_PG_PORT:-55450}
export QUICKIMPORT_PG_DIR=$PWD/.data/bench-postgres

# shellcheck source=bench/lib.sh
source bench/lib.sh
names=("as-published") envs=("")
while read -r name env; do
    [[ -n $name ]] && names+=("$name") envs+=("$env")
done <<<"${PIECES:-}"
count=${#names[@]}
declare -a pid url token db resource
trap stop_pids EXIT

echo "== PostgreSQL, the build published, $count APIs started and seeded"
scripts/postgres.sh start >/dev/null
publish_api . "$PWD/.data/pieces-api"
for i in $(seq 0 $(( count - 1 ))); do
    database=quickimport_piece_$i
    fresh_database "$database"
    url[i]=http://127.0.0.1:$(( ${QUICKIMPORT_PIECES_PORT:-5110} + i ))
    # shellcheck disable=SC2086 # the environment is a list of NAME=value words
    (cd .data/pieces-api &&
        exec env ConnectionStrings__QuickImport="Host=127.0.0.1;Port=$QUICKIMPORT_PG_PORT;Database=$database;Username=postgres" \
            QuickImport__MigrateOnStartup=true QuickImport__AdminKey=$admin_key ASPNETCORE_URLS="${url[i]}" \
            ${envs[i]} dotnet QuickImport.Api.dll) >".data/pieces-$i.log" 2>&1 &
    pid[i]=$!
    wait_live "${url[i]}" ".data/pieces-$i.log"
    read -r "token[i]" "db[i]" "resource[i]" < <(bench_account "${url[i]}")
    psql_at "$database" -v db="${db[i]}" -v resource="${resource[i]}" -v from=1 -v to=$existing -f bench/seed-profiles.sql
done
psql_at postgres -c CHECKPOINT >/dev/null

load() { # $1 side, $2 seconds, $3 run prefix: prints "imports/s non2xx"
    import_mix "${url[$1]}" "${token[$1]}" "${db[$1]}" "${resource[$1]}" "$2" "$3"
}

warm_up_each

echo "== $rounds rounds of ${seconds}s slices, 64 connections, $(nproc) cores"
declare -a rates api_cpu pg_cpu ratios
rotating_slices quickimport_piece_ 28 piece

echo
echo "Pieces taken out, side by side: $(nproc) cores, $rounds rounds of ${seconds}s, $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-28s %10s %10s %15s %15s\n' piece imports/s "/ as pub." "API CPU/import" "PG CPU/import"
# shellcheck disable=SC2086 # the lists are words
for i in $(seq 0 $(( count - 1 ))); do
    printf '%-28s %10s %10s %12s ms %12s ms\n' "${names[i]}" "$(median ${rates[i]})" \
        "$(median ${ratios[i]})" "$(median ${api_cpu[i]})" "$(median ${pg_cpu[i]})"
done
for i in $(seq 1 $(( count - 1 ))); do echo "${names[i]}: ${envs[i]} — ratios ${ratios[i]}"; done
