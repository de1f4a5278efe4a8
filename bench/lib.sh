# Sourced by the bench scripts: the API's build, the bench PostgreSQL's psql and the bench account.
# Needs QUICKIMPORT_PG_PORT set, and admin_key (the API's QuickImport:AdminKey).

# The API as it is deployed, into $2: dotnet publish in Release, its packages compiled ahead of time
# (ReadyToRun, as src/Api sets it). Run it from that folder, so it reads its appsettings.json (the content root is the
# working directory).
publish_api() { # $1 source folder (the repository's root), $2 output folder
    rm -rf "$2"
    dotnet publish "$1/src/Api" -c Release -o "$2" -v quiet -nologo >/dev/null
}

psql_at() { psql -X -q -v ON_ERROR_STOP=1 "host=127.0.0.1 port=$QUICKIMPORT_PG_PORT user=postgres dbname=$1" "${@:2}"; }

json_field() { sed -E "s/.*\"$1\":\"?([^\",}]*).*/\1/"; }

admin_post() { # $1 API url, $2 path under /api/admin, $3 JSON body
    curl -sf -X POST "$1/api/admin/$2" -H "Authorization: Bearer $admin_key" -H 'Content-Type: application/json' -d "$3"
}

# Sets up the bench account through the admin API of the API at $1: an unlimited account, its token,
# a database with the custom field customer_id, and an email resource. Prints "token db_id resource_id".
bench_account() { # $1 API url
    local account token db resource
    account=$(admin_post "$1" accounts '{"name":"bench","profile_limit":null}' | json_field id)
    token=$(admin_post "$1" "accounts/$account/tokens" '{"name":"bench"}' | json_field token)
    db=$(admin_post "$1" "accounts/$account/databases" '{"name":"bench"}' | json_field id)
    admin_post "$1" "databases/$db/fields" '{"name":"customer_id","type":"string","unique":false,"required":false}' >/dev/null
    resource=$(admin_post "$1" "databases/$db/resources" '{"name":"news","channels":["email"],"double_opt_in":false}' | json_field id)
    echo "$token $db $resource"
}

# The median of the numbers given.
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The median of column $1 of the lines given (one line an argument).
column_median() { # $1 column, then the lines
    local column=$1
    shift
    # shellcheck disable=SC2046 # one number a word
    median $(printf '%s\n' "$@" | awk -v c="$column" '{ print $c }')
}

# The custom field the 10 MB batches of bench/batch.sh fill (bench/make-batches.py): a string 'notes'
# in the bench account's database. Needs admin_key, as bench_account.
bench_batch_fields() { # $1 API url, $2 db id
    admin_post "$1" "databases/$2/fields" '{"name":"notes","type":"string","unique":false,"required":false}' >/dev/null
}

# CPU time in ms that the processes used so far (those still running).
cpu_ms() { # $@ pids
    local pid ticks=0 used
    for pid in "$@"; do
        used=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null) # a backend may have ended
        ticks=$(( ticks + ${used:-0} ))
    done
    echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}

# CPU time in ms of a process (utime + stime; with "all", also of its children that ended: cutime + cstime).
cpu_ms_of() { # $1 pid, $2 "all" or nothing
    awk -v all="${2:-}" -v hz="$(getconf CLK_TCK)" '{ t = $14 + $15; if (all == "all") t += $16 + $17; printf "%d\n", t * 1000 / hz }' "/proc/$1/stat" 2>/dev/null || echo 0
}
# The CPU so far of the PostgreSQL in QUICKIMPORT_PG_DIR: the postmaster with the backends that ended
# (a pgbench's, a pool's), and those still running.
pg_cpu_ms() {
    local postmaster total child
    postmaster=$(head -n 1 "$QUICKIMPORT_PG_DIR/data/postmaster.pid")
    total=$(cpu_ms_of "$postmaster" all)
    for child in $(pgrep -P "$postmaster"); do
        total=$(( total + $(cpu_ms_of "$child") ))
    done
    echo "$total"
}

