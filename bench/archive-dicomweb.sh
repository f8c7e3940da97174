#!/usr/bin/env bash
# Archive DICOMweb (issue 7): QIDO-RS study search latency over an index of a million generated
# instances, and WADO-RS instance retrieval against Orthanc's REST retrieval of the same instances,
# in one run. Servers: the local stack (LocalStackMain: Kafka, S3Proxy, PostgreSQL) and the archive
# as it ships (quarkus-run.jar, a process of its own, HTTP Basic against a user file), then Orthanc.
#   1. generate: BENCH_INSTANCES instance rows (10 per study in 2-3 series, two studies per patient
#      on average, CR/DX/MG/CT, three years of study dates, names from a list with a realistic skew,
#      a ~1.5 KB header each) written by PostgreSQL itself into the index after the archive has
#      migrated its schema; VACUUM ANALYZE after (services/archive/src/test/.../bench/IndexRows).
#   2. qido: a fixed mix of the study searches a viewer makes (PatientID; PatientName SMITH* or
#      SMI*; a month of StudyDate; AccessionNumber; ModalitiesInStudy with a month; the 25 newest),
#      BENCH_QIDO_REQUESTS of them after BENCH_QIDO_WARM, BENCH_QIDO_CONCURRENCY at a time, from a
#      java.net.http client with HTTP Basic: p50/p95/p99 per search and overall, and issue 7's
#      target (p95 under 50 ms) as PASS or FAIL, reported, never asserted.
#   3. store: BENCH_WADO_COUNT radiographs (ClinicalRadiographs, BENCH_WADO_SIZE square, 16 bit,
#      Part 10 files) into the archive as the pipeline puts them there (object into S3 under
#      ingest's key, dicom.instance.received.v1 on Kafka, indexed by the archive's consumer) and
#      into Orthanc (Debian's, REST POST /instances, HTTP Basic, storage uncompressed).
#   4. retrieve: every instance from each, the same client and streams (BENCH_WADO_STREAMS):
#      archive GET /dicomweb/studies/{s}/series/{se}/instances/{i} (multipart/related) against
#      Orthanc GET /instances/{id}/file, each object compared byte for byte with its file; after a
#      warm-up pass of both, BENCH_WADO_ROUNDS rounds alternating who goes first, the best counts:
#      images/s, MB/s (object bytes), p50/p95/p99 per request and the ratio Roentgen/Orthanc.
# Beside the wall times, the CPU each serving process used per search and per retrieved image (from
# /proc), which a loaded machine distorts less than it distorts latencies.
#
# Run on demand from the repository root (never part of `mvn verify`):
#   bench/archive-dicomweb.sh
# Every server listens on a free port of 127.0.0.1, so it takes no lock on /tmp/roentgen-ports.lock
# and runs beside the local stack and the tests. About 5-6 minutes on the loaded 2-core development
# VM with the defaults (the generation 2-2.5 of them); 4 GB in BENCH_DIR (it asks for 5.5 GB free).
# Environment (defaults in brackets):
#   BENCH_INSTANCES [1000000]       generated instance rows (studies: a tenth, patients: a twentieth)
#   BENCH_QIDO_REQUESTS [2000]      timed searches
#   BENCH_QIDO_WARM [600]           searches before (JIT, connection pool, caches)
#   BENCH_QIDO_CONCURRENCY [4]      searches in flight at once
#   BENCH_QIDO_TARGET_MS [50]       the p95 target
#   BENCH_WADO_COUNT [200]          instances retrieved from each system
#   BENCH_WADO_SIZE [1024]          their rows and columns (16 bit: 1024 makes 2.1 MB files)
#   BENCH_WADO_STREAMS ["1 4"]      requests in flight at once, one pass per value
#   BENCH_WADO_ROUNDS [2]           passes per value and system; the best counts
#   BENCH_ARCHIVE_OPTS [-Xmx1g]     JVM options of the archive
#   BENCH_DIR                       parent of the temporary folder [${TMPDIR:-/tmp}]; deleted at exit
#   BENCH_KEEP [0]                  1: keep the temporary folder (logs, database, files)
#   ROENTGEN_POSTGRES_PASSWORD      PostgreSQL's password [roentgen-local, the local stack's]
#   ORTHANC [/usr/sbin/Orthanc]
# Exit status: 0 done (whether or not the target is met), 1 a step or server failed (a wrong or
# missing answer included), 2 missing tools or disk space.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

