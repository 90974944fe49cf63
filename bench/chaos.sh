#!/usr/bin/env bash
# The chaos run (docs/operations.md, "Faults and what survives them"): two bridge instances on one
# PostgreSQL of its own, the login load at a fixed rate (the chaos driver, ChaosLoad), and three
# faults in a row while it runs:
#   (a) kill -9 of bridge 2, started again at once;
#   (b) PostgreSQL restarted (immediate shutdown: a crash, then recovery);
#   (c) the IdP's keys endpoint answers 503 for 2 minutes, with the key cache's TTL at 30 s (the
#       keys known before must carry the logins).
# Then it reports: logins attempted, completed, failed by kind; codes redeemed twice (every 10th
# login redeems its code at both bridges at once); users duplicated; committed rows lost (every
# login the driver saw complete must have its user, its link and its login audit event); and how
# long each fault took to heal (from the fault until the last second in which a login failed).
# Not part of ./mvnw verify. About 9 minutes. Environment: CHAOS_RATE (logins/s, default 40: about
# half of what this 2-core machine completes with the Java driver beside the bridges), CHAOS_CALM
# (60 s) and CHAOS_KEYS_DOWN (120 s) for a shorter smoke run, BRIDGE_JAVA,
# BRIDGE_JVM_OPTS, CHAOS_PG_PORT (55434), SKIP_BUILD=1. Figures go to target/chaos/.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/chaos
rm -rf "$out"
mkdir -p "$out"
bridge_java=${BRIDGE_JAVA:-java}
bridge_jvm_opts=${BRIDGE_JVM_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC}
rate=${CHAOS_RATE:-40}
pg_port=${CHAOS_PG_PORT:-55434}
database=jwtbridge_chaos
calm=${CHAOS_CALM:-60}  # seconds of load before the first fault, and between faults
keys_down=${CHAOS_KEYS_DOWN:-120} # seconds the keys endpoint answers 503
duration=$((calm * 4 + keys_down + 30))

if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "== building the bridge jar and the load driver"
  ./mvnw -B -q -Pload -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$out/driver.classpath"
else
  ./mvnw -B -q -Pload dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/driver.classpath"
fi
jar=$(ls target/jwt-idp-bridge-*.jar | grep -v plain | head -1)

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_data=${TMPDIR:-/tmp}/jwt-idp-bridge-chaos-pg
pg_opts="-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=100"

declare -A bridge_pid=()
driver_pid=""
cleanup() {
  [ -n "$driver_pid" ] && kill "$driver_pid" 2>/dev/null || true
  for pid in "${bridge_pid[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${bridge_pid[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== PostgreSQL: $pg_bin on port $pg_port, data in $pg_data"
rm -rf "$pg_data"
mkdir -p "$pg_data"
if [ "$(id -u)" = "0" ]; then chown postgres "$pg_data"; fi
as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -o "$pg_opts" start >/dev/null
psql -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "create database $database" postgres
jdbc_url="jdbc:postgresql://127.0.0.1:$pg_port/$database"
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "$database" -qtA "$@"; }

export JWTBRIDGE_MASTER_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export JWTBRIDGE_ADMIN_CLIENT_SECRET=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ports=("$(free_port)" "$(free_port)")
issuer="http://127.0.0.1:${ports[0]}"
now() { date +%s.%N; }

start_bridge() { # instance number (1 or 2)
  local i=$1 port=${ports[$(($1 - 1))]}
  # shellcheck disable=SC2086
  "$bridge_java" $bridge_jvm_opts -jar "$jar" --server.port="$port" \
    --spring.datasource.url="$jdbc_url" --spring.datasource.username=postgres \
    --jwtbridge.issuer="$issuer" --jwtbridge.admin.client-id=chaos-admin \
    --jwtbridge.outbound.allow-http=true --jwtbridge.outbound.allow-private-networks=true \
    --jwtbridge.jwks.cache-ttl=30s --jwtbridge.jwks.refresh-ahead=5s --jwtbridge.jwks.unknown-kid-interval=10s \
    >>"$out/bridge-$i.log" 2>&1 &
  bridge_pid[$i]=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; do
    kill -0 "${bridge_pid[$i]}" 2>/dev/null || { echo "bridge $i stopped; see $out/bridge-$i.log" >&2; exit 1; }
    sleep 0.05
  done
}

start_bridge 1
start_bridge 2
echo "== two bridges ready on ports ${ports[*]}"

