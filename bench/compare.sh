#!/usr/bin/env bash
# Two builds (or two settings of one build) side by side, each loaded in turn, so that both meet the
# same machine: on a shared virtual machine the speed of one build moves by a fifth from one run to
# the next, and a change worth 5 % cannot be told from that by runs one after the other.
#
# Starts PostgreSQL as bench/import.sh does (.data/bench-postgres, port 55450) and both APIs as
# deployed (dotnet publish, Release), each with a database of its own seeded with 10,000 subscribed
# profiles; warms both up, then loads them with wrk (bench/import-mix.lua, 64 connections) in
# alternating slices — A then B, B then A, ... — and prints each slice, the median imports/s of
# each and their ratio.
#
# Usage: bench/compare.sh <revision A> <revision B> [rounds, default 8] [seconds per slice, default 5]
#   a revision is anything git names (HEAD, main~2, a commit), checked out in a worktree under
#   .data/compare (git worktree prune forgets them once that folder is deleted) and built there,
#   or "." for the working tree as it is.
# Settings of either side, all optional:
#   COMPARE_A_ENV / COMPARE_B_ENV   environment of that API, "NAME=value NAME2=value2"
#   COMPARE_A_SQL / COMPARE_B_SQL   SQL run on that side's database once it is migrated and seeded
#   QUICKIMPORT_BENCH_WARMUP        seconds of load on each before the slices (default 30)
#   MATCHING                        email (default) or field
#   QUICKIMPORT_COMPARE_PORT        A's port, B's the next (default 5097)
# Example: bench/compare.sh HEAD HEAD   with COMPARE_B_ENV="QuickImport__Deduplication__Enabled=false"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[[ $# -ge 2 ]] || { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
rounds=${3:-8}
seconds=${4:-5}
warmup=${QUICKIMPORT_BENCH_WARMUP:-30}
existing=10000
admin_key=bench-admin-key
export QUICKIMPORT_PG_PORT=${QUICKIMPORT_BENCH_PG_PORT:-55450}
export QUICKIMPORT_PG_DIR=$PWD/.data/bench-postgres

for tool in wrk curl git; do
    command -v "$tool" >/dev/null || { echo "bench/compare.sh: $tool is missing (apt-get install wrk curl git)" >&2; exit 1; }
done

# shellcheck source=bench/lib.sh
source bench/lib.sh
declare -A api_pid url token db resource
trap 'stop_pids api_pid' EXIT

# The source folder of a revision: the working tree for ".", else a worktree checked out at it.
source_of() { # $1 side, $2 revision
    if [[ $2 == . ]]; then
        echo "$PWD"
        return
    fi
    local tree=$PWD/.data/compare/$1
    git worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"
    git worktree add --detach --force "$tree" "$2" >/dev/null 2>&1 || { echo "bench/compare.sh: no revision $2" >&2; exit 1; }
    echo "$tree"
}

start_side() { # $1 side (a|b), $2 revision, $3 port
    local side=$1 source database=quickimport_compare_$1 env_var=COMPARE_${1^^}_ENV sql_var=COMPARE_${1^^}_SQL
    source=$(source_of "$side" "$2")
    publish_api "$source" "$PWD/.data/compare/$side-api"
    fresh_database "$database"
    url[$side]=http://127.0.0.1:$3
    # shellcheck disable=SC2086 # the side's environment is a list of NAME=value words
    (cd ".data/compare/$side-api" &&
        exec env ConnectionStrings__QuickImport="Host=127.0.0.1;Port=$QUICKIMPORT_PG_PORT;Database=$database;Username=postgres" \
            QuickImport__MigrateOnStartup=true QuickImport__AdminKey=$admin_key ASPNETCORE_URLS="${url[$side]}" \
            ${!env_var:-} dotnet QuickImport.Api.dll) >".data/compare-$side.log" 2>&1 &
    api_pid[$side]=$!
    wait_live "${url[$side]}" ".data/compare-$side.log"

    read -r "token[$side]" "db[$side]" "resource[$side]" < <(bench_account "${url[$side]}")
    psql_at "$database" -v db="${db[$side]}" -v resource="${resource[$side]}" -v from=1 -v to=$existing -f bench/seed-profiles.sql
    if [[ -n ${!sql_var:-} ]]; then
        psql_at "$database" -c "${!sql_var}" >/dev/null
    fi
}

# wrk against one side: prints "imports/s p99_ms non2xx".
load() { # $1 side, $2 seconds, $3 run prefix
    TOKEN=${token[$1]} DB_ID=${db[$1]} RESOURCE_ID=${resource[$1]} EXISTING=$existing MATCHING=${MATCHING:-email} RUN=$3 \
        wrk -t2 -c64 -d"$2s" --latency -s bench/import-mix.lua "${url[$1]}" |
        sed -nE 's/^RESULT .*non2xx=([0-9]+) rps=([0-9.]+) .*p99_ms=([0-9.]+).*/\2 \3 \1/p'
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

echo "== PostgreSQL, and both sides built, started and seeded (A: $1, B: $2)"
scripts/postgres.sh start >/dev/null
port=${QUICKIMPORT_COMPARE_PORT:-5097}
start_side a "$1" "$port"
start_side b "$2" $(( port + 1 ))
psql_at postgres -c CHECKPOINT >/dev/null

echo "== warm-up: ${warmup}s on each"
load a "$warmup" wa >/dev/null
load b "$warmup" wb >/dev/null

echo "== $rounds rounds of ${seconds}s slices, 64 connections, $(nproc) cores"
printf '%-6s %-5s %10s %9s %8s %16s\n' round side imports/s "p99 ms" non-2xx "API CPU/import"
declare -A rates cpu
for round in $(seq 1 "$rounds"); do
    order="a b"
    (( round % 2 == 0 )) && order="b a"
    for side in $order; do
        before=$(cpu_ticks "${api_pid[$side]}")
        read -r rps p99 non2xx < <(load "$side" "$seconds" "r$round$side")
        used=$(( $(cpu_ticks "${api_pid[$side]}") - before ))
        api_ms=$(awk -v t="$used" -v hz="$(getconf CLK_TCK)" -v r="$rps" -v s="$seconds" 'BEGIN { printf "%.3f", t * 1000 / hz / (r * s) }')
        printf '%-6s %-5s %10s %9s %8s %13s ms\n' "$round" "${side^^}" "$rps" "$p99" "$non2xx" "$api_ms"
        rates[$side]+="$rps "
        cpu[$side]+="$api_ms "
    done
done

# shellcheck disable=SC2086 # the lists are words
median_a=$(median ${rates[a]}) median_b=$(median ${rates[b]})
# shellcheck disable=SC2086
echo "median imports/s: A $median_a, B $median_b; B/A $(awk -v a="$median_a" -v b="$median_b" 'BEGIN { printf "%.3f", b / a }');" \
    "median API CPU per import: A $(median ${cpu[a]}) ms, B $(median ${cpu[b]}) ms"