instances=${BENCH_INSTANCES:-1000000}
qido_requests=${BENCH_QIDO_REQUESTS:-2000}
qido_warm=${BENCH_QIDO_WARM:-600}
qido_concurrency=${BENCH_QIDO_CONCURRENCY:-4}
qido_target=${BENCH_QIDO_TARGET_MS:-50}
wado_count=${BENCH_WADO_COUNT:-200}
wado_size=${BENCH_WADO_SIZE:-1024}
wado_streams=${BENCH_WADO_STREAMS:-1 4}
wado_rounds=${BENCH_WADO_ROUNDS:-2}
archive_opts=${BENCH_ARCHIVE_OPTS:--Xmx1g}
keep=${BENCH_KEEP:-0}
orthanc=${ORTHANC:-/usr/sbin/Orthanc}

for tool in java python3 curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    case $tool in
      java) hint="a JDK 17" ;;
      *) hint="apt-get install $tool" ;;
    esac
    echo "archive-dicomweb: $tool not found ($hint)" >&2
    exit 2
  fi
done
if [ ! -x "$orthanc" ]; then
  echo "archive-dicomweb: $orthanc not found (apt-get install orthanc, or set ORTHANC)" >&2
  exit 2
fi

# ---- the jars and the test class path --------------------------------------------------------
version=0.1.0-SNAPSHOT
module=services/archive
jar=$module/target/quarkus-app/quarkus-run.jar
classpath_file=$module/target/bench-test.classpath
driver=$module/target/test-classes/org/roentgen/archive/bench/ArchiveBench.class
stack_cp=libs/stack/target/roentgen-stack-$version.jar
stack_cp+=:libs/stack-runtime/kafka/target/roentgen-stack-runtime-kafka-$version.jar
stack_cp+=:libs/stack-runtime/s3proxy/target/roentgen-stack-runtime-s3proxy-$version.jar
stack_cp+=:libs/stack-runtime/postgres/target/roentgen-stack-runtime-postgres-$version.jar
missing=""
for f in "$jar" "$driver" "$classpath_file" ${stack_cp//:/ }; do
  [ -f "$f" ] || missing="$missing $f"
done
if [ -f "$classpath_file" ] && [ "$module/pom.xml" -nt "$classpath_file" ]; then
  missing="$missing $classpath_file(older than the POM)"
fi
if [ -n "$missing" ]; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "archive-dicomweb: mvn not found to build$missing" >&2
    exit 2
  fi
  echo "archive-dicomweb: building $module and its test class path (missing:$missing)..." >&2
  # One reactor run: the sibling modules resolve to this checkout's jars, not to ~/.m2.
  mvn -q -B -ntp -o -DskipTests -Dspotless.check.skip=true install dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-test.classpath -pl "$module" -am >&2
fi
cp="$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")"

# ---- disk and the temporary folder -----------------------------------------------------------
# The index: about 2.3 KB per instance with its indexes, and as much WAL again at most 1 GB (max_wal_size);
# the set three times (files, S3, Orthanc's storage); 20% to spare.
need=$(((instances * 2300 + 1000000000 + 3 * wado_count * (wado_size * wado_size * 2 + 8192)) * 12 / 10))
parent=${BENCH_DIR:-${TMPDIR:-/tmp}}
avail=$(($(df --output=avail -k "$parent" | tail -1) * 1024))
if [ "$avail" -lt "$need" ]; then
  echo "archive-dicomweb: $((need / 1000000)) MB needed in $parent, $((avail / 1000000)) MB free" >&2
  exit 2
fi
work=$(mktemp -d "$parent/roentgen-archive-bench.XXXXXX")
# Under root the stack's PostgreSQL runs as nobody, who must pass through to $work/stack/postgres.
chmod o+x "$work"
mkdir -p "$work/logs"
stack_pid=""
archive_pid=""
orthanc_pid=""
driver_pid=""

# Stops one process started here (SIGTERM, then waits for its graceful end).
stop_pid() {
  if [ -n "$1" ]; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}

