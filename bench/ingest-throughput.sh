#!/usr/bin/env bash
# Ingest throughput (issue 3): the same synthetic radiographs, sent by DCMTK storescu, into
# (a) DCMTK storescp writing to disk, (b) Orthanc (Debian package, default SQLite index) and
# (c) Roentgen ingest on the local stack (Kafka and S3Proxy from LocalStackMain) in each
# acknowledgement policy, durable and spool; with 1 and with 4 concurrent senders. Prints images/s,
# MB/s and the p50/p99 C-STORE latency seen by the senders per peer, the ratios c/a and c/b,
# ingest's peak heap, and issue 3's targets as met or not met (reported, never asserted).
#
# Run on demand from the repository root (never part of `mvn verify`):
#   bench/ingest-throughput.sh
# Environment (defaults in brackets):
#   BENCH_BIG_COUNT [80] BENCH_BIG_SIZE [2048]       the large set: COUNT images of SIZE x SIZE x 16 bit
#   BENCH_SMALL_COUNT [800] BENCH_SMALL_SIZE [512]   the small set
#   BENCH_WARM_COUNT [100]  small images (and 4 large ones) sent to each ingest after its start and
#                           removed before timing (JIT warm-up; storescp and Orthanc are native)
#   BENCH_SENDERS ["1 4"]   concurrent storescu processes; N > 1 splits the set into N folders of
#                           hard links, one per process, all started at once
#   BENCH_RUNS [1]          transfers per peer, set and sender count; the best run counts
#   BENCH_DIR               parent of the temporary folder [${TMPDIR:-/tmp}]; it is deleted at exit
#   BENCH_PDU [131072]      DCMTK's -pdu on every DCMTK side (storescu, storescp, Orthanc)
#   BENCH_STORESCP_OPTS [+B] extra storescp options (+B: bit-preserving, PDVs straight to file,
#                           like ingest, which stores the bytes as sent; also storescp's fastest mode)
#   BENCH_PEERS ["storescp orthanc durable spool"]  the peers to measure (ratios need a, b and c)
#   BENCH_INGEST_OPTS []    extra JVM options of ingest, e.g. -Dingest.s3.part-size=16777216
#   ORTHANC [/usr/sbin/Orthanc]
# Every DCMTK-based peer runs with TCP_NODELAY=1 and the largest PDU: without them DCMTK leaves
# Nagle's algorithm on and stalls near 20 images/s, which would flatter ingest.
# Exit status: 0 done (whether or not the targets are met), 1 a peer lost or refused images or a
# server failed, 2 missing tools or disk space.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

big_count=${BENCH_BIG_COUNT:-80}
big_size=${BENCH_BIG_SIZE:-2048}
small_count=${BENCH_SMALL_COUNT:-800}
small_size=${BENCH_SMALL_SIZE:-512}
warm_count=${BENCH_WARM_COUNT:-100}
senders=${BENCH_SENDERS:-1 4}
runs=${BENCH_RUNS:-1}
pdu=${BENCH_PDU:-131072}
storescp_opts=${BENCH_STORESCP_OPTS:-+B}
orthanc=${ORTHANC:-/usr/sbin/Orthanc}
peers=${BENCH_PEERS:-storescp orthanc durable spool}
ingest_opts=${BENCH_INGEST_OPTS:-}
for peer in $peers; do
  case $peer in
    storescp | orthanc | durable | spool) ;;
    *)
      echo "ingest-throughput: unknown peer $peer in BENCH_PEERS (storescp orthanc durable spool)" >&2
      exit 2
      ;;
  esac
done
heap_limit_mib=512

for tool in storescu storescp echoscu java python3 curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    case $tool in
      *scu | *scp) hint="apt-get install dcmtk" ;;
      java) hint="a JDK 17" ;;
      *) hint="apt-get install $tool" ;;
    esac
    echo "ingest-throughput: $tool not found ($hint)" >&2
    exit 2
  fi
done
if [ ! -x "$orthanc" ]; then
  echo "ingest-throughput: $orthanc not found (apt-get install orthanc, or set ORTHANC)" >&2
  exit 2
fi