# Waits up to 30 s until $1/health/live answers; otherwise stops the script, pointing at the log $2.
wait_live() { # $1 base url, $2 log file
    for _ in $(seq 1 300); do
        curl -sf -o /dev/null "$1/health/live" && return
        sleep 0.1
    done
    echo "$0: $1 did not start; see $2" >&2
    exit 1
}

# The published API in $1 on the database $2 of the PostgreSQL at QUICKIMPORT_PG_PORT (migrated on start),
# listening on $3, its output in $4, with any "NAME=value" given after in its environment. Sets api_pid
# and returns once it answers. Needs admin_key.
start_api() { # $1 API folder, $2 database, $3 url, $4 log file, then NAME=value…
    (cd "$1" && exec env ConnectionStrings__QuickImport="Host=127.0.0.1;Port=$QUICKIMPORT_PG_PORT;Database=$2;Username=postgres" \
        QuickImport__MigrateOnStartup=true QuickImport__AdminKey="$admin_key" ASPNETCORE_URLS="$3" "${@:5}" \
        dotnet QuickImport.Api.dll) >"$4" 2>&1 &
    api_pid=$!
    wait_live "$3" "$4"
}

# start_api made for perf: DOTNET_PerfMapEnabled=1 so that perf names JIT-compiled methods,
# DOTNET_EnableWriteXorExecute=0 (else the code lives in a memfd mapping perf does not look up in the
# map) and DOTNET_ReadyToRun=0 (precompiled code has no symbols for perf; every method is JIT-compiled
# instead, hot ones at tier 1 as they would be anyway); then any "NAME=value" given after.
start_profiled_api() { # $1 API folder, $2 database, $3 url, $4 log file, then NAME=value…
    start_api "$1" "$2" "$3" "$4" DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0 "${@:5}"
}

# An empty database $1, dropped first if it was there (its connections ended).
fresh_database() { # $1 database
    psql_at postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null
}

# PostgreSQL (scripts/postgres.sh) started, QUICKIMPORT_PG_PORT the port it listens on (from its
# postmaster.pid), and a fresh database $1. For bench/quick-profile.sh and bench/batch-profile.sh.
start_database() { # $1 database
    scripts/postgres.sh start >/dev/null
    QUICKIMPORT_PG_PORT=$(sed -n 4p "$QUICKIMPORT_PG_DIR/data/postmaster.pid")
    fresh_database "$1"
}

# PostgreSQL (scripts/postgres.sh) with a fresh database $1, and RabbitMQ (scripts/rabbitmq.sh);
# sets amqp to the broker's URL. For bench/instances.sh and bench/queue.sh.
start_database_and_broker() { # $1 database
    scripts/postgres.sh start >/dev/null
    fresh_database "$1"
    scripts/rabbitmq.sh start >/dev/null
    amqp=$(scripts/rabbitmq.sh url)
}

# Starts API instance $1 of bench/instances.sh or bench/queue.sh: the published API in $api_dir on the
# database $2 of the PostgreSQL at QUICKIMPORT_PG_PORT, applying the migrations when $3 is true,
# consuming the broker at $4, listening on port ${port[$1]}, its output in $work/api-$1.log; its
# process id goes into pid[$1]. Returns once it answers. Needs admin_key.
start_instance() { # $1 a|b, $2 database, $3 apply migrations (true/false), $4 the broker's URI
    (cd "$api_dir" &&
        ConnectionStrings__QuickImport="Host=127.0.0.1;Port=$QUICKIMPORT_PG_PORT;Database=$2;Username=postgres" \
        QuickImport__MigrateOnStartup=$3 QuickImport__AdminKey=$admin_key QuickImport__RabbitMq__Uri=$4 \
        ASPNETCORE_URLS=http://127.0.0.1:${port[$1]} \
        exec dotnet QuickImport.Api.dll) >"$work/api-$1.log" 2>&1 &
    pid[$1]=$!
    wait_live "http://127.0.0.1:${port[$1]}" "$work/api-$1.log"
}

