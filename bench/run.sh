#!/usr/bin/env bash
# Issue 7: what users feel, measured on this machine, printed as a Markdown results section.
#
#   bench/run.sh > results.md         (progress on stderr; ~11 minutes on 2 cores)
#
# 1. Added latency and throughput: the same confirm call (AdminGetUser + AdminConfirmSignUp)
#    made directly with the AWS SDK and through the service (JWT, audit on PostgreSQL), against
#    the same Cognito stand-in, at 1, 16 and 64 callers, in one run; a JFR profile of the
#    service at 1 and 16 callers. The setup (every run) also measures the floor the contract
#    sets on the added latency: two durable PostgreSQL commits around one bare HTTP round trip.
# 2. Support-staff anchor: 1,000 users with an `aws cognito-idp admin-confirm-sign-up` loop
#    (a few calls measured, extrapolated) versus the batch endpoint under a 50/s budget.
# 3. Start-up to readiness and RSS after a load run: fat jar, extracted layers, extracted +
#    AOT cache on JDK 25 (.ci/start-path extracts and trains the cache the Dockerfile's way).
# 4. How cost grows: confirm and audit-query latency and memory at 10k, 100k and 1M audit rows.
# 5. Confirmation jobs (BENCH_PARTS=jobs, not in the default list): CSV jobs on two replicas,
#    items/s against the jobs' budget, RSS at 1k/10k/100k items, getConfirmationJob latency
#    while they run, and the lanes' takeover after one replica is SIGKILLed.
#
# It builds the jar and the test classpath of the repository it lives in (./mvnw), compiles the
# driver in bench/src with JDK 25, and runs everything on the loopback interface with bounded
# durations. The service runs as `java -jar` on JDK 25 with the image's JAVA_TOOL_OPTIONS and a
# 1 GiB -XX:MaxRAM (the chart's limit), INFO logging in ECS JSON as the chart sets.
#
# Requirements: JDK 25 (BENCH_JAVA_HOME), PostgreSQL (BENCH_PG_URL, trust or password-less
# user BENCH_PG_USER; the bench creates and drops schema BENCH_SCHEMA), the AWS CLI v2
# (BENCH_CLI), python3 (for .ci/start-path).
#
# Environment (defaults in brackets):
#   BENCH_JAVA_HOME     JDK 25 for the service, the driver and the start-up part
#                       [/usr/lib/jvm/temurin-25-jdk-amd64]
#   BENCH_PG_URL        [jdbc:postgresql://127.0.0.1:5432/test]   BENCH_PG_USER [postgres]
#   BENCH_SCHEMA        [bench_confirm]  (dropped before and after; BENCH_KEEP_SCHEMA=1 keeps it)
#   BENCH_STAND_IN      stand-ins for part 1, in order [wiremock,jdk]: the first is the reference
#                       of the issue's targets, the service stays up and warm while the stand-in
#                       behind its Cognito endpoint is swapped on the same port
#   BENCH_LEVELS        callers [1,16,64]     BENCH_ROUNDS   direct/service pairs per level [2]
#                       (BENCH_ROUNDS_OTHER [1] for the second stand-in)
#   BENCH_SECONDS       measured seconds per segment [5]
#   BENCH_WARMUP_MIN/MAX  warm-up bounds in seconds; it ends when the JIT threads use < 5% of
#                       the service's CPU [40/120]
#   BENCH_PROFILE       0 skips the JFR profile [1]
#   BENCH_CLI           AWS CLI [/usr/bin/aws]   BENCH_CLI_CALLS [30]   BENCH_USERS [1000]
#   BENCH_BUDGET        the batch part's confirm budget per second [50]
#   BENCH_START_RUNS    starts per layout [3]
#   BENCH_GROWTH        audit table sizes [10000,100000,1000000]
#   BENCH_PARTS         [latency,growth,anchor,startup]; "ab" compares variants (see AbPart.java);
#                       "jobs" runs CSV confirmation jobs on two replicas (see JobsPart.java)
#   BENCH_JOB_SIZES     the jobs part's job sizes, one job each [1000,10000,100000]; the second
#                       replica is SIGKILLed when BENCH_JOB_KILL_AT [0.5] of the last one is done
#   BENCH_JOB_BUDGET    its confirm.cognito.max-requests-per-second; unset: measured first with a
#                       BENCH_JOB_CALIBRATION-item job [4000] at 10000/s, then 70% of what it did
#                       (up to all of it if the largest job would take over BENCH_JOB_MAX_SECONDS [600])
#   BENCH_JOB_HEARTBEAT / BENCH_JOB_MISSED_HEARTBEATS  the replicas' scheduler heartbeat [2s / 4]
#   BENCH_SKIP_BUILD    1: use the existing target/ jar and BENCH_WORK/cp.txt
#   BENCH_WORK          work directory (logs, JFR recordings) [a new /tmp/confirm-bench.*]
#   BENCH_SERVICE_ENV   extra service environment, K=V,K=V (experiments)
#   BENCH_JVM_EXTRA     JVM options added to the image's JAVA_TOOL_OPTIONS (experiments)
#   BENCH_MEMORY_DETAIL 1: after the start-up part's load, /proc status, heap and NMT summary to files
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK="${BENCH_JAVA_HOME:-${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}}"
WORK="${BENCH_WORK:-$(mktemp -d /tmp/confirm-bench.XXXXXX)}"
JAR="$ROOT/target/cognito-confirm-service-0.1.0-SNAPSHOT.jar"
T0=$(date +%s)
mkdir -p "$WORK"
log() { echo "[bench $(date +%T)] $*" >&2; }