version=0.1.0-SNAPSHOT
tools_jar=libs/dicom/tools/target/dicom.jar
testkit_jar=libs/dicom/testkit/target/roentgen-dicom-testkit-$version.jar
stack_cp=libs/stack/target/roentgen-stack-$version.jar
stack_cp+=:libs/stack-runtime/kafka/target/roentgen-stack-runtime-kafka-$version.jar
stack_cp+=:libs/stack-runtime/s3proxy/target/roentgen-stack-runtime-s3proxy-$version.jar
stack_cp+=:libs/stack-runtime/postgres/target/roentgen-stack-runtime-postgres-$version.jar
ingest_jar=services/ingest/target/quarkus-app/quarkus-run.jar
missing=""
for jar in "$tools_jar" "$testkit_jar" ${stack_cp//:/ } "$ingest_jar"; do
  [ -f "$jar" ] || missing="$missing $jar"
done
if [ -n "$missing" ]; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "ingest-throughput: mvn not found to build$missing" >&2
    exit 2
  fi
  echo "ingest-throughput: building the jars (missing:$missing)..." >&2
  mvn -q -B -ntp -DskipTests -Dspotless.check.skip=true install \
    -pl libs/stack,services/ingest,libs/dicom/testkit,libs/dicom/tools -am >&2
fi
cp="$testkit_jar:$tools_jar"

# Room for both sets, the warm-up set and two received copies of the larger set (ingest's spool and
# its bucket hold one each while the spool drains), with 10% to spare.
big_bytes=$(( big_count * (big_size * big_size * 2 + 4096) ))
small_bytes=$(( small_count * (small_size * small_size * 2 + 4096) ))
largest=$(( big_bytes > small_bytes ? big_bytes : small_bytes ))
warm_bytes=$(( warm_count * (small_size * small_size * 2 + 4096) + 4 * (big_size * big_size * 2 + 4096) ))
need=$(( (big_bytes + small_bytes + warm_bytes + 2 * largest) * 11 / 10 ))
parent=${BENCH_DIR:-${TMPDIR:-/tmp}}
echo "== disk ($parent)"
df -h "$parent"
avail=$(( $(df --output=avail -k "$parent" | tail -1) * 1024 ))
if [ "$avail" -lt "$need" ]; then
  echo "ingest-throughput: $((need / 1000000)) MB needed in $parent, $((avail / 1000000)) MB free" >&2
  exit 2
fi

work=$(mktemp -d "$parent/roentgen-ingest-bench.XXXXXX")
# Under root the stack's PostgreSQL runs as nobody, who must pass through to $work/stack/postgres.
chmod o+x "$work"
mkdir -p "$work/logs"
receiver=""  # storescp or Orthanc
ingest=""
stack=""
poller=""
sender_pids=()

# Stops one process started here (SIGTERM, then waits for its graceful end).
stop_pid() {
  if [ -n "$1" ]; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}

cleanup() {
  local pid
  for pid in "${sender_pids[@]}"; do
    stop_pid "$pid"
  done
  stop_pid "$poller"
  stop_pid "$receiver"
  stop_pid "$ingest"
  stop_pid "$stack"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "ingest-throughput: $*" >&2
  exit 1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

now_ns() { date +%s%N; }

load() { cut -d' ' -f1-3 /proc/loadavg; }

# Waits until a C-ECHO to AET at 127.0.0.1:PORT succeeds while process PID runs; LOG on failure.
await_echo() {
  local aet=$1 port=$2 pid=$3 log=$4
  for _ in $(seq 300); do
    if echoscu -to 2 -aec "$aet" 127.0.0.1 "$port" >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  tail -20 "$log" >&2 || true
  fail "no C-ECHO answer from $aet on port $port"
}

# storescu logs through DCMTK's log4cplus with a timestamp of epoch seconds and fractional
# milliseconds (%Q) per line; INFO is what -v shows (-lc excludes -v).
cat >"$work/storescu-log.cfg" <<'EOF'
log4cplus.rootLogger = INFO, console
log4cplus.appender.console = log4cplus::ConsoleAppender
log4cplus.appender.console.layout = log4cplus::PatternLayout
log4cplus.appender.console.layout.ConversionPattern = %D{%s.%Q} %m%n
EOF

# Pairs each "Sending Store Request" with the next "Received Store Response" in every sender log
# (storescu has one C-STORE outstanding) and prints: successes, requests, p50 ms, p99 ms.
cat >"$work/latency.py" <<'EOF'
import math, re, sys
stamp = r"(\d+)\.(\d+)\.(\d+) "
request = re.compile(stamp + r"Sending Store Request")
response = re.compile(stamp + r"Received Store Response \((\w+)")
def ms(m):
    return int(m.group(1)) * 1000 + int(m.group(2)) + int(m.group(3)) / 1000
latencies, ok, sent = [], 0, 0
for path in sys.argv[1:]:
    started = None
    with open(path, errors="replace") as f:
        for line in f:
            m = request.search(line)
            if m:
                started, sent = ms(m), sent + 1
                continue
            m = response.search(line)
            if m:
                if started is not None:
                    latencies.append(ms(m) - started)
                    started = None
                ok += m.group(4) == "Success"
latencies.sort()
def rank(p):  # nearest rank
    return latencies[max(0, math.ceil(p * len(latencies)) - 1)] if latencies else float("nan")
print(ok, sent, "%.1f" % rank(0.50), "%.1f" % rank(0.99))
EOF

sent_ns=0
sent_p50=0
sent_p99=0
# send AET PORT SET N: N storescu processes at once, each on its share of SET; sets sent_ns (first
# start to last exit) and the latency percentiles; fails unless every image was answered Success.
send() {
  local aet=$1 port=$2 set=$3 n=$4 start end status=0 i pid ok requests expected
  local folders=("$work/sets/$set")
  if [ "$n" -gt 1 ]; then
    folders=()
    for i in $(seq 0 $((n - 1))); do
      folders+=("$work/sets/$set.$n/$i")
    done
  fi
  rm -f "$work"/logs/sender.*.log
  sender_pids=()
  start=$(now_ns)
  i=0
  for folder in "${folders[@]}"; do
    TCP_NODELAY=1 storescu -pdu "$pdu" -lc "$work/storescu-log.cfg" -aec "$aet" +sd \
      127.0.0.1 "$port" "$folder" >"$work/logs/sender.$i.log" 2>&1 &
    sender_pids+=($!)
    i=$((i + 1))
  done
  for pid in "${sender_pids[@]}"; do
    wait "$pid" || status=$?
  done
  end=$(now_ns)
  sender_pids=()
  sent_ns=$((end - start))
  expected=$(find "$work/sets/$set" -type f | wc -l)
  read -r ok requests sent_p50 sent_p99 < <(python3 "$work/latency.py" "$work"/logs/sender.*.log)
  if [ "$status" -ne 0 ] || [ "$ok" -ne "$expected" ]; then
    for log in "$work"/logs/sender.*.log; do
      grep -v '^XMIT' "$log" | tail -5 >&2
    done
    fail "$aet: $ok of $expected images of set $set answered Success ($requests sent, storescu exit $status)"
  fi
}

# record SET N PEER COUNT NANOSECONDS P50 P99 [HEAP_MIB STORE_MS ACK_MS]
record() {
  echo "$1 $2 $3 $4 $5 $6 $7 ${8:--} ${9:--} ${10:--}" >>"$work/results"
  printf '  %-5s %d sender(s) %-15s %5d images in %7.2f s  p50 %7s ms  p99 %7s ms%s\n' "$1" "$2" "$3" "$4" \
    "$(awk -v ns="$5" 'BEGIN { print ns / 1e9 }')" "$6" "$7" "${8:+  heap ${8} MiB}"
}

# ---- (a) storescp ----------------------------------------------------------------------------
# --fork: a process per association, so that 4 senders are served at once (storescp alone serves
# one association after the other).
cell_storescp() {
  local set=$1 n=$2 out="$work/received" port count
  rm -rf "$out"
  mkdir -p "$out"
  port=$(free_port)
  # shellcheck disable=SC2086
  TCP_NODELAY=1 storescp --fork -pdu "$pdu" -dhl $storescp_opts -aet BENCH -od "$out" "$port" \
    >"$work/logs/storescp.log" 2>&1 &
  receiver=$!
  await_echo BENCH "$port" "$receiver" "$work/logs/storescp.log"
  # Every run starts with no dirty pages: the previous run's writeback must not slow this one.
  sync
  send BENCH "$port" "$set" "$n"
  stop_pid "$receiver"
  receiver=""
  count=$(find "$out" -type f | wc -l)
  rm -rf "$out"
  record "$set" "$n" storescp "$count" "$sent_ns" "$sent_p50" "$sent_p99"
  check_count storescp "$set" "$count"
}

check_count() {
  local expected
  expected=$(find "$work/sets/$2" -type f | wc -l)
  [ "$3" -eq "$expected" ] || fail "$1 holds $3 of the $expected images of set $2"
}

# ---- (b) Orthanc -----------------------------------------------------------------------------
# A fresh storage and SQLite index per transfer; otherwise Orthanc's defaults, among them
# SyncStorageArea (an fsync per stored file, the default since Orthanc 1.7.4) and 4 DICOM threads.
cell_orthanc() {
  local set=$1 n=$2 dir="$work/orthanc" port http count
  rm -rf "$dir"
  mkdir -p "$dir/storage" "$dir/index"
  port=$(free_port)
  http=$(free_port)
  cat >"$dir/orthanc.json" <<EOF
{
  "Name": "BENCH",
  "StorageDirectory": "$dir/storage",
  "IndexDirectory": "$dir/index",
  "StorageCompression": false,
  "DicomAet": "BENCH",
  "DicomPort": $port,
  "HttpPort": $http,
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false,
  "DicomAlwaysAllowStore": true,
  "MaximumPduLength": $pdu,
  "Plugins": []
}
EOF
  TCP_NODELAY=1 "$orthanc" --logfile="$work/logs/orthanc.log" "$dir/orthanc.json" \
    >"$work/logs/orthanc.out" 2>&1 &
  receiver=$!
  await_echo BENCH "$port" "$receiver" "$work/logs/orthanc.log"
  sync
  send BENCH "$port" "$set" "$n"
  count=$(curl -sf --max-time 30 "http://127.0.0.1:$http/statistics" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["CountInstances"])') \
    || fail "Orthanc's /statistics did not answer"
  stop_pid "$receiver"
  receiver=""
  rm -rf "$dir"
  record "$set" "$n" orthanc "$count" "$sent_ns" "$sent_p50" "$sent_p99"
  check_count Orthanc "$set" "$count"
}

# ---- (c) ingest on the local stack -------------------------------------------------------------
start_stack() {
  local kafka s3 controller
  kafka=$(free_port)
  controller=$(free_port)
  s3=$(free_port)
  java -cp "$stack_cp" org.roentgen.stack.LocalStackMain --data "$work/stack" --kafka-port "$kafka" \
    --kafka-controller-port "$controller" --s3-port "$s3" --postgres-port "$(free_port)" \
    >"$work/logs/stack.out" 2>"$work/logs/stack.err" &
  stack=$!
  for _ in $(seq 600); do
    if grep -q '^S3_ENDPOINT=' "$work/logs/stack.out"; then
      kafka_bootstrap=$(sed -n 's/^KAFKA_BOOTSTRAP_SERVERS=//p' "$work/logs/stack.out")
      s3_endpoint=$(sed -n 's/^S3_ENDPOINT=//p' "$work/logs/stack.out")
      return 0
    fi
    kill -0 "$stack" 2>/dev/null || break
    sleep 0.2
  done
  tail -20 "$work/logs/stack.err" >&2
  fail "the local stack did not come up"
}

# The stack's two server JVMs (children of LocalStackMain): sets s3proxy_pid and kafka_pid.
stack_children() {
  local pid args
  s3proxy_pid=""
  kafka_pid=""
  for pid in $(ps -o pid= --ppid "$stack"); do
    args=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
    case $args in
      *s3proxy.properties*) s3proxy_pid=$pid ;;
      *server.properties*) kafka_pid=$pid ;;
    esac
  done
}

