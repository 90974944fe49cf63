#!/usr/bin/env bash
# The login load benchmark (docs/performance.md): starts a PostgreSQL of its own (with
# pg_stat_statements), the bridge jar and the load driver on this machine, and writes the figures
# to target/bench/. Options after the script name go to the driver, e.g.
#   bench/login-load.sh --rate=125 --duration=60
#   bench/login-load.sh --alg=ES256 --concurrency=32
#   bench/login-load.sh --users=new
# Environment: BRIDGE_JAVA (the java that runs the bridge, default java), DRIVER_JAVA (the java
# that runs the load driver, default java), BENCH_MAIN (the driver's main class: LoginLoad, or
# io.jwtbridge.load.RequestFloor for what a request costs before its own work), BRIDGE_JVM_OPTS,
# BRIDGE_ARGS (more --name=value settings for the bridge),
# BRIDGE_INSTANCES (1 or 2: a second bridge on the same database), BENCH_PG_PORT (55432),
# BENCH_JDBC_URL (use this PostgreSQL instead of starting one), SKIP_BUILD=1, BENCH_RESTART=1
# (measure a restart: a first start migrates the schema and makes the signing key), BRIDGE_AOT=1
# (JDK 25: the first start trains an AOT cache that the measured start uses).
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/bench
mkdir -p "$out"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
bridge_java=${BRIDGE_JAVA:-java}
bridge_jvm_opts=${BRIDGE_JVM_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC}
instances=${BRIDGE_INSTANCES:-1}
pg_port=${BENCH_PG_PORT:-55432}
database=jwtbridge_bench

if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "== building the bridge jar and the load driver"
  ./mvnw -B -q -Pload -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$out/driver.classpath"
fi
jar=$(ls target/jwt-idp-bridge-*.jar | grep -v plain | head -1)

pids=()
pg_data=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$pg_data" ]; then as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -n "${BENCH_JDBC_URL:-}" ]; then
  jdbc_url=$BENCH_JDBC_URL
  echo "== PostgreSQL: $jdbc_url (given)"
else
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg_data=${TMPDIR:-/tmp}/jwt-idp-bridge-bench-pg
  echo "== PostgreSQL: $pg_bin on port $pg_port, data in $pg_data"
  rm -rf "$pg_data"
  mkdir -p "$pg_data"
  if [ "$(id -u)" = "0" ]; then chown postgres "$pg_data"; fi
  as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
    -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on -c max_connections=100" \
    start >/dev/null
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "create database $database" postgres
  jdbc_url="jdbc:postgresql://127.0.0.1:$pg_port/$database"
fi

admin_secret=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
master_key=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ports=()
for i in $(seq 1 "$instances"); do ports+=("$(free_port)"); done
issuer="http://127.0.0.1:${ports[0]}"
bridge_args() {
  echo --spring.datasource.url="$jdbc_url" --spring.datasource.username=postgres \
    --jwtbridge.issuer="$issuer" --jwtbridge.admin.client-id=bench-admin \
    --jwtbridge.outbound.allow-http=true --jwtbridge.outbound.allow-private-networks=true ${BRIDGE_ARGS:-}
}
export JWTBRIDGE_MASTER_KEY="$master_key" JWTBRIDGE_ADMIN_CLIENT_SECRET="$admin_secret"

# First start: migrates the schema and makes the signing key. With BRIDGE_AOT=1 (JDK 25) it is
# the training run of an AOT cache (JEP 483/514/515) over the extracted jar; the measured starts
# below are then restarts, as in production.
if [ "${BRIDGE_AOT:-}" = "1" ] || [ "${BENCH_RESTART:-}" = "1" ]; then
  if [ "${BRIDGE_AOT:-}" = "1" ]; then
    rm -rf "$out/aot"
    "$bridge_java" -Djarmode=tools -jar "$jar" extract --destination "$out/aot" >/dev/null
    jar="$out/aot/$(basename "$jar")"
    training_opts="-XX:AOTCacheOutput=$out/aot/bridge.aot"
    bridge_jvm_opts="$bridge_jvm_opts -XX:AOTCache=$out/aot/bridge.aot"
  fi
  echo "== first start (schema, signing key${BRIDGE_AOT:+, AOT cache training})"
  # shellcheck disable=SC2046,SC2086
  "$bridge_java" ${training_opts:-} -Dspring.context.exit=onRefresh -jar "$jar" --server.port=0 $(bridge_args) \
    >"$out/bridge-first-start.log" 2>&1
fi

bridge_java_version=$("$bridge_java" -version 2>&1 | head -1)
bridges=()
for i in $(seq 1 "$instances"); do
  port=${ports[$((i - 1))]}
  log="$out/bridge-$i.log"
  start_ms=$(date +%s%3N)
  # shellcheck disable=SC2046,SC2086
  "$bridge_java" $bridge_jvm_opts -jar "$jar" --server.port="$port" $(bridge_args) >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  until curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "the bridge stopped; see $log" >&2; exit 1; fi
    sleep 0.02
  done
  ready_ms=$(($(date +%s%3N) - start_ms))
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
  echo "== bridge $i (pid $pid, $bridge_java_version) ready after ${ready_ms} ms, RSS ${rss} MiB"
  echo "bridge $i ready after ${ready_ms} ms ($(grep -o 'Started .* seconds[^)]*)' "$log" | head -1)), RSS at ready ${rss} MiB" \
    >>"$out/startup-$stamp.txt"
  bridges+=("http://127.0.0.1:$port")
done

echo "== load"
status=0
report="$out/login-load-$stamp.txt"
"${DRIVER_JAVA:-java}" -cp "target/test-classes:target/classes:$(cat "$out/driver.classpath")" "${BENCH_MAIN:-io.jwtbridge.load.LoginLoad}" \
  --bridge="$(IFS=,; echo "${bridges[*]}")" --issuer="$issuer" \
  --admin-id=bench-admin --admin-secret="$admin_secret" \
  --pids="$(IFS=,; echo "${pids[*]}")" --jdbc-url="$jdbc_url" --jdbc-user=postgres \
  --out="$report" "$@" || status=$?
cat "$out/startup-$stamp.txt" >>"$report"
echo "bridge JVM: $bridge_java $bridge_jvm_opts; driver JVM: ${DRIVER_JAVA:-java}" >>"$report"
exit $status
