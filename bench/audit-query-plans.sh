#!/usr/bin/env bash
# Loads N audit events (default 10 million) into a scratch schema of a PostgreSQL database with
# the service's own migration, then shows the plan and timing of the queries GET /audit-events
# makes for each filter, first page and a later page.
#
#   bench/audit-query-plans.sh [ROWS]     PGHOST/PGPORT/PGUSER/PGDATABASE as for psql
#                                         (default 127.0.0.1:5432, postgres, test)
set -euo pipefail
ROWS="${1:-10000000}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-test}"
SCHEMA=bench_audit
MIGRATION="$(dirname "$0")/../src/main/resources/db/migration/V1__audit_events.sql"

psql -q -v ON_ERROR_STOP=1 <<SQL
DROP SCHEMA IF EXISTS $SCHEMA CASCADE;
CREATE SCHEMA $SCHEMA;
SET search_path = $SCHEMA;
\i $MIGRATION
-- 20 pools, 200 000 usernames, 300 actors; one event every ~3 s over a year; 0.1% PENDING.
INSERT INTO audit_event (id, occurred_at, completed_at, action, outcome, error_code, actor_subject, actor_issuer,
    actor_roles, target_user_pool_id, target_username, client_metadata_keys, correlation_id, duration_ms,
    chain_seq, prev_hash, hash)
SELECT gen_random_uuid(),
       timestamptz '2026-01-01' + (i * interval '3 seconds'),
       CASE WHEN i % 1000 = 0 THEN NULL ELSE timestamptz '2026-01-01' + (i * interval '3 seconds') + interval '80 ms' END,
       (ARRAY['ADMIN_CONFIRM_SIGN_UP','CONFIRM_SIGN_UP','GET_USER_STATUS'])[1 + i % 3],
       CASE WHEN i % 1000 = 0 THEN 'PENDING' ELSE (ARRAY['CONFIRMED','ALREADY_CONFIRMED','FAILED','DENIED','SUCCEEDED'])[1 + i % 5] END,
       NULL,
       'staff-' || (i % 300),
       'https://idp.example.com/realms/acme',
       '["support-agent"]',
       'eu-west-1_Pool' || (i % 20),
       'user-' || (i % 200000) || '@example.com',
       '[]',
       md5(i::text),
       80,
       CASE WHEN i % 1000 = 0 THEN NULL ELSE i END,
       NULL, NULL
FROM generate_series(1, $ROWS) AS i;
VACUUM ANALYZE audit_event;
SQL

plan() {
  echo
  echo "== $1"
  psql -q -v ON_ERROR_STOP=1 -c "SET search_path = $SCHEMA" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $2"
}
COLS="id, occurred_at, completed_at, action, outcome, error_code, actor_subject, actor_issuer, actor_client_id, actor_roles, target_user_pool_id, target_username, target_app_client_id, reason, client_metadata_keys, correlation_id, cognito_request_id, source_ip, user_agent, duration_ms"
plan "newest page, no filter" "SELECT $COLS FROM audit_event WHERE 1 = 1 ORDER BY occurred_at DESC, id DESC LIMIT 51"
plan "a later page, no filter (cursor)" "SELECT $COLS FROM audit_event WHERE 1 = 1 AND occurred_at <= '2026-06-01' AND (occurred_at < '2026-06-01' OR id < '00000000-0000-0000-0000-000000000000') ORDER BY occurred_at DESC, id DESC LIMIT 51"
plan "pool + username" "SELECT $COLS FROM audit_event WHERE 1 = 1 AND target_user_pool_id = 'eu-west-1_Pool7' AND target_username = 'user-4567@example.com' ORDER BY occurred_at DESC, id DESC LIMIT 51"
plan "username only" "SELECT $COLS FROM audit_event WHERE 1 = 1 AND target_username = 'user-4567@example.com' ORDER BY occurred_at DESC, id DESC LIMIT 51"
plan "actor" "SELECT $COLS FROM audit_event WHERE 1 = 1 AND actor_subject = 'staff-42' ORDER BY occurred_at DESC, id DESC LIMIT 51"
plan "outcome PENDING older than 5 minutes (reconciliation)" "SELECT $COLS FROM audit_event WHERE 1 = 1 AND outcome = 'PENDING' AND occurred_at < now() - interval '5 minutes' ORDER BY occurred_at DESC, id DESC LIMIT 51"
plan "action + time window" "SELECT $COLS FROM audit_event WHERE 1 = 1 AND action = 'CONFIRM_SIGN_UP' AND occurred_at >= '2026-03-01' AND occurred_at < '2026-03-02' ORDER BY occurred_at DESC, id DESC LIMIT 51"
plan "pool only, a later page" "SELECT $COLS FROM audit_event WHERE 1 = 1 AND target_user_pool_id = 'eu-west-1_Pool3' AND occurred_at <= '2026-05-01' AND (occurred_at < '2026-05-01' OR id < '00000000-0000-0000-0000-000000000000') ORDER BY occurred_at DESC, id DESC LIMIT 51"
psql -q -c "SELECT pg_size_pretty(pg_total_relation_size('$SCHEMA.audit_event')) AS table_and_indexes"
[[ -n "${KEEP:-}" ]] || psql -q -c "DROP SCHEMA $SCHEMA CASCADE"