# CPU seconds (user + system) a running process has used so far; 0 when it is gone.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13) / hz }' \
    "/proc/$1/stat" 2>/dev/null || echo 0
}

# CPU seconds of ingest, S3Proxy and Kafka, on one line.
stack_cpu() { echo "$(cpu_seconds "$ingest") $(cpu_seconds "$s3proxy_pid") $(cpu_seconds "$kafka_pid")"; }

metrics() { curl -sf --max-time 10 "http://127.0.0.1:$ingest_http/q/metrics"; }

# The bucket's objects: S3Proxy's file system back end keeps a file per object and no index.
bucket_count() {
  find "$work/stack/s3/buckets/$bucket" -type f -name '*.dcm' 2>/dev/null | wc -l
}

# Empties the bucket by removing S3Proxy's object files (ingest must be idle).
clear_bucket() {
  rm -rf "$work/stack/s3/buckets/$bucket/studies"
}

# start_ingest POLICY RUN: a fresh spool and bucket, ready, warmed up with the warm-up set.
start_ingest() {
  local policy=$1 run=$2 port count
  port=$(free_port)
  ingest_http=$(free_port)
  ingest_port=$port
  bucket="bench-$policy-$run"
  ingest_log="$work/logs/ingest-$policy-$run.log"
  rm -rf "$work/spool"
  mkdir -p "$work/spool"
  # shellcheck disable=SC2086
  java -Xmx${heap_limit_mib}m $ingest_opts \
    -Dingest.dicom.port="$port" -Dquarkus.http.port="$ingest_http" \
    -Dingest.kafka.bootstrap-servers="$kafka_bootstrap" -Dingest.s3.endpoint="$s3_endpoint" \
    -Dingest.s3.bucket="$bucket" -Dingest.spool.dir="$work/spool" \
    -Dingest.store.default-policy="$policy" \
    -jar "$ingest_jar" >"$ingest_log" 2>&1 &
  ingest=$!
  for _ in $(seq 600); do
    if curl -sf --max-time 5 "http://127.0.0.1:$ingest_http/q/health/ready" 2>/dev/null | grep -q '"UP"'; then
      break
    fi
    kill -0 "$ingest" 2>/dev/null || { tail -20 "$ingest_log" >&2; fail "ingest ended during start-up"; }
    sleep 0.2
  done
  send ROENTGEN "$port" warm 1
  send ROENTGEN "$port" warm-big 1
  count=$(find "$work/sets/warm" "$work/sets/warm-big" -type f | wc -l)
  if [ "$policy" = spool ]; then
    await_drained "$count"
  fi
  [ "$(bucket_count)" -eq "$count" ] || fail "ingest's bucket holds $(bucket_count) of the $count warm-up images"
  clear_bucket
  stack_children
}