echo "fault,start,recovered" >"$out/faults.csv"
echo "== load: $rate logins/s for $duration s"
"${DRIVER_JAVA:-java}" -cp "target/test-classes:target/classes:$(cat "$out/driver.classpath")" io.jwtbridge.load.ChaosLoad \
  --bridge="http://127.0.0.1:${ports[0]},http://127.0.0.1:${ports[1]}" --issuer="$issuer" \
  --admin-id=chaos-admin --admin-secret="$JWTBRIDGE_ADMIN_CLIENT_SECRET" \
  --rate="$rate" --duration="$duration" --out="$out" >"$out/driver.log" 2>&1 &
driver_pid=$!
until [ -f "$out/waf.url" ]; do sleep 0.1; done
waf=$(cat "$out/waf.url")

sleep "$calm"
echo "== (a) kill -9 bridge 2, start it again"
t=$(now)
kill -9 "${bridge_pid[2]}"
wait "${bridge_pid[2]}" 2>/dev/null || true
start_bridge 2
echo "kill -9 bridge,$t,$(now)" >>"$out/faults.csv"

sleep "$calm"
echo "== (b) PostgreSQL: immediate shutdown (a crash), start again"
t=$(now)
as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -o "$pg_opts" start >/dev/null
echo "PostgreSQL restart,$t,$(now)" >>"$out/faults.csv"

sleep "$calm"
echo "== (c) keys endpoint answers 503 for $keys_down s (key cache TTL 30 s)"
t=$(now)
curl -fs "$waf/control/keys?down=true" >/dev/null
sleep "$keys_down"
curl -fs "$waf/control/keys?down=false" >/dev/null
echo "keys endpoint 503 for ${keys_down} s,$t,$(now)" >>"$out/faults.csv"

wait "$driver_pid" || { echo "the driver failed; see $out/driver.log" >&2; exit 1; }
driver_pid=""

echo "== checks in the database"
idp=$(cat "$out/idp.id")
sql -c "create table chaos_login (external_user_id text, user_id text)"
sql -c "\\copy chaos_login from '$out/completed.csv' with (format csv)"
duplicated=$(sql -c "select count(*) from (select external_user_id from user_link where idp_id = '$idp'
  group by external_user_id having count(*) > 1) d")
unlinked=$(sql -c "select count(*) from bridge_user u where not exists (select 1 from user_link l where l.user_id = u.id)")
no_user=$(sql -c "select count(*) from chaos_login c where not exists (select 1 from bridge_user u where u.id = c.user_id)")
no_link=$(sql -c "select count(*) from chaos_login c where not exists (select 1 from user_link l
  where l.idp_id = '$idp' and l.external_user_id = c.external_user_id and l.user_id = c.user_id)")
no_event=$(sql -c "select coalesce(sum(greatest(0, c.n - coalesce(e.n, 0))), 0) from
  (select user_id, count(*) n from chaos_login group by user_id) c left join
  (select aggregate_id, count(*) n from audit_event where event_type = 'user.login.succeeded' group by aggregate_id) e
  on e.aggregate_id = c.user_id")
{
  echo "chaos run $(date -u +%FT%TZ): 2 bridges, $rate logins/s, $("$bridge_java" -version 2>&1 | head -1)"
  cat "$out/driver.txt"
  echo "users duplicated (one upstream sub with several users): $duplicated"
  echo "users without a link: $unlinked"
  echo "committed rows lost: $((no_user + no_link + no_event)) (completed logins without their user: $no_user, without their link: $no_link, login audit events missing: $no_event)"
  python3 - "$out/timeline.csv" "$out/faults.csv" <<'PY'
import csv, sys
# A login counts in the second it was scheduled in; it may still be running a second or two later,
# so a fault's window starts 2 s before it, and ends where the next fault's begins.
timeline = [(int(r["epoch"]), int(r["completed"]), int(r["failed"])) for r in csv.DictReader(open(sys.argv[1]))]
faults = list(csv.DictReader(open(sys.argv[2])))
for i, fault in enumerate(faults):
    start, recovered = float(fault["start"]), float(fault["recovered"])
    until = float(faults[i + 1]["start"]) - 2 if i + 1 < len(faults) else float("inf")
    window = [t for t in timeline if int(start) - 2 <= t[0] < until]
    failing = [t[0] for t in window if t[2] > 0]
    failed = sum(t[2] for t in window)
    heal = "no login failed" if not failing else "healed after %d s" % max(0, failing[-1] + 1 - int(start))
    print("%s: fault took %.1f s, %s, %d logins failed meanwhile" % (fault["fault"], recovered - start, heal, failed))
PY
} | tee "$out/report.txt"
