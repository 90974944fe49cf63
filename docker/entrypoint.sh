#!/bin/sh
# Starts the bridge from its extracted jar (the image's /app). On JDK 25 or later the first start
# also trains a JVM AOT cache (JEP 483/514/515) into JWTBRIDGE_AOT_DIR (default /app/aot; mount a
# volume there to keep it): that start runs the application up to its refresh against the database
# (migrations, signing key), exits, and writes the cache; the bridge then starts with it, and so
# does every later start with the same jar, JDK and options (ready in about 5 s instead of 12 on 2 vCPUs,
# docs/performance.md). A failed or impossible training only costs the cache: the bridge starts
# without it. JWTBRIDGE_AOT=false turns it off. Arguments go to the bridge.
set -eu

app_dir=${JWTBRIDGE_APP_DIR:-/app}
aot_dir=${JWTBRIDGE_AOT_DIR:-$app_dir/aot}
java=${JAVA:-java}
jar="$app_dir/app.jar"
# JAVA_OPTS (set, even empty) replaces the default options; split on spaces, never globbed. Options
# that contain spaces go in JDK_JAVA_OPTIONS, which the java launcher parses itself.
set -f
# shellcheck disable=SC2086
# The default's G1 options: a fixed marking threshold instead of the adaptive one, which on a small
# heap starts a marking cycle at every other young collection (docs/performance.md#garbage-collection).
set -- ${JAVA_OPTS--XX:MaxRAMPercentage=75 -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70 -XX:+ExitOnOutOfMemoryError} -jar "$jar" "$@"
set +f

java_major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${JWTBRIDGE_AOT:-true}" != "true" ] || [ "${java_major:-0}" -lt 25 ] 2>/dev/null; then
  exec "$java" "$@"
fi

# One cache per jar, JDK and JVM options (a cache made with other options is refused by the JVM):
# a new image or new options never use an old cache.
key=$( (cat "$jar"; "$java" -version 2>&1; echo "${JAVA_OPTS-default} ${JDK_JAVA_OPTIONS:-}") | sha256sum | cut -c1-16)
cache="$aot_dir/bridge-$key.aot"
if [ -d "$aot_dir" ] && [ -w "$aot_dir" ]; then
  # Trainings that were stopped, and caches no start has used for a week (other images, options).
  find "$aot_dir" -maxdepth 1 -name 'training-*' -mmin +60 -exec rm -f {} + 2>/dev/null || true
  find "$aot_dir" -maxdepth 1 -name 'bridge-*.aot' -mtime +7 -exec rm -f {} + 2>/dev/null || true
fi
if [ ! -f "$cache" ] && mkdir -p "$aot_dir" 2>/dev/null && [ -w "$aot_dir" ]; then
  echo "jwt-idp-bridge: first start with this jar, JDK and options, training the AOT cache $cache" >&2
  # Replicas may share the volume and all run as PID 1: name the training by the host too.
  training="$aot_dir/training-$(cat /proc/sys/kernel/hostname 2>/dev/null || echo host)-$$.aot"
  if "$java" -XX:AOTCacheOutput="$training" -Dspring.context.exit=onRefresh "$@" >&2 && [ -f "$training" ]; then
    mv -f "$training" "$cache"
  else
    echo "jwt-idp-bridge: AOT cache training failed; starting without it" >&2
    rm -f "$training"
  fi
fi
if [ -f "$cache" ]; then
  touch "$cache" 2>/dev/null || true # in use: kept by the clean-up above
  exec "$java" -XX:AOTCache="$cache" "$@"
fi
exec "$java" "$@"
