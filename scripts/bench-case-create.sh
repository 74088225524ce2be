#!/usr/bin/env bash
# Load benchmark of case creation through the HTTP API on PostgreSQL (issue 5, docs/cases-performance.md):
# wrk at 1, 8 and 32 connections, each create = number + commitments + first event + audit entry in one transaction.
# Afterwards every acknowledged (201) case must be in the database. Needs wrk (apt-get install wrk) and a PostgreSQL
# server: by default the test cluster scripts/test.sh starts (127.0.0.1:55432, trust auth).
# Usage: scripts/bench-case-create.sh [seconds per run, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
pghost=${NORMA_BENCH_PGHOST:-127.0.0.1}; pgport=${NORMA_BENCH_PGPORT:-55432}; db=norma_bench_create
port=${NORMA_BENCH_PORT:-5091}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
psql() { command psql -h "$pghost" -p "$pgport" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
psql -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"

dotnet build src/Norma -c Release -v quiet -nologo >/dev/null
dll=src/Norma/bin/Release/net10.0/Norma.dll
export Database__Provider=PostgreSql
export Database__ConnectionString="Host=$pghost;Port=$pgport;Username=postgres;Database=$db;Maximum Pool Size=64"
export DataFolder=$(mktemp -d)
export RateLimits__ApiPerMinute=100000000
export Logging__LogLevel__Default=Warning
export ASPNETCORE_ENVIRONMENT=Production
dotnet "$dll" seed-demo >/dev/null
export NORMA_TOKEN=$(dotnet "$dll" create-token --user kefu --name bench | tail -n 1)

dotnet "$dll" serve --urls "http://127.0.0.1:$port" > "$DataFolder/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 1; done
# A repair item like the demo's 燃气报修 (two commitments, the seven-step process) but numbered with six digits a
# day: the demo's BX…{seq:3} allows 999 cases a day, which the benchmark exceeds within a second.
admin=$(dotnet "$dll" create-token --user admin --name bench | tail -n 1)
api() { curl -fsS -H "Authorization: Bearer $admin" -H "Content-Type: application/json" "$@"; }
base=$(api "http://127.0.0.1:$port/api/v1/catalog/items/by-code/GAS-REPAIR")
item=$(jq '{code: "BENCH-REPAIR", name: "压测报修", category, unitId, channels, isPublic, handling, numberingPattern: "{item}-{yyyy}{MM}{dd}-{seq:6}",
  processTemplateId: .processTemplate.id, materials: []}' <<<"$base" | api -X POST -d @- "http://127.0.0.1:$port/api/v1/catalog/items")
export NORMA_ITEM=$(jq -r .id <<<"$item")
jq -c '.commitments[] | {name, metric, limit, calendarId, warnAtPercent}' <<<"$base" | while IFS= read -r c; do
  api -X POST -d "$c" "http://127.0.0.1:$port/api/v1/catalog/items/$NORMA_ITEM/commitments" >/dev/null
done

# Warm-up (JIT tiers, prepared statements, connection pool, caches), not counted: a server's steady state is measured.
wrk -t 2 -c 8 -d "${NORMA_BENCH_WARMUP:-60}s" -s scripts/bench/create-case.lua "http://127.0.0.1:$port" >/dev/null
sleep 2
export NORMA_IDS_DIR=$(mktemp -d)
total_ack=0
printf "\n%-8s %10s %10s %10s %8s %8s\n" clients creates/s p50_ms p99_ms errors non201
for c in 1 8 32; do
  t=$(( c < 4 ? c : 4 ))
  out=$(wrk -t "$t" -c "$c" -d "${secs}s" --latency -s scripts/bench/create-case.lua "http://127.0.0.1:$port")
  grep -m 2 "^SAMPLE" <<<"$out" >&2 || true
  ack=$(sed -n 's/^ACKNOWLEDGED //p' <<<"$out")
  total_ack=$((total_ack + ack))
  printf "%-8s %10s %10s %10s %8s %8s\n" "$c" "$(sed -n 's/^RPS //p' <<<"$out")" "$(sed -n 's/^P50_MS //p' <<<"$out")" \
    "$(sed -n 's/^P99_MS //p' <<<"$out")" "$(sed -n 's/^ERRORS //p' <<<"$out")" "$(sed -n 's/^NOT_CREATED //p' <<<"$out")"
done
# Every acknowledged case must be in the database, with its clocks, first event and audit entry (the verb first
# chains whatever audit events are still pending, and checks the whole chain).
dotnet "$dll" verify-audit | tail -n 1
sort -u "$NORMA_IDS_DIR"/ids-*.txt > "$NORMA_IDS_DIR/acknowledged"
psql -d "$db" -c "CREATE TEMP TABLE ack(id uuid)" -c "\copy ack FROM '$NORMA_IDS_DIR/acknowledged'" -c "
  SELECT count(*) AS acknowledged,
         count(c.\"Id\") AS present,
         count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e.\"CaseId\" = ack.id)) AS without_event,
         count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM case_clocks k WHERE k.\"CaseId\" = ack.id)) AS without_clocks,
         count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM platform_audit_log a WHERE a.\"Action\" = 'case.created' AND a.\"EntityId\" = ack.id::text)) AS without_audit
  FROM ack LEFT JOIN case_cases c ON c.\"Id\" = ack.id" | tr '|' ' ' > "$NORMA_IDS_DIR/check"
read -r acked present noevent noclock noaudit < "$NORMA_IDS_DIR/check"
echo
echo "acknowledged: $acked (wrk counted $total_ack); present: $present; without event: $noevent; without clocks: $noclock; without audit entry: $noaudit"
[ "$acked" -eq "$total_ack" ] && [ "$present" -eq "$acked" ] && [ "$noevent" -eq 0 ] && [ "$noclock" -eq 0 ] && [ "$noaudit" -eq 0 ] \
  || { echo "MISMATCH: an acknowledged create is missing or incomplete"; exit 1; }
