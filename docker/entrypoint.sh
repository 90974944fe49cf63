#!/bin/sh
# Starts the bridge from its extracted jar (the image's /app). On JDK 25 or later the first start
# also trains a JVM AOT cache (JEP 483/514/515) into JWTBRIDGE_AOT_DIR (default /app/aot; mount a
# volume there to keep it): that start runs the application up to its refresh against the database
# (migrations, signing key), exits, and writes the cache; the bridge then starts with it, and so
# does every later start with the same jar and JDK (ready in about 5 s instead of 12 on 2 vCPUs,
# docs/performance.md). A failed or impossible training only costs the cache: the bridge starts
# without it. JWTBRIDGE_AOT=false turns it off. Arguments go to the bridge.
set -eu

app_dir=${JWTBRIDGE_APP_DIR:-/app}
aot_dir=${JWTBRIDGE_AOT_DIR:-$app_dir/aot}
java=${JAVA:-java}
jar="$app_dir/app.jar"
# shellcheck disable=SC2086
set -- ${JAVA_OPTS:--XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError} -jar "$jar" "$@"

java_major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${JWTBRIDGE_AOT:-true}" != "true" ] || [ "${java_major:-0}" -lt 25 ] 2>/dev/null; then
  exec "$java" "$@"
fi

# One cache per jar and JDK: a new image never uses an old image's cache.
key=$( (cat "$jar"; "$java" -version 2>&1) | sha256sum | cut -c1-16)
cache="$aot_dir/bridge-$key.aot"
if [ ! -f "$cache" ] && mkdir -p "$aot_dir" 2>/dev/null && [ -w "$aot_dir" ]; then
  echo "jwt-idp-bridge: first start with this jar and JDK, training the AOT cache $cache" >&2
  # Replicas may share the volume and all run as PID 1: name the training by the host too.
  training="$aot_dir/training-$(cat /proc/sys/kernel/hostname 2>/dev/null || echo host)-$$.aot"
  if "$java" -XX:AOTCacheOutput="$training" -Dspring.context.exit=onRefresh "$@" >&2 && [ -f "$training" ]; then
    mv -f "$training" "$cache"
    # Caches of other jars or JDKs are of no use to this image any more.
    for old in "$aot_dir"/bridge-*.aot; do
      [ "$old" = "$cache" ] || rm -f "$old"
    done
  else
    echo "jwt-idp-bridge: AOT cache training failed; starting without it" >&2
    rm -f "$training"
  fi
fi
if [ -f "$cache" ]; then
  exec "$java" -XX:AOTCache="$cache" "$@"
fi
exec "$java" "$@"
