#!/usr/bin/env bash
# What the login's first two hops cost PostgreSQL (docs/performance.md#database-work-per-login):
# pgbench runs, alternating, the authorize step's `insert into login_flow` followed by the JWT
# handler's step, the ordinary way (BEGIN pipelined with the user's read, the flow's update with its
# audit event, COMMIT) and a returning user's one statement (UserProvisioning.signInReturning), and
# prints transactions/s and PostgreSQL's CPU per transaction, read from /proc (its processes and the
# postmaster's exited children; run it on the database's machine, as root or postgres).
# A whole-login A/B run on this VM moves by more than such a change; this one does not.
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), ROUNDS (3), DURATION (30, seconds per run),
# CLIENTS (8). It makes and drops the database jwtbridge_hops. The ids are digits, as the bridge's
# are: pgbench would take a ':name' inside a literal (the editor 'idp:{id}') for a variable.
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
rounds=${ROUNDS:-3}
seconds=${DURATION:-30}
clients=${CLIENTS:-8}
db=jwtbridge_hops
work=$(mktemp -d)
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

dropdb --if-exists "$db" >/dev/null 2>&1 || true
createdb "$db"
for migration in $(ls src/main/resources/db/migration/V*.sql | sort -V); do
  psql -q -v ON_ERROR_STOP=1 -d "$db" -f "$migration" >/dev/null
done
psql -q -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
insert into jwt_idp (id, name, styling_type, state, auto_register, is_creation_allowed, is_auto_creation, jwt_endpoint,
    issuer, keys_endpoint, header_name, created_at, changed_at, sequence)
values ('100000000000000001', 'hops', 'STYLING_TYPE_UNSPECIFIED', 'IDP_STATE_ACTIVE', true, true, true, 'https://waf.example/jwt',
    'https://idp.example', 'https://idp.example/keys', 'x-auth-token', now(), now(), 1);
insert into bridge_user (id, state, user_name, given_name, email, email_verified, created_at, changed_at, sequence)
values ('100000000000000002', 'USER_STATE_ACTIVE', 'ada', 'Ada', 'ada@example.com', true, now(), now(), 1);
insert into user_link (idp_id, external_user_id, user_id, provided_user_name, created_at, sequence)
values ('100000000000000001', 'sub1', '100000000000000002', 'ada', now(), 1);
SQL
xmin=$(psql -Atd "$db" -c "select xmin from bridge_user where id = '100000000000000002'")
postmaster=$(head -1 "$(psql -Atd "$db" -c 'show data_directory')/postmaster.pid")

flow_insert="\\set id random(1, 9000000000000000000)
insert into login_flow (id, idp_id, authorize_query, client_id, redirect_uri, state_param, binding_hash, status,
    created_at, expires_at)
values ('f' || :id, '100000000000000001', repeat('q', 400), 'client', 'https://app.example/cb', 'state',
    'bindinghashbindinghashbindinghash1234567890', 'STARTED', now(), now() + interval '10 minutes');"
event_values="'user', '100000000000000002', 'user.login.succeeded', 'idp:100000000000000001', 'instance', cast('{\"idpId\":\"100000000000000001\"}' as jsonb)"
flow_update="update login_flow set status = 'VERIFIED', user_id = '100000000000000002', handle_hash = 'handlehashhandlehash'
    where id = 'f' || :id and status = 'STARTED' and expires_at > now()"

cat >"$work/ordinary.sql" <<EOF
$flow_insert
\\startpipeline
BEGIN;
select u.id, u.state, u.user_name, u.given_name, u.family_name, u.display_name, u.nick_name, u.preferred_language,
    u.email, u.email_verified, u.phone, u.created_at, u.changed_at, u.sequence, u.xmin::text
from bridge_user u join user_link l on l.user_id = u.id where l.idp_id = '100000000000000001' and l.external_user_id = 'sub1';
\\endpipeline
with written_audit_events as (insert into audit_event (aggregate_type, aggregate_id, event_type, editor,
    resource_owner, payload) values ($event_values))
$flow_update;
COMMIT;
EOF
cat >"$work/returning.sql" <<EOF
$flow_insert
with changed as ($flow_update and exists (select 1 from bridge_user u join user_link l on l.user_id = u.id
    where u.id = '100000000000000002' and u.xmin = cast('$xmin' as xid) and u.state = 'USER_STATE_ACTIVE'
    and l.idp_id = '100000000000000001' and l.external_user_id = 'sub1') returning 1)
insert into audit_event (aggregate_type, aggregate_id, event_type, editor, resource_owner, payload)
select event.* from (values ($event_values)) as event, changed;
EOF

# CPU ticks of PostgreSQL: its live processes, and the children the postmaster has reaped.
ticks() {
  { for pid in $(pgrep -u postgres); do awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true; done
    awk '{print $16 + $17}' "/proc/$postmaster/stat"; } | awk '{s += $1} END {print s}'
}
hz=$(getconf CLK_TCK)

echo "== $rounds rounds of ${seconds} s per way, $clients clients, pgbench -M prepared"
for round in $(seq "$rounds"); do
  for way in ordinary returning; do
    before=$(ticks)
    out=$(pgbench -n -M prepared -c "$clients" -j 2 -T "$seconds" -f "$work/$way.sql" "$db" 2>&1)
    after=$(ticks)
    count=$(echo "$out" | awk '/number of transactions actually processed/ {print $NF}')
    tps=$(echo "$out" | awk '/^tps/ {printf "%.0f", $3}')
    verified=$(psql -Atd "$db" -c "select count(*) from login_flow where status = 'VERIFIED'")
    echo "round $round $way: $tps transactions/s, PostgreSQL CPU $(( (after - before) * 1000000 / hz / count )) µs per transaction ($verified flows verified so far)"
  done
done
