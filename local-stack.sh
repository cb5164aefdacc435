#!/usr/bin/env bash
# Builds the project (tests skipped) and runs the whole pipeline on this machine: Kafka (KRaft), PostgreSQL with
# logical decoding, the Google Calendar stand-in, deletion-api, deletion-worker and reconciler, plus demo data.
# Options are passed on, e.g. ./local-stack.sh --data-dir=/tmp/stack --partitions=3 (see README, "Local stack").
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
# the launcher hosts Kafka and the stand-in: without -Xms/-Xmx the JVM sizes its heap from the machine (a 64th up
# front, up to a quarter); the serial collector and few malloc arenas keep its footprint small (services get the same)
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec java -Xms64m -Xmx384m -XX:MaxNewSize=48m -XX:+UseSerialGC -jar local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar --home="$PWD" "$@"