cleanup() {
  trap '' INT TERM
  stop_pid "$driver_pid"
  stop_pid "$orthanc_pid"
  stop_pid "$archive_pid"
  # LocalStackMain stops Kafka, S3Proxy and PostgreSQL on SIGTERM and waits for them.
  stop_pid "$stack_pid"
  if [ "$keep" = 1 ]; then
    echo "archive-dicomweb: kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "archive-dicomweb: $*" >&2
  exit 1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

# Every descendant of a process, one pid a line.
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

# The serving processes as NAME=PID for the Java steps' CPU accounting (ProcCpu): the archive,
# PostgreSQL's postmaster (its backends count with it), S3Proxy, Kafka and, once started, Orthanc.
serving_pids() {
  local pid args parent
  printf 'archive=%s' "$archive_pid"
  for pid in $(descendants "$stack_pid"); do
    args=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
    case $args in
      *s3proxy.properties*) printf ' s3proxy=%s' "$pid" ;;
      *server.properties*) printf ' kafka=%s' "$pid" ;;
    esac
    parent=$(ps -o ppid= -p "$pid" 2>/dev/null | tr -d ' ')
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ] \
      && [ "$(cat "/proc/$parent/comm" 2>/dev/null)" != postgres ]; then
      printf ' postgres=%s' "$pid"
    fi
  done
  if [ -n "$orthanc_pid" ]; then
    printf ' orthanc=%s' "$orthanc_pid"
  fi
}

# The bench's Java steps (ArchiveBench in the archive's test classes); output to the terminal.
bench_step() {
  local status=0
  # shellcheck disable=SC2086
  java -Xmx2g -Dbench.work="$work" -Dbench.jdbc-url="$jdbc_url" \
    -Dbench.archive-url="http://127.0.0.1:$archive_http" -Dbench.orthanc-url="${orthanc_url:-}" \
    -Dbench.kafka="$kafka_bootstrap" -Dbench.s3-endpoint="$s3_endpoint" \
    -Dbench.instances="$instances" -Dbench.qido-requests="$qido_requests" \
    -Dbench.qido-warm="$qido_warm" -Dbench.qido-concurrency="$qido_concurrency" \
    -Dbench.qido-target-ms="$qido_target" -Dbench.wado-count="$wado_count" \
    -Dbench.wado-size="$wado_size" -Dbench.wado-streams="$wado_streams" \
    -Dbench.wado-rounds="$wado_rounds" -Dbench.pids="$(serving_pids)" \
    -Dbench.clk-tck="$(getconf CLK_TCK)" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "$cp" org.roentgen.archive.bench.ArchiveBench "$@" 2>"$work/logs/bench-$1.err" &
  driver_pid=$!
  wait "$driver_pid" || status=$?
  driver_pid=""
  return "$status"
}

step_failed() {
  tail -30 "$work/logs/bench-$1.err" >&2
  echo "-- archive log:" >&2
  tail -20 "$work/logs/archive.log" >&2 || true
  fail "the $1 step failed"
}

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1), $("$orthanc" --version | head -1)"
echo "   load average at start: $(load); other JVM tests running: $(pgrep -fc surefire || true)"

# ---- the local stack ---------------------------------------------------------------------------
echo "== starting the local stack (Kafka, S3Proxy, PostgreSQL) on free ports"
ports=("$(free_port)" "$(free_port)" "$(free_port)" "$(free_port)")
: >"$work/logs/stack.out"
java -Xmx128m -cp "$stack_cp" org.roentgen.stack.LocalStackMain --data "$work/stack" \
  --kafka-port "${ports[0]}" --kafka-controller-port "${ports[1]}" --s3-port "${ports[2]}" \
  --postgres-port "${ports[3]}" >"$work/logs/stack.out" 2>"$work/logs/stack.err" &
stack_pid=$!
for _ in $(seq 900); do
  grep -q '^POSTGRES_JDBC_URL=' "$work/logs/stack.out" && break
  kill -0 "$stack_pid" 2>/dev/null || break
  sleep 0.2
done
grep -q '^POSTGRES_JDBC_URL=' "$work/logs/stack.out" || {
  tail -20 "$work/logs/stack.err" >&2
  fail "the local stack did not come up"
}
kafka_bootstrap=$(sed -n 's/^KAFKA_BOOTSTRAP_SERVERS=//p' "$work/logs/stack.out")
s3_endpoint=$(sed -n 's/^S3_ENDPOINT=//p' "$work/logs/stack.out")
jdbc_url=$(sed -n 's/^POSTGRES_JDBC_URL=//p' "$work/logs/stack.out")
echo "   Kafka $kafka_bootstrap, S3 $s3_endpoint, PostgreSQL $jdbc_url"