# Stops what bench/instances.sh and bench/queue.sh started: the API instances whose process ids are
# in the associative array pid, haproxy ($haproxy_pid), the broker and PostgreSQL. Their EXIT trap.
stop_instances() {
    for name in "${!pid[@]}"; do
        kill "${pid[$name]}" 2>/dev/null || true
        wait "${pid[$name]}" 2>/dev/null || true
    done
    if [[ -n ${haproxy_pid:-} ]]; then
        kill "$haproxy_pid" 2>/dev/null || true
        wait "$haproxy_pid" 2>/dev/null || true
    fi
    scripts/rabbitmq.sh stop >/dev/null || true
    scripts/postgres.sh stop >/dev/null || true
}

# The bench cluster (scripts/postgres.sh) started as bench/import.sh has it: 1 GB of shared buffers, and
# room for at least $1 connections (pgbench's clients, the services' pools); restarted once if not so.
# Already running (another bench left it up, on its own port), it is used where it listens:
# QUICKIMPORT_PG_PORT is set to that port.
start_bench_postgres() { # $1 max_connections at least
    scripts/postgres.sh start >/dev/null
    QUICKIMPORT_PG_PORT=$(sed -n 4p "$QUICKIMPORT_PG_DIR/data/postmaster.pid")
    if [[ $(psql_at postgres -Atc "SHOW shared_buffers") != 1GB || $(psql_at postgres -Atc "SHOW max_connections") -lt $1 ]]; then
        psql_at postgres -c "ALTER SYSTEM SET shared_buffers = '1GB'" -c "ALTER SYSTEM SET max_connections = $1" >/dev/null
        scripts/postgres.sh stop >/dev/null
        scripts/postgres.sh start >/dev/null
    fi
}

# bench/pgbench's tables in database $1, seeded with $existing subscribed profiles (database 1, resource 1):
# for pgbench and for the floor (bench/Floor).
pgbench_tables() { # $1 database
    psql_at "$1" -c "SET client_min_messages = warning" -f bench/pgbench/schema.sql >/dev/null # its DROP IF EXISTS
    psql_at "$1" -v existing="$existing" -f bench/pgbench/seed.sql >/dev/null
}

# The import mix (bench/import-mix.lua, email matching, $existing seeded profiles) at 64 connections for $5
# seconds against one service: prints "imports/s non2xx".
import_mix() { # $1 url, $2 token, $3 db id, $4 resource id, $5 seconds, $6 run prefix (unique to the run)
    TOKEN=$2 DB_ID=$3 RESOURCE_ID=$4 EXISTING=$existing MATCHING=email RUN=$6 \
        wrk -t2 -c64 -d"$5s" -s bench/import-mix.lua "$1" | sed -nE 's/^RESULT .*non2xx=([0-9]+) rps=([0-9.]+) .*/\2 \1/p'
}

# "pid ticks" (utime + stime) of each process given that is still running (one read: it must be quick).
ticks() { # $@ pids
    local p files=()
    for p in "$@"; do files+=("/proc/$p/stat"); done
    cat "${files[@]}" 2>/dev/null | awk '{ print $1, $14 + $15 }' # a backend may have ended
    return 0
}

# The ticks used since $1 (what ticks printed) by those of its processes still running.
used_since() { # $1 what ticks printed before
    # shellcheck disable=SC2046 # one pid a word
    ticks $(awk '{ print $1 }' <<<"$1") | awk 'NR == FNR { t[$1] = $2; next } $1 in t { s += $2 - t[$1] } END { print s + 0 }' <(echo "$1") -
}

# Milliseconds of CPU per import: $1 ticks over $3 seconds at $2 imports/s.
per_import() { # $1 ticks, $2 imports/s, $3 seconds
    awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v r="$2" -v s="$3" 'BEGIN { printf "%.3f", r ? t * 1000 / hz / (r * s) : 0 }'
}

