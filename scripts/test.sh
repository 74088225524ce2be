#!/usr/bin/env bash
# Runs every test of Norma: unit, integration (SQLite and PostgreSQL) and browser tests.
# Installs what the tests need when missing and running as root (PostgreSQL, Chromium, CJK fonts),
# starts a private PostgreSQL cluster on 127.0.0.1 without systemd, and ends with one line
# "N passed, N failed[, N skipped]" totalled over every test run.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- what the tests need -------------------------------------------------------------------
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing: ${need[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null || { echo "apt-get install failed"; exit 1; }
  else
    echo "Missing ${need[*]} and not root: install them (apt-get install ${need[*]}) and run again."; exit 1
  fi
fi

# --- a private PostgreSQL cluster ------------------------------------------------------------
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgport=${NORMA_PG_PORT:-55432}
pgdata=${NORMA_PG_DATA:-/tmp/norma-test-pg}
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if ! "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$pgport"; then
  rm -rf "$pgdata" && mkdir -p "$pgdata"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$pgdata"
  as_pg "'$pgbin/initdb' -D '$pgdata' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null" || { echo "initdb failed"; exit 1; }
  as_pg "'$pgbin/pg_ctl' -D '$pgdata' -l '$pgdata/server.log' -w -o \"-p $pgport -k '$pgdata' -c listen_addresses=127.0.0.1 -c max_connections=300\" start >/dev/null" \
    || { echo "PostgreSQL did not start"; cat "$pgdata/server.log"; exit 1; }
fi
export NORMA_TEST_PG="Host=127.0.0.1;Port=$pgport;Username=postgres;Maximum Pool Size=20"

# --- build once, then run each suite ---------------------------------------------------------
dotnet build Norma.slnx -c Release -v quiet -nologo || { echo "0 passed, 1 failed"; exit 1; }

run() { # name project [env assignments...]
  local name=$1 project=$2; shift 2
  echo "=== $name"
  env "$@" dotnet test "$project" -c Release --no-build -nologo -v quiet \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || true
}
run unit tests/Norma.UnitTests
run integration-sqlite tests/Norma.IntegrationTests NORMA_TEST_DB=sqlite
run integration-postgres tests/Norma.IntegrationTests NORMA_TEST_DB=postgres
run e2e-sqlite tests/Norma.E2ETests NORMA_TEST_DB=sqlite
run e2e-postgres tests/Norma.E2ETests NORMA_TEST_DB=postgres

# --- one closing line over every run -------------------------------------------------------
python3 - "$results" <<'PY'
import glob, re, sys
passed = failed = skipped = 0
suites = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    text = open(f, encoding="utf-8").read()
    m = re.search(r"<Counters ([^>]*)/>", text)
    if not m:
        continue
    suites += 1
    c = dict(re.findall(r'(\w+)="(\d+)"', m.group(1)))
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
expected = 5
if suites < expected:
    failed += expected - suites  # a suite that crashed before writing its results counts as a failure
line = f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else "")
print(line)
sys.exit(3 if failed or passed == 0 else 0)
PY
rc=$?
case $rc in
  0) exit 0 ;;
  3) exit 1 ;;
  *) echo "0 passed, 1 failed"; exit 1 ;;  # the counting itself broke
esac