# ---- the archive -------------------------------------------------------------------------------
# One viewer; its password lives in this shell's environment and the user file's hash only.
BENCH_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
export BENCH_PASSWORD
archive_http=$(free_port)
bench_step users "$work/users" bench || step_failed users
echo "== starting the archive ($jar, $archive_opts, HTTP 127.0.0.1:$archive_http)"
# The credential cache outlasts the run: one PBKDF2 check (600,000 iterations, ~0.5 s here) per
# user every 5 minutes is not what this measures, and would land in one timed pass or another.
# shellcheck disable=SC2086
java $archive_opts -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$archive_http" \
  -Dquarkus.datasource.jdbc.url="$jdbc_url" -Dquarkus.datasource.username=roentgen \
  -Dquarkus.datasource.password="${ROENTGEN_POSTGRES_PASSWORD:-roentgen-local}" \
  -Darchive.kafka.bootstrap-servers="$kafka_bootstrap" -Darchive.s3.endpoint="$s3_endpoint" \
  -Darchive.auth.users-file="$work/users" -Darchive.auth.credential-cache=1h \
  -jar "$jar" >"$work/logs/archive.log" 2>&1 &
archive_pid=$!
for _ in $(seq 600); do
  if curl -sf --max-time 5 "http://127.0.0.1:$archive_http/q/health/ready" 2>/dev/null | grep -q '"UP"'; then
    break
  fi
  kill -0 "$archive_pid" 2>/dev/null || { tail -20 "$work/logs/archive.log" >&2; fail "the archive ended during start-up"; }
  sleep 0.2
done
curl -sf --max-time 5 "http://127.0.0.1:$archive_http/q/health/ready" >/dev/null \
  || { tail -20 "$work/logs/archive.log" >&2; fail "the archive is not ready after 2 minutes"; }
grep -o 'Successfully applied [0-9]* migrations.*\|Schema .* is up to date.*' "$work/logs/archive.log" \
  | head -1 | sed 's/^/   Flyway: /' || true

# ---- 1. the generated index --------------------------------------------------------------------
echo "== 1. generating $instances instance rows in the archive's index (load average $(load))"
start=$SECONDS
bench_step generate || step_failed generate
echo "   $((SECONDS - start)) s"

# ---- 2. QIDO-RS --------------------------------------------------------------------------------
echo "== 2. QIDO-RS study searches (load average $(load))"
qido_status=0
bench_step qido || qido_status=$?
[ "$qido_status" -eq 0 ] || [ "$qido_status" -eq 3 ] || step_failed qido

# ---- 3. the set in both systems ----------------------------------------------------------------
orthanc_http=$(free_port)
mkdir -p "$work/orthanc/storage" "$work/orthanc/index"
cat >"$work/orthanc/orthanc.json" <<EOF
{
  "Name": "BENCH",
  "StorageDirectory": "$work/orthanc/storage",
  "IndexDirectory": "$work/orthanc/index",
  "StorageCompression": false,
  "HttpPort": $orthanc_http,
  "DicomServerEnabled": false,
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": true,
  "RegisteredUsers": { "bench": "$BENCH_PASSWORD" },
  "OrthancExplorerEnabled": false,
  "WebDavEnabled": false,
  "SaveJobs": false,
  "Plugins": []
}
EOF
chmod 600 "$work/orthanc/orthanc.json"
"$orthanc" --logfile="$work/logs/orthanc.log" "$work/orthanc/orthanc.json" >"$work/logs/orthanc.out" 2>&1 &
orthanc_pid=$!
orthanc_url="http://127.0.0.1:$orthanc_http"
for _ in $(seq 300); do
  curl -sf --max-time 2 -u "bench:$BENCH_PASSWORD" "$orthanc_url/system" >/dev/null 2>&1 && break
  kill -0 "$orthanc_pid" 2>/dev/null || { tail -20 "$work/logs/orthanc.log" >&2; fail "Orthanc ended during start-up"; }
  sleep 0.1
done
curl -sf --max-time 2 -u "bench:$BENCH_PASSWORD" "$orthanc_url/system" >/dev/null \
  || fail "Orthanc does not answer GET /system"
echo "== 3. $wado_count radiographs of ${wado_size}x${wado_size} into the archive (S3 + Kafka) and Orthanc (REST)"
bench_step store || step_failed store

# ---- 4. WADO-RS against Orthanc ----------------------------------------------------------------
echo "== 4. retrieval: archive WADO-RS against Orthanc GET /instances/{id}/file (load average $(load))"
bench_step retrieve || step_failed retrieve
echo "== load average at the end: $(load)"
if grep -q OutOfMemoryError "$work/logs/archive.log"; then
  fail "the archive ran out of heap ($archive_opts)"
fi