[[ -x "$JDK/bin/java" && -x "$JDK/bin/javac" ]] || { echo "FAIL: no JDK at $JDK (BENCH_JAVA_HOME)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "FAIL: python3 is required by .ci/start-path" >&2; exit 1; }

cd "$ROOT"
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  log "building the jar and the test classpath"
  ./mvnw -B -q -DskipTests package >&2
  ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >&2
fi
[[ -f "$JAR" && -s "$WORK/cp.txt" ]] || { echo "FAIL: no $JAR or $WORK/cp.txt" >&2; exit 1; }
CP="$(cat "$WORK/cp.txt")"

log "compiling the driver (bench/src)"
rm -rf "$WORK/classes"
"$JDK/bin/javac" --release 17 -nowarn -encoding UTF-8 -cp "$CP" -d "$WORK/classes" \
  $(find "$ROOT/bench/src" -name '*.java')

# .ci/start-path extracts the layers and trains the AOT cache as the Dockerfile does, and times
# one start per layout against this machine's PostgreSQL (START_PATH_APP_ENV, schema
# ${BENCH_SCHEMA}_sp); the driver then starts each layout again BENCH_START_RUNS times with the full
# bench environment and loads it, for the RSS after a load run.
START_DIR=""
START_ENTRY=""
START_WORKDIR="/application"
START_TOOL_OPTIONS=""
if [[ ",${BENCH_PARTS:-latency,growth,anchor,startup}," == *,startup,* ]]; then
  log "running .ci/start-path (extract, AOT training, one start per layout)"
  PG_URL="${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
  SP_SCHEMA="${BENCH_SCHEMA:-bench_confirm}_sp"
  if START_PATH_KEEP=1 START_PATH_JAVA_HOME="$JDK" START_PATH_RUNS=1 START_PATH_TIMEOUT=90 \
      START_PATH_APP_ENV="SPRING_DATASOURCE_URL=$PG_URL?currentSchema=$SP_SCHEMA SPRING_DATASOURCE_USERNAME=${BENCH_PG_USER:-postgres} SPRING_FLYWAY_ENABLED=true SPRING_FLYWAY_DEFAULT_SCHEMA=$SP_SCHEMA" \
      bash "$ROOT/.ci/start-path" "$JAR" >"$WORK/start-path.txt" 2>&1; then
    START_PATH_OK=1
  else
    START_PATH_OK=0
    log "start-path failed; see $WORK/start-path.txt"
  fi
  START_DIR="$(sed -n 's/^work directory: //p' "$WORK/start-path.txt")"
  START_TOOL_OPTIONS="$(sed -n 's/^JAVA_TOOL_OPTIONS: *//p' "$WORK/start-path.txt")"
  entry_line="$(sed -n 's/^ENTRYPOINT: *java //p' "$WORK/start-path.txt")"
  START_ENTRY="${entry_line% (in *}"
  START_WORKDIR="$(sed -n 's/^ENTRYPOINT: .*(in \(.*\))$/\1/p' "$WORK/start-path.txt")"
  [[ -d "$START_DIR/image$START_WORKDIR" ]] || log "no extracted image in '$START_DIR'; the start-up part will be skipped"
  trap '[[ -n "$START_DIR" && -d "$START_DIR" ]] && rm -rf "$START_DIR"' EXIT
fi

log "running the driver; logs and recordings in $WORK"
set +e
env BENCH_WORK="$WORK" BENCH_JAR="$JAR" BENCH_JAVA_HOME="$JDK" \
  BENCH_START_DIR="$START_DIR" BENCH_START_ENTRY="$START_ENTRY" BENCH_START_WORKDIR="$START_WORKDIR" \
  ${START_TOOL_OPTIONS:+BENCH_TOOL_OPTIONS="$START_TOOL_OPTIONS"} \
  "$JDK/bin/java" -Xmx1g -Dsun.net.httpserver.nodelay=true -cp "$WORK/classes:$CP" confirmbench.Main \
  >"$WORK/results.md"
status=$?
set -e

echo "## Benchmark results ($(date -u +%Y-%m-%d), \`bench/run.sh\`, commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src pom.xml 2>/dev/null || echo ' + local changes'))"
echo
cat "$WORK/results.md"
if [[ -f "$WORK/start-path.txt" ]]; then
  echo
  echo "#### .ci/start-path as is (1 start per layout, the Dockerfile's placeholder environment plus this machine's PostgreSQL, no load)"
  echo
  echo '```'
  sed -n '/^== summary/,$p' "$WORK/start-path.txt"
  [[ "${START_PATH_OK:-1}" == 1 ]] || tail -5 "$WORK/start-path.txt"
  echo '```'
fi
echo
echo "_bench/run.sh took $(( ($(date +%s) - T0) / 60 )) min $(( ($(date +%s) - T0) % 60 )) s; logs and JFR recordings in \`$WORK\`._"
exit $status
