#!/usr/bin/env bash
# Fuzzes the running API from its own /openapi.json with schemathesis, every check on, as an
# admin and with no token, on SQLite or PostgreSQL (issue 11; docs/contract-testing.md).
#
#   tests/fuzz/run-schemathesis.sh sqlite|postgres [MAX_EXAMPLES] [MAX_TIME_SECONDS]
#
# Needs: `pip install schemathesis` (not part of the build), a built `pqrs` (or
# PQRS_BIN=path), and for postgres a server at 127.0.0.1:5432 (user postgres, trust auth).
# Starts its own `pqrs serve --dev-clock` on a fresh store, runs two passes (admin token,
# no token) and leaves the reports in $OUT (default target/fuzz/<backend>).
set -euo pipefail
backend=${1:?sqlite or postgres}
max_examples=${2:-50}
max_time=${3:-480}
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${PQRS_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/pqrs}
st=${SCHEMATHESIS:-schemathesis}
out=${OUT:-${CARGO_TARGET_DIR:-$root/target}/fuzz/$backend}
mkdir -p "$out"
out=$(cd "$out" && pwd)
case "$backend" in
  sqlite)
    rm -f "$out/fuzz.db"*
    url="sqlite://$out/fuzz.db?mode=rwc" ;;
  postgres)
    name="fuzz_$(date +%s)_$$"
    createdb -h 127.0.0.1 -U postgres "$name"
    url="postgres://postgres@127.0.0.1:5432/$name" ;;
  *) echo "backend: sqlite or postgres" >&2; exit 2 ;;
esac
"$bin" migrate --database-url "$url" >/dev/null
token=$("$bin" token create --role admin --name fuzz --database-url "$url" | tail -n 1)
"$bin" serve --bind 127.0.0.1:0 --database-url "$url" --dev-clock >"$out/serve.out" 2>"$out/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  base=$(grep -o 'http://[0-9.:]*' "$out/serve.out" | head -n 1 || true)
  [ -n "$base" ] && break
  sleep 0.2
done
[ -n "$base" ] || { echo "the server did not start" >&2; exit 1; }
status=0
cd "$out" # schemathesis keeps its cache (.schemathesis/) in the working directory
for who in admin anonymous; do
  auth=()
  [ "$who" = admin ] && auth=(-H "Authorization: Bearer $token")
  echo "== $backend, $who: $st run $base/openapi.json --checks all --phases examples,coverage,fuzzing,stateful --max-examples $max_examples --max-time $max_time"
  "$st" run "$base/openapi.json" "${auth[@]}" \
    --checks all \
    --phases examples,coverage,fuzzing,stateful \
    --max-examples "$max_examples" --max-time "$max_time" \
    --seed 11 --workers 1 \
    --report junit,ndjson --report-dir "$out/$who" \
    >"$out/$who.txt" 2>&1 || status=1
  tail -n 60 "$out/$who.txt"
done
exit $status