# await_drained EXPECTED: until the spool is empty and the bucket holds EXPECTED objects; 10 minutes
# at most. Durable needs no wait: an acknowledged object is in S3 already.
await_drained() {
  local deadline pending
  deadline=$(( $(now_ns) + 600000000000 ))
  while :; do
    pending=$(metrics | awk '/^roentgen_ingest_spool_pending/ { print int($NF) }') || pending=""
    if [ "${pending:-1}" -eq 0 ] && [ "$(bucket_count)" -ge "$1" ]; then
      return 0
    fi
    [ "$(now_ns)" -lt "$deadline" ] || fail "ingest's spool did not drain ($pending pending, $(bucket_count) of $1 objects)"
    kill -0 "$ingest" 2>/dev/null || fail "ingest ended"
    sleep 0.2
  done
}

# Samples ingest's used heap (all heap pools) twice a second into FILE.
start_heap_poll() {
  (
    while :; do
      metrics | awk '/^jvm_memory_used_bytes\{area="heap"/ { s += $NF } END { if (s > 0) printf "%d\n", s }' || true
      sleep 0.5
    done
  ) >"$1" 2>/dev/null &
  poller=$!
}

# Sums of ingest's latency metrics: store_seconds store_count ack_seconds ack_count.
ingest_latency_sums() {
  { metrics || true; } | awk '
    /^roentgen_ingest_store_latency_seconds_sum\{.*outcome="stored"/ { ss += $NF }
    /^roentgen_ingest_store_latency_seconds_count\{.*outcome="stored"/ { sc += $NF }
    /^roentgen_ingest_ack_latency_seconds_sum/ { as += $NF }
    /^roentgen_ingest_ack_latency_seconds_count/ { ac += $NF }
    END { printf "%f %d %f %d\n", ss, sc, as, ac }'
}

cell_ingest() {
  local policy=$1 set=$2 n=$3 count expected heap drained_ns start before after store_ms ack_ms cpu_before
  expected=$(find "$work/sets/$set" -type f | wc -l)
  sync
  before=$(ingest_latency_sums)
  cpu_before=$(stack_cpu)
  start_heap_poll "$work/heap.samples"
  start=$(now_ns)
  send ROENTGEN "$ingest_port" "$set" "$n"
  if [ "$policy" = spool ]; then
    await_drained "$expected"
  fi
  drained_ns=$(( $(now_ns) - start ))
  metrics | awk '/^jvm_memory_used_bytes\{area="heap"/ { s += $NF } END { printf "%d\n", s }' \
    >>"$work/heap.samples" || true
  stop_pid "$poller"
  poller=""
  heap=$(sort -n "$work/heap.samples" | tail -1 | awk '{ printf "%d", $1 / 1048576 }')
  after=$(ingest_latency_sums)
  echo "$set $n $policy $cpu_before $(stack_cpu) $drained_ns" >>"$work/cpu"
  read -r store_ms ack_ms < <(echo "$before $after" | awk '{
    printf "%.1f %.1f\n", ($6 > $2 ? ($5 - $1) / ($6 - $2) * 1000 : 0), ($8 > $4 ? ($7 - $3) / ($8 - $4) * 1000 : 0) }')
  count=$(bucket_count)
  clear_bucket
  record "$set" "$n" "$policy" "$count" "$sent_ns" "$sent_p50" "$sent_p99" "$heap" "$store_ms" "$ack_ms"
  if [ "$policy" = spool ]; then
    record "$set" "$n" spool-drained "$count" "$drained_ns" - - "$heap"
  fi
  check_count "ingest's bucket ($policy)" "$set" "$count"
  if grep -q OutOfMemoryError "$ingest_log"; then
    fail "ingest ran out of heap (-Xmx${heap_limit_mib}m): $ingest_log"
  fi
}

# ---- the run ---------------------------------------------------------------------------------
echo "== generating synthetic radiographs into $work/sets"
java -cp "$cp" org.roentgen.dicom.testkit.SyntheticRadiographs "$work/sets/big" "$big_count" "$big_size" "$big_size" 1
java -cp "$cp" org.roentgen.dicom.testkit.SyntheticRadiographs "$work/sets/small" "$small_count" "$small_size" "$small_size" 2
java -cp "$cp" org.roentgen.dicom.testkit.SyntheticRadiographs "$work/sets/warm" "$warm_count" "$small_size" "$small_size" 3
java -cp "$cp" org.roentgen.dicom.testkit.SyntheticRadiographs "$work/sets/warm-big" 4 "$big_size" "$big_size" 4
for set in big small; do
  for n in $senders; do
    [ "$n" -gt 1 ] || continue
    i=0
    for f in "$work/sets/$set"/*; do
      mkdir -p "$work/sets/$set.$n/$((i % n))"
      ln "$f" "$work/sets/$set.$n/$((i % n))/"
      i=$((i + 1))
    done
  done
done
: >"$work/results"
: >"$work/cpu"

echo "== starting the local stack (Kafka, S3Proxy)"
start_stack
echo "   Kafka $kafka_bootstrap, S3 $s3_endpoint"

echo "== $runs run(s); senders: $senders; peers: $peers; load average at start: $(load)"
for run in $(seq "$runs"); do
  order=$peers
  if [ $((run % 2)) -eq 0 ]; then
    order=$(echo "$peers" | tr ' ' '\n' | tac | tr '\n' ' ')
  fi
  for peer in $order; do
    echo "-- run $run: $peer (load average $(load))"
    case $peer in
      storescp | orthanc)
        for set in big small; do
          for n in $senders; do
            "cell_$peer" "$set" "$n"
          done
        done
        ;;
      durable | spool)
        start_ingest "$peer" "$run"
        for set in big small; do
          for n in $senders; do
            cell_ingest "$peer" "$set" "$n"
          done
        done
        stop_pid "$ingest"
        ingest=""
        ;;
    esac
  done
done
echo "== load average at the end: $(load)"

bytes_of() { find "$work/sets/$1" -maxdepth 1 -type f -printf '%s\n' | awk '{ s += $1 } END { print s }'; }
echo
echo "== ingest throughput (best of $runs; MB = 10^6 bytes of the files sent; time: first sender's start"
echo "   to last sender's exit; spool-drained: to the spool's last object in S3 and on Kafka;"
echo "   p50/p99: C-STORE request to response as storescu logs it; store ms, ack ms: ingest's own mean"
echo "   of roentgen_ingest_store_latency_seconds (command to answer) and roentgen_ingest_ack_latency_seconds"
echo "   (last byte to Success); heap: ingest's peak used heap in MiB, sampled twice a second)"
awk -v bb="$(bytes_of big)" -v bs="$(bytes_of small)" -v bigsz="${big_size}x${big_size}" \
  -v smallsz="${small_size}x${small_size}" -v senders="$senders" -v limit="$heap_limit_mib" '
  {
    k = $1 " " $2 " " $3
    if (!(k in best) || $5 < best[k]) {
      best[k] = $5; n[k] = $4; p50[k] = $6; p99[k] = $7; heap[k] = $8; st[k] = $9; ack[k] = $10
    }
    if ($8 != "-") { measured = 1; if ($8 > peak) peak = $8 }
  }
  function ratio(c, x) { return (c in best && x in best) ? sprintf("%.2f", best[x] / best[c]) : "n/a" }
  END {
    ns = split(senders, snd, " ")
    split("big small", sets, " ")
    split("storescp orthanc durable spool spool-drained", peers, " ")
    split("(a)_storescp (b)_orthanc (c)_ingest_durable (c)_ingest_spool (c)_spool_drained", labels, " ")
    for (i = 1; i <= 2; i++) {
      s = sets[i]; mb = (s == "big" ? bb : bs) / 1e6
      for (j = 1; j <= ns; j++) {
        c = snd[j]
        printf "\n%s %s, %d sender(s):\n", s, (s == "big" ? bigsz : smallsz), c
        printf "  %-22s %7s %9s %8s %8s %8s %9s %9s %5s\n", "peer", "images", "images/s", "MB/s", "p50 ms", "p99 ms", "store ms", "ack ms", "heap"
        for (p = 1; p <= 5; p++) {
          k = s " " c " " peers[p]; if (!(k in best)) continue
          sec = best[k] / 1e9; label = labels[p]; gsub("_", " ", label)
          printf "  %-22s %7d %9.1f %8.1f %8s %8s %9s %9s %5s\n", label, n[k], n[k] / sec, mb / sec, p50[k], p99[k], st[k], ack[k], heap[k]
        }
        a = s " " c " storescp"; b = s " " c " orthanc"
        printf "  ratio c/a: durable %s, spool %s (drained %s)\n", ratio(s " " c " durable", a), ratio(s " " c " spool", a), ratio(s " " c " spool-drained", a)
        printf "  ratio c/b: durable %s, spool %s (drained %s)\n", ratio(s " " c " durable", b), ratio(s " " c " spool", b), ratio(s " " c " spool-drained", b)
      }
    }
    printf "\n== targets (issue 3) at 4 senders, per set\n"
    for (i = 1; i <= 2; i++) {
      s = sets[i]
      if (!((s " 4 storescp") in best) && !((s " 4 durable") in best)) { printf "  %s: not measured (BENCH_SENDERS has no 4)\n", s; continue }
      t["durable c/b >= 1.5"] = ratio(s " 4 durable", s " 4 orthanc") " 1.5"
      t["durable c/a >= 0.3"] = ratio(s " 4 durable", s " 4 storescp") " 0.3"
      t["spool c/a >= 0.6"] = ratio(s " 4 spool", s " 4 storescp") " 0.6"
      split("durable c/b >= 1.5|durable c/a >= 0.3|spool c/a >= 0.6", names, "|")
      for (x = 1; x <= 3; x++) {
        split(t[names[x]], v, " ")
        printf "  %-6s %-20s %5s  %s\n", s, names[x], v[1], (v[1] == "n/a" ? "not measured" : (v[1] + 0 >= v[2] + 0 ? "met" : "NOT MET"))
      }
    }
    if (measured) printf "  ingest heap under %d MiB: peak used %d MiB (-Xmx%dm, no OutOfMemoryError)  %s\n", limit, peak, limit, peak < limit ? "met" : "NOT MET"
    else printf "  ingest heap: not measured (BENCH_PEERS has no ingest policy)\n"
  }' "$work/results"

echo
echo "== where the CPU went during ingest's transfers (seconds of CPU; wall: to the last object in S3;"
echo "   $(nproc) cores; the senders' own CPU not included; every run; ceiling: the images/s that S3Proxy's"
echo "   CPU per object alone allows on all cores, before ingest, Kafka and the senders take any)"
awk -v cores="$(nproc)" -v nbig="$big_count" -v nsmall="$small_count" '{
    n = ($1 == "big" ? nbig : nsmall); s3 = $8 - $5
    printf "  %-5s %d sender(s) %-7s wall %6.1f s  ingest %6.1f  S3Proxy %6.1f  Kafka %6.1f  S3Proxy %5.1f ms/object, ceiling %6.1f images/s\n", $1, $2, $3, $10 / 1e9, $7 - $4, s3, $9 - $6, 1000 * s3 / n, (s3 > 0 ? cores * n / s3 : 0)
  }' "$work/cpu"
