#!/usr/bin/env bash
# Builds the project (tests skipped) and runs the whole pipeline on this machine: Kafka (KRaft), PostgreSQL with
# logical decoding, the Google Calendar stand-in, deletion-api, deletion-worker and reconciler, plus demo data.
# Options are passed on, e.g. ./local-stack.sh --data-dir=/tmp/stack --partitions=3 (see README, "Local stack").
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
# the launcher hosts Kafka and the stand-in; without a cap its heap grows to a quarter of the machine
exec java -Xmx512m -jar local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar --home="$PWD" "$@"