# The PostgreSQL backends connected to database $1.
backends_of() { psql_at postgres -Atc "SELECT pid FROM pg_stat_activity WHERE datname = '$1'"; }

# One slice of load on a service, its CPU read over the slice's middle (from 1 s in to 1 s before the end):
# runs the rest of the arguments, a load of $3 seconds printing "imports/s non2xx", and prints
# "imports/s non2xx API-ms PostgreSQL-ms", the CPU per import of process $1 and of the backends of database $2.
measured_slice() { # $1 service pid, $2 database, $3 seconds, then the load's command
    local out load_pid pg0 api0 started pg_used api_used window rate non2xx
    out=$(mktemp)
    "${@:4}" >"$out" &
    load_pid=$!
    sleep 1
    # shellcheck disable=SC2046 # one pid a word
    pg0=$(ticks $(backends_of "$2"))
    api0=$(ticks "$1")
    started=$(date +%s%N)
    sleep $(( $3 - 2 ))
    pg_used=$(used_since "$pg0")
    api_used=$(used_since "$api0")
    window=$(awk -v a="$started" -v b="$(date +%s%N)" 'BEGIN { print (b - a) / 1e9 }')
    wait "$load_pid"
    read -r rate non2xx <"$out"
    rm -f "$out"
    echo "$rate $non2xx $(per_import "$api_used" "$rate" "$window") $(per_import "$pg_used" "$rate" "$window")"
}

# Stops the processes whose ids are in the array (indexed or associative) named $1, pid unless given,
# and waits for them: the EXIT trap of bench/floor.sh, bench/pieces.sh, bench/ladder.sh and bench/compare.sh.
stop_pids() { # $1 the array's name (default pid)
    local -n stopped=${1:-pid}
    local p
    for p in "${stopped[@]}"; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
}

# The import mix on each of services 0..count-1 for $warmup seconds, in turn, through the caller's
# load function ("load <service> <seconds> <run prefix>").
warm_up_each() {
    local i
    echo "== warm-up: ${warmup}s on each"
    for i in $(seq 0 $(( count - 1 ))); do load "$i" "$warmup" "w$i" >/dev/null; done
}

# $rounds rounds of $seconds-s slices over services 0..count-1, the order rotating each round: each
# slice runs the caller's load function through measured_slice (the service's process pid[i], the
# backends of database $1<i>), is printed with names[i] in a column $2 wide, and adds to rates[i],
# api_cpu[i] and pg_cpu[i]; ratios[i] gets each round's imports/s over service 0's. For bench/pieces.sh
# and bench/ladder.sh.
rotating_slices() { # $1 the databases' prefix, $2 the names' column width, $3 its heading
    local round k i rate non2xx api pg
    printf "%-6s %-${2}s %10s %8s %15s %15s\n" round "$3" imports/s non-2xx "API CPU/import" "PG CPU/import"
    for round in $(seq 1 "$rounds"); do
        local -a this=()
        for k in $(seq 0 $(( count - 1 ))); do
            i=$(( (k + round) % count ))
            read -r rate non2xx api pg < <(measured_slice "${pid[i]}" "$1$i" "$seconds" load "$i" "$seconds" "r$round-$i")
            (( non2xx == 0 )) || echo "$0: ${names[i]} answered $non2xx requests with errors" >&2
            this[i]=$rate
            rates[i]+="$rate " api_cpu[i]+="$api " pg_cpu[i]+="$pg "
            printf "%-6s %-${2}s %10s %8s %12s ms %12s ms\n" "$round" "${names[i]}" "$rate" "$non2xx" "$api" "$pg"
        done
        for i in $(seq 0 $(( count - 1 ))); do
            ratios[i]+="$(awk -v a="${this[i]}" -v b="${this[0]}" 'BEGIN { printf "%.3f", b ? a / b : 0 }') "
        done
    done
}
