#!/usr/bin/env bash
# Manages the developer's local PostgreSQL cluster used by scripts/run.sh.
#
#   scripts/postgres.sh start    initdb on first use, start (or reuse) the cluster, create database quickimport
#   scripts/postgres.sh stop     stop the cluster
#   scripts/postgres.sh status   exit 0 when running, 3 when not
#   scripts/postgres.sh url      print the Npgsql connection string
#
# The cluster lives in <repo>/.data/postgres (QUICKIMPORT_PG_DIR overrides), listens on 127.0.0.1 only,
# port QUICKIMPORT_PG_PORT (default 55432), trust authentication for user postgres.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$PWD

port=${QUICKIMPORT_PG_PORT:-55432}
cluster_root=${QUICKIMPORT_PG_DIR:-$repo_root/.data/postgres}
data_dir=$cluster_root/data
socket_dir=$cluster_root/run
log_file=$cluster_root/postgres.log
database=quickimport
superuser=postgres

if [[ ! $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
    echo "postgres.sh: QUICKIMPORT_PG_PORT must be a TCP port number, got '$port'" >&2
    exit 1
fi

# A unix socket path may not exceed 107 bytes; a deeply nested checkout gets its socket under /tmp instead.
if ((${#socket_dir} + ${#port} + 10 > 100)); then
    socket_dir=/tmp/quickimport-pg-$(id -u)-$port
fi

as_root=0
if [[ $(id -u) -eq 0 ]]; then
    as_root=1
fi

# initdb and pg_ctl refuse to run as root: root runs them as the postgres system user.
run_pg() {
    if ((as_root)); then
        (cd "$cluster_root" && runuser -u "$superuser" -- "$@")
    else
        "$@"
    fi
}

find_bin_dir() {
    local initdb dir
    if initdb=$(command -v initdb 2>/dev/null); then
        dir=$(dirname "$(readlink -f "$initdb")")
        if [[ -x $dir/pg_ctl ]]; then
            echo "$dir"
            return 0
        fi
        dir=$(dirname "$initdb")
        if [[ -x $dir/pg_ctl ]]; then
            echo "$dir"
            return 0
        fi
    fi
    # Highest version first: list the versioned bin directories, sort on the version component.
    for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5,5 -rV); do
        if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

require_bin_dir() {
    if bin_dir=$(find_bin_dir); then
        return 0
    fi
    if ((as_root)) && command -v apt-get >/dev/null 2>&1; then
        echo "postgres.sh: no PostgreSQL server binaries found; installing Debian's postgresql package" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2
        if bin_dir=$(find_bin_dir); then
            return 0
        fi
    fi
    echo "postgres.sh: no PostgreSQL server binaries (initdb, pg_ctl) found." >&2
    echo "Install them, e.g. on Debian/Ubuntu: sudo apt-get install postgresql" >&2
    exit 1
}

psql_bin() {
    if [[ -x $bin_dir/psql ]]; then
        echo "$bin_dir/psql"
    else
        command -v psql
    fi
}

# Port of the running cluster (from postmaster.pid), which wins over QUICKIMPORT_PG_PORT.
running_port() {
    sed -n '4p' "$data_dir/postmaster.pid" 2>/dev/null
}

is_running() {
    [[ -f $data_dir/postmaster.pid ]] || return 1
    require_bin_dir
    run_pg "$bin_dir/pg_ctl" -D "$data_dir" status >/dev/null 2>&1
}

url() {
    local p
    p=$(running_port || true)
    echo "Host=127.0.0.1;Port=${p:-$port};Database=$database;Username=$superuser"
}

initialize() {
    local locale=C
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
        locale=C.UTF-8
    fi
    echo "postgres.sh: creating a new cluster in $data_dir"
    run_pg "$bin_dir/initdb" -D "$data_dir" -U "$superuser" --auth=trust --encoding=UTF8 --locale="$locale" >"$cluster_root/initdb.log" 2>&1 || {
        cat "$cluster_root/initdb.log" >&2
        echo "postgres.sh: initdb failed (log above)" >&2
        exit 1
    }
}

prepare_directories() {
    mkdir -p "$cluster_root" "$socket_dir"
    if ((as_root)); then
        if ! id -u "$superuser" >/dev/null 2>&1; then
            echo "postgres.sh: running as root, but there is no '$superuser' user to run initdb/pg_ctl as." >&2
            echo "Create one (useradd --system $superuser) or install Debian's postgresql package." >&2
            exit 1
        fi
        chown "$superuser:" "$cluster_root" "$socket_dir"
        [[ -d $data_dir ]] && chown -R "$superuser:" "$data_dir"
        if ! runuser -u "$superuser" -- test -w "$cluster_root"; then
            echo "postgres.sh: the $superuser user cannot reach $cluster_root (a parent directory is not searchable)." >&2
            echo "Make the parents searchable (chmod o+x) or set QUICKIMPORT_PG_DIR to a directory it can reach." >&2
            exit 1
        fi
    fi
}

start() {
    require_bin_dir
    if is_running; then
        echo "PostgreSQL already running on 127.0.0.1:$(running_port) ($data_dir); not started by this command"
    else
        prepare_directories
        if [[ ! -f $data_dir/PG_VERSION ]]; then
            initialize
        fi
        if ! run_pg "$bin_dir/pg_ctl" -D "$data_dir" -l "$log_file" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k '$socket_dir'" start >/dev/null; then
            echo "postgres.sh: pg_ctl start failed; last lines of $log_file:" >&2
            tail -n 30 "$log_file" >&2 || true
            echo "(if the port is taken, choose another with QUICKIMPORT_PG_PORT)" >&2
            exit 1
        fi
        echo "Started PostgreSQL on 127.0.0.1:$port ($data_dir)"
    fi

    local psql p exists
    psql=$(psql_bin)
    p=$(running_port)
    exists=$("$psql" -X -q -h 127.0.0.1 -p "$p" -U "$superuser" -d postgres -tAc \
        "select 1 from pg_database where datname = '$database'")
    if [[ $exists != 1 ]]; then
        "$psql" -X -q -h 127.0.0.1 -p "$p" -U "$superuser" -d postgres -c "create database $database" >/dev/null
        echo "Created database $database"
    fi
}

stop() {
    if ! is_running; then
        echo "PostgreSQL is not running ($data_dir)"
        return 0
    fi
    run_pg "$bin_dir/pg_ctl" -D "$data_dir" -m fast -w -t 60 stop >/dev/null
    echo "Stopped PostgreSQL ($data_dir)"
}

status() {
    if is_running; then
        echo "PostgreSQL running on 127.0.0.1:$(running_port) ($data_dir)"
        return 0
    fi
    echo "PostgreSQL not running ($data_dir)"
    return 3
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status) status ;;
url) url ;;
*)
    echo "usage: $0 start|stop|status|url" >&2
    exit 2
    ;;
esac
