#!/usr/bin/env bash
# Keycloak 26 and the bridge, one after the other, on the same PostgreSQL cluster, the same JVM
# (Temurin 25, -Xms64m -Xmx512m), the same login driver (keycloak/login-load.mjs: complete browser
# logins with PKCE, token exchange and ID-token check, one fresh cookie jar per login) and the same
# warm-up (30 s rounds at concurrency 32 until the JIT is quiet and throughput flat, at most
# BENCH_WARMUP_MAX_ROUNDS), then 3 x (30 s at concurrency 8, 30 s at 32) each. About 25 minutes.
# Run from the project root after `./mvnw -B -DskipTests package`:
#   bench/side-by-side/side-by-side.sh [both|kc|bridge]
# BRIDGE_JAR (default target/jwt-idp-bridge-*.jar), BRIDGE_JAVA_OPTS (extra JVM options), BRIDGE_ARGS
# (extra --property=value arguments) let you try a change; results and logs go to $BENCH_WORK/sbs-*/.
set -euo pipefail
SRC="$(cd "$(dirname "$0")" && pwd)"
BRIDGE_JAR=${BRIDGE_JAR:-$(ls "$PWD"/target/jwt-idp-bridge-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -1)}
[ -n "$BRIDGE_JAR" ] && [ -f "$BRIDGE_JAR" ] || { echo "no bridge jar: run ./mvnw -B -DskipTests package first, or set BRIDGE_JAR"; exit 1; }
set -a; . "$SRC/keycloak/env.sh"; set +a
# The scripts and the driver run from a writable copy, with the driver's one dependency (jose).
HERE="$BENCH_WORK/driver"; mkdir -p "$HERE"; cp -r "$SRC/keycloak" "$SRC/bridge" "$SRC/package.json" "$HERE/"; chmod +x "$HERE"/keycloak/*.sh
[ -d "$HERE/node_modules/jose" ] || (cd "$HERE" && npm install --no-audit --no-fund >/dev/null)
[ -d "$BENCH_KC_HOME" ] || "$HERE/keycloak/00-download.sh"
WHAT=${1:-both}
export BENCH_WARMUP_MAX_ROUNDS=${BENCH_WARMUP_MAX_ROUNDS:-14}
DUR=${BENCH_DURATION:-30}
STAMP=$(date +%Y%m%dT%H%M)
export BENCH_RESULTS="$BENCH_WORK/sbs-$STAMP"; mkdir -p "$BENCH_RESULTS"
"$HERE/keycloak/10-pg-start.sh" >/dev/null 2>&1 || true
measure() { # label prefix
  "$HERE/keycloak/55-warmup.sh"
  for i in 1 2 3; do for c in 8 32; do sleep 3; "$HERE/keycloak/50-run.sh" "$1-c$c-r$i" "$c" "$DUR"; done; done
}
if [ "$WHAT" = kc ] || [ "$WHAT" = both ]; then
  [ -d "$BENCH_KC_HOME/lib/quarkus" ] && grep -q postgres "$BENCH_KC_HOME/lib/quarkus/build-system.properties" 2>/dev/null || "$HERE/keycloak/20-kc-build.sh" >/dev/null
  "$HERE/keycloak/30-kc-start.sh"
  node "$HERE/keycloak/40-configure.mjs" --policy cheap --reset-passwords
  unset BENCH_DRIVER_ARGS
  measure keycloak
  "$HERE/keycloak/90-stop.sh" kc
fi
if [ "$WHAT" = bridge ] || [ "$WHAT" = both ]; then
  PSQL=(runuser -u postgres -- "$PG_BIN/psql" -h "$BENCH_WORK/pg" -p "$PG_PORT" -U postgres -qtA)
  "${PSQL[@]}" -c "drop database if exists bridge" -c "create database bridge owner keycloak" >/dev/null
  BP=18700; WP=18500
  t0=$(date +%s.%N)
  setsid "$JAVA_HOME/bin/java" -Xms64m -Xmx512m -XX:+UseG1GC ${BRIDGE_JAVA_OPTS:-} -jar "$BRIDGE_JAR" --server.port=$BP \
    --jwtbridge.issuer=http://127.0.0.1:$BP \
    --spring.datasource.url=jdbc:postgresql://127.0.0.1:$PG_PORT/bridge --spring.datasource.username=keycloak --spring.datasource.password=keycloak \
    --jwtbridge.admin.client-id=bench-admin --jwtbridge.admin.client-secret=bench-admin-secret-0123456789 \
    --jwtbridge.master-key=bench-master-key-0123456789abcdef0123456789 \
    --jwtbridge.outbound.allow-private-networks=true --jwtbridge.outbound.allow-http=true ${BRIDGE_ARGS:-} \
    > "$BENCH_RESULTS/bridge.log" 2>&1 < /dev/null &
  echo $! > "$BENCH_WORK/kc.pid"
  until curl -fsS http://127.0.0.1:$BP/actuator/health >/dev/null 2>&1; do sleep 0.2; done
  echo "bridge ready after $(echo "$(date +%s.%N) - $t0" | bc) s"
  setsid node "$HERE/bridge/waf-standin.mjs" --bridge http://127.0.0.1:$BP --port $WP --users 1000 > "$BENCH_RESULTS/waf.log" 2>&1 < /dev/null &
  WAFPID=$!
  sleep 2
  export BENCH_DRIVER_ARGS=$(node "$HERE/bridge/setup.mjs" --bridge http://127.0.0.1:$BP --waf http://127.0.0.1:$WP --admin-id bench-admin --admin-secret bench-admin-secret-0123456789)
  measure bridge
  kill -TERM "$(cat "$BENCH_WORK/kc.pid")" "$WAFPID" 2>/dev/null || true
  rm -f "$BENCH_WORK/kc.pid"
fi
python3 "$HERE/keycloak/70-summary.py" "$BENCH_RESULTS" 2>/dev/null | tail -40 || ls "$BENCH_RESULTS"
echo "results: $BENCH_RESULTS"
