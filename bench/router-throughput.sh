#!/usr/bin/env bash
# Router throughput (issue 6): the same generated radiographs, sent by DCMTK storescu, through
# (a) Orthanc acting as the router (a Lua OnStoredInstance that forwards each instance with
# SendToModality to a DCMTK storescp) and (b) Roentgen on the local stack (`bin/roentgen up`:
# ingest, labeling-validation against the worklist, artifact-detection, the router, to the stack's
# archive SCP, a DCMTK storescp), one after the other in one run. Prints, per system and set,
# images/s, MB/s and the p50/p95/p99 end-to-end latency (storescu's "Sending file" to the moment
# the receiving storescp wrote the file), the ratios Roentgen/Orthanc, issue 6's targets as met or
# not met (reported, never asserted), and where the CPU and the time went.
#
# Run on demand from the repository root (never part of `mvn verify`):
#   bench/router-throughput.sh
# It needs the local stack's fixed ports free (9092, 9093, 9000, 5433, 8081-8084, 11112-11114; 4242 and
# 8042 stay unused: the stack's Orthanc is switched off) and takes /tmp/roentgen-ports.lock (flock)
# from before (a) until (b)'s stack is down, so that tests starting the stack wait for it (and do
# not load the machine during the measurement). Orthanc (a) and its storescp use free ports.
# Environment (defaults in brackets):
#   BENCH_BIG_COUNT [120] BENCH_BIG_SIZE [2048]      the large set: COUNT images of SIZE x SIZE x 16 bit
#   BENCH_SMALL_COUNT [240] BENCH_SMALL_SIZE [1024]  the small set; a COUNT of 0 leaves a set out
#   BENCH_WARM_COUNT [24]   images of the small size (and 4 of the large one), other UIDs, sent to
#                           each system and awaited before timing (JIT warm-up of the services)
#   BENCH_STALL [180]       seconds without a new arrival after which the missing images count lost
#   BENCH_LOCK_WAIT [1800]  seconds to wait for /tmp/roentgen-ports.lock
#   BENCH_DIR               parent of the temporary folder [${TMPDIR:-/tmp}]; it is deleted at exit
#   BENCH_KEEP [0]          1: keep the temporary folder (sets, logs, metrics) for a look afterwards
#   BENCH_PDU [131072]      DCMTK's -pdu on storescu, Orthanc's MaximumPduLength and (a)'s storescp
#                           (the stack's archive SCP runs with 131072 whatever this says)
#   BENCH_PACE [0]          0: each set in one burst (one storescu, one association); N: one image
#                           every 1/N s, each in its own association, as a modality sends: the
#                           latency at that load (throughput is then N for both)
#   ROENTGEN_JAVA_OPTS      extra JVM options of Roentgen's services (bin/roentgen passes them on)
#   ORTHANC [/usr/sbin/Orthanc]
# The images come from libs/dicom/testkit's ClinicalRadiographs (mixed CR, DX and MG studies that
# pass validation and QC) with one worklist order per study, so nothing may be quarantined. Every
# DCMTK side (storescu, both storescps, Orthanc) runs with TCP_NODELAY=1 and the same PDU: without
# them DCMTK leaves Nagle's algorithm on and stalls near 20 images/s.
# Exit status: 0 done (whether or not the targets are met), 1 an image did not arrive, was
# quarantined or dead-lettered, or a server failed, 2 missing tools, disk space or the ports lock.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

big_count=${BENCH_BIG_COUNT:-120}
big_size=${BENCH_BIG_SIZE:-2048}
small_count=${BENCH_SMALL_COUNT:-240}
small_size=${BENCH_SMALL_SIZE:-1024}
warm_count=${BENCH_WARM_COUNT:-24}
stall_s=${BENCH_STALL:-180}
lock_wait=${BENCH_LOCK_WAIT:-1800}
keep=${BENCH_KEEP:-0}
pdu=${BENCH_PDU:-131072}
pace=${BENCH_PACE:-0}
orthanc=${ORTHANC:-/usr/sbin/Orthanc}
ports_lock=/tmp/roentgen-ports.lock
generator=org.roentgen.dicom.testkit.ClinicalRadiographs

for tool in storescu storescp echoscu java python3 curl flock; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    case $tool in
      *scu | *scp) hint="apt-get install dcmtk" ;;
      java) hint="a JDK 17" ;;
      flock) hint="apt-get install util-linux" ;;
      *) hint="apt-get install $tool" ;;
    esac
    echo "router-throughput: $tool not found ($hint)" >&2
    exit 2
  fi
done
if [ ! -x "$orthanc" ]; then
  echo "router-throughput: $orthanc not found (apt-get install orthanc, or set ORTHANC)" >&2
  exit 2
fi

echo "== machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | sed -n 1p
storescu --version | sed -n 1p
"$orthanc" --version | sed -n 1p

version=0.1.0-SNAPSHOT
tools_jar=libs/dicom/tools/target/dicom.jar
testkit_jar=libs/dicom/testkit/target/roentgen-dicom-testkit-$version.jar
missing=""
for jar in "$tools_jar" "$testkit_jar" libs/stack/target/roentgen-stack-$version.jar \
  services/{ingest,labeling-validation,artifact-detection,router}/target/quarkus-app/quarkus-run.jar; do
  [ -f "$jar" ] || missing="$missing $jar"
done
# A test kit built before the generator existed lacks it.
if [ -f "$testkit_jar" ] && ! python3 -c 'import sys, zipfile
sys.exit(sys.argv[2] not in zipfile.ZipFile(sys.argv[1]).namelist())' \
  "$testkit_jar" "${generator//.//}.class"; then
  missing="$missing $testkit_jar($generator)"
fi
if [ -n "$missing" ]; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "router-throughput: mvn not found to build$missing" >&2
    exit 2
  fi
  echo "router-throughput: building the jars (missing:$missing)..." >&2
  mvn -B -ntp -o -q install -DskipTests -Dspotless.check.skip=true \
    -pl libs/stack,libs/dicom/tools,libs/dicom/testkit,services/ingest,services/labeling-validation,services/artifact-detection,services/router \
    -am >&2
fi
cp="$testkit_jar:$tools_jar"

# Room for the sets and the warm-up set, three copies of them (Orthanc's storage, (a)'s storescp,
# S3 and the archive SCP hold one each; previews and Kafka are small beside them), 10% to spare.
image_bytes() { echo $(($1 * ($2 * $2 * 2 + 8192))); }
sets_bytes=$(($(image_bytes "$big_count" "$big_size") + $(image_bytes "$small_count" "$small_size") \
  + $(image_bytes "$warm_count" "$small_size") + $(image_bytes 4 "$big_size")))
need=$((sets_bytes * 5 * 11 / 10))
parent=${BENCH_DIR:-${TMPDIR:-/tmp}}
avail=$(($(df --output=avail -k "$parent" | tail -1) * 1024))
if [ "$avail" -lt "$need" ]; then
  echo "router-throughput: $((need / 1000000)) MB needed in $parent, $((avail / 1000000)) MB free" >&2
  exit 2
fi

work=$(mktemp -d "$parent/roentgen-router-bench.XXXXXX")
# Under root the stack's PostgreSQL runs as nobody, who must pass through to $rg/postgres.
chmod o+x "$work"
mkdir -p "$work/logs"
rg="$work/rg"   # the local stack's data folder
orthanc_pid=""
scp_pid=""      # (a)'s storescp
sender_pid=""
up_pid=""
lock_fd=""

# Stops one process started here (SIGTERM, then waits for its graceful end).
stop_pid() {
  if [ -n "$1" ]; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}

# Stops the local stack: `down` asks `up` to stop its services, the archive SCP, the worklist,
# Kafka and S3, and waits for them.
stop_stack() {
  if [ -n "$up_pid" ]; then
    bin/roentgen down --data "$rg" >>"$work/logs/down.log" 2>&1 || true
    wait "$up_pid" 2>/dev/null || true
    up_pid=""
  fi
}

cleanup() {
  trap '' INT TERM
  stop_pid "$sender_pid"
  stop_pid "$orthanc_pid"
  stop_pid "$scp_pid"
  stop_stack
  if [ "$keep" = 1 ]; then
    echo "router-throughput: kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "router-throughput: $*" >&2
  exit 1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

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
# milliseconds (%Q) per line, taken in storescu as it logs, so a busy machine cannot delay it the
# way a reader of a pipe could be delayed; INFO is what -v shows (-lc excludes -v).
cat >"$work/storescu-log.cfg" <<'EOF'
log4cplus.rootLogger = INFO, console
log4cplus.appender.console = log4cplus::ConsoleAppender
log4cplus.appender.console.layout = log4cplus::PatternLayout
log4cplus.appender.console.layout.ConversionPattern = %D{%s.%Q} %m%n
EOF

# The files of a set are named <SOPInstanceUID>.dcm; a receiving storescp names its files
# <modality prefix>.<SOPInstanceUID>[.dcm]. Modes:
#   count SET RECEIVED: how many of SET's images RECEIVED holds, and their bytes
#   missing SET RECEIVED: the SOP Instance UIDs of those it lacks, one a line
#   report SET RECEIVED SENDER_LOG: images, images/s, MB/s, p50, p95, p99 ms, send seconds,
#     duplicates; throughput over first "Sending file" to last arrival; latency per image from its
#     "Sending file" to its file's modification time (the end of storescp's write)
cat >"$work/arrivals.py" <<'EOF'
import math, os, re, sys
mode, set_dir, received_dir = sys.argv[1:4]
expected = {e.name[:-4]: e.stat().st_size for e in os.scandir(set_dir) if e.name.endswith(".dcm")}
arrived, sizes, duplicates = {}, {}, 0
if os.path.isdir(received_dir):
    for e in os.scandir(received_dir):
        for uid in re.findall(r"\d+(?:\.\d+)+", e.name):
            if uid in expected:
                st = e.stat()
                if uid in arrived:
                    duplicates += 1
                arrived[uid] = min(arrived.get(uid, st.st_mtime_ns), st.st_mtime_ns)
                sizes[uid] = st.st_size
                break
if mode == "count":
    print(len(arrived), sum(sizes.values()))
    sys.exit(0)
if mode == "missing":
    for uid in sorted(set(expected) - set(arrived)):
        print(uid)
    sys.exit(0)
stamp = r"(\d+)\.(\d+)\.(\d+) "
sending = re.compile(stamp + r"Sending file: (.*)$")
response = re.compile(stamp + r"Received Store Response")
def ns(m):
    return int(m.group(1)) * 10**9 + int(m.group(2)) * 10**6 + int(m.group(3)) * 10**3
sent, last_response = {}, 0
with open(sys.argv[4], errors="replace") as f:
    for line in f:
        m = sending.search(line)
        if m:
            sent[os.path.basename(m.group(4).strip())[:-4]] = ns(m)
            continue
        m = response.search(line)
        if m:
            last_response = ns(m)
uids = [u for u in expected if u in sent and u in arrived]
latencies = sorted((arrived[u] - sent[u]) / 1e6 for u in uids)
first, last = min(sent.values()), max(arrived[u] for u in uids)
seconds = (last - first) / 1e9
mb = sum(expected[u] for u in uids) / 1e6
def rank(p):  # nearest rank
    return latencies[max(0, math.ceil(p * len(latencies)) - 1)]
print(len(uids), "%.1f" % (len(uids) / seconds), "%.1f" % (mb / seconds), "%.0f" % rank(0.50),
      "%.0f" % rank(0.95), "%.0f" % rank(0.99), "%.1f" % ((last_response - first) / 1e9), duplicates)
EOF

# Per image of a set, the time between the hops of Roentgen's pipeline, from storescu's "Sending
# file", the Kafka record timestamps (the producer's) of dicom.instance.received.v1, .validated.v1
# and .qc.v1, the router's queuedAt and completedAt on dicom.instance.delivery.v1 and the file's
# modification time at the archive SCP: "HOP P50 P95" in ms for each hop, on one line.
#   hops.py SET RECEIVED SENDER_LOG EVENTS_DIR
cat >"$work/hops.py" <<'EOF'
import datetime, json, math, os, re, sys
set_dir, received_dir, log, events = sys.argv[1:5]
uids = {e.name[:-4] for e in os.scandir(set_dir) if e.name.endswith(".dcm")}
t = {u: {} for u in uids}
sending = re.compile(r"(\d+)\.(\d+)\.(\d+) Sending file: (.*)$")
with open(log, errors="replace") as f:
    for line in f:
        m = sending.search(line)
        if m and os.path.basename(m.group(4).strip())[:-4] in t:
            t[os.path.basename(m.group(4).strip())[:-4]]["sent"] = (
                int(m.group(1)) * 1000 + int(m.group(2)) + int(m.group(3)) / 1000)
def iso_ms(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp() * 1000
for topic in ("received", "validated", "qc", "delivery"):
    path = os.path.join(events, topic + ".jsonl")
    if not os.path.exists(path):
        continue
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            v = r.get("value")
            if not isinstance(v, dict) or v.get("sopInstanceUid") not in t:
                continue
            u = t[v["sopInstanceUid"]]
            if topic != "delivery":
                u.setdefault(topic, r["timestamp"])
            elif v.get("delivery", {}).get("outcome") == "DELIVERED":
                u.setdefault("queued", iso_ms(v["delivery"]["queuedAt"]))
                u.setdefault("completed", iso_ms(v["delivery"]["completedAt"]))
for e in os.scandir(received_dir):
    for uid in re.findall(r"\d+(?:\.\d+)+", e.name):
        if uid in t:
            t[uid]["arrived"] = e.stat().st_mtime_ns / 1e6
            break
points = ["sent", "received", "validated", "qc", "queued", "completed", "arrived"]
names = ["ingest", "validation", "qc", "router", "delivery", "archive"]
out = []
for i, name in enumerate(names):
    d = sorted(u[points[i + 1]] - u[points[i]] for u in t.values()
               if points[i] in u and points[i + 1] in u)
    if not d:
        out.append("%s - -" % name)
        continue
    rank = lambda p: d[max(0, math.ceil(p * len(d)) - 1)]
    out.append("%s %.0f %.0f" % (name, rank(0.5), rank(0.95)))
print(" ".join(out))
EOF

# send AET PORT SET: one storescu, the set's folder (with BENCH_PACE, one storescu per image, an
# image every 1/PACE s, as a modality sends); fails unless every image was answered Success.
send() {
  local aet=$1 port=$2 set=$3 status=0 ok expected
  if [ "$pace" != 0 ]; then
    send_paced "$aet" "$port" "$set" || status=$?
  else
    TCP_NODELAY=1 storescu -pdu "$pdu" -lc "$work/storescu-log.cfg" -aec "$aet" +sd \
      127.0.0.1 "$port" "$work/sets/$set" >"$work/logs/sender.$set.log" 2>&1 &
    sender_pid=$!
    wait "$sender_pid" || status=$?
    sender_pid=""
  fi
  expected=$(find "$work/sets/$set" -name '*.dcm' | wc -l)
  ok=$(grep -c 'Received Store Response (Success)' "$work/logs/sender.$set.log" || true)
  if [ "$status" -ne 0 ] || [ "$ok" -ne "$expected" ]; then
    grep -v '^XMIT' "$work/logs/sender.$set.log" | tail -5 >&2
    fail "$aet: $ok of $expected images of set $set answered Success (storescu exit $status)"
  fi
}

# send_paced AET PORT SET: an association per image, started every 1/BENCH_PACE s (a late one
# starts at once); the log of all of them in sender.SET.log
send_paced() {
  local aet=$1 port=$2 set=$3 file next now status=0
  local step_ns
  step_ns=$(awk -v p="$pace" 'BEGIN { printf "%d", 1e9 / p }')
  : >"$work/logs/sender.$set.log"
  next=$(date +%s%N)
  for file in $(find "$work/sets/$set" -name '*.dcm' | sort); do
    now=$(date +%s%N)
    if [ "$now" -lt "$next" ]; then
      sleep "$(awk -v ns="$((next - now))" 'BEGIN { printf "%.3f", ns / 1e9 }')"
    fi
    next=$((next + step_ns))
    TCP_NODELAY=1 storescu -pdu "$pdu" -lc "$work/storescu-log.cfg" -aec "$aet" \
      127.0.0.1 "$port" "$file" >>"$work/logs/sender.$set.log" 2>&1 || status=$?
  done
  return "$status"
}

# await_arrival NAME SET RECEIVED PID [CHECK]: until RECEIVED holds every image of SET and their
# bytes have stopped growing; fails when no image arrives for BENCH_STALL seconds, process PID ends
# or the command CHECK (run every 5 s) fails.
await_arrival() {
  local name=$1 set=$2 received=$3 pid=$4 check=${5:-true} expected count bytes last_bytes=-1
  local last_count=-1 progress=$SECONDS checked=$SECONDS
  expected=$(find "$work/sets/$set" -name '*.dcm' | wc -l)
  while :; do
    read -r count bytes < <(python3 "$work/arrivals.py" count "$work/sets/$set" "$received")
    if [ "$count" -eq "$expected" ] && [ "$bytes" -eq "$last_bytes" ]; then
      return 0
    fi
    if [ "$count" -ne "$last_count" ]; then
      progress=$SECONDS
    fi
    last_count=$count
    last_bytes=$bytes
    if [ $((SECONDS - progress)) -ge "$stall_s" ]; then
      python3 "$work/arrivals.py" missing "$work/sets/$set" "$received" | head -5 \
        | sed 's/^/  missing: /' >&2
      fail "$name: $count of the $expected images of set $set arrived (none for $stall_s s)"
    fi
    kill -0 "$pid" 2>/dev/null || fail "$name ended before the images of set $set arrived"
    if [ $((SECONDS - checked)) -ge 5 ]; then
      "$check"
      checked=$SECONDS
    fi
    sleep 0.5
  done
}

# CPU seconds (user + system) a running process has used so far; 0 when it is gone.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13) / hz }' \
    "/proc/$1/stat" 2>/dev/null || echo 0
}

# cpu_snapshot NAME=PID...: "NAME SECONDS" lines
cpu_snapshot() {
  local item
  for item in "$@"; do
    echo "${item%%=*} $(cpu_seconds "${item#*=}")"
  done
}

# The processes of the local stack as NAME=PID: those with a pid file, and Kafka and S3Proxy, the
# children of LocalStackMain.
stack_processes() {
  local file name pid args child
  for file in "$rg"/run/*.pid; do
    name=$(basename "$file" .pid)
    pid=$(tr -dc '0-9' <"$file")
    if [ "$name" = roentgen ] || [ -z "$pid" ]; then
      continue
    fi
    echo "$name=$pid"
    if [ "$name" = stack ]; then
      for child in $(ps -o pid= --ppid "$pid"); do
        args=$(tr '\0' ' ' <"/proc/$child/cmdline" 2>/dev/null || true)
        case $args in
          *s3proxy.properties*) echo "s3proxy=$child" ;;
          *server.properties*) echo "kafka=$child" ;;
        esac
      done
    fi
  done
}

# measure SYSTEM AET PORT SET RECEIVED PID CHECK PROCESSES...: one timed transfer of SET, its
# arrival in RECEIVED (see await_arrival), the CPU of PROCESSES (NAME=PID) over it; appends to
# results and cpu.
measure() {
  local system=$1 aet=$2 port=$3 set=$4 received=$5 pid=$6 check=$7 start
  shift 7
  sync
  echo "-- $system: set $set (load average $(load))"
  cpu_snapshot "$@" >"$work/cpu.before"
  start=$(date +%s%N)
  send "$aet" "$port" "$set"
  await_arrival "$system" "$set" "$received" "$pid" "$check"
  cpu_snapshot "$@" >"$work/cpu.after"
  echo "$system $set $(python3 "$work/arrivals.py" report "$work/sets/$set" "$received" \
    "$work/logs/sender.$set.log")" >>"$work/results"
  awk -v sys="$system" -v set="$set" -v wall="$(( ($(date +%s%N) - start) / 1000000 ))" '
    NR == FNR { before[$1] = $2; next }
    { line = line sprintf(" %s %.1f", $1, $2 - before[$1]) }
    END { print sys, set, wall / 1000, line }' "$work/cpu.before" "$work/cpu.after" >>"$work/cpu"
}

# ---- (a) Orthanc as the router -----------------------------------------------------------------
# Orthanc's defaults otherwise (SyncStorageArea: an fsync per stored file; 4 DICOM threads; the
# Lua callbacks on one thread, SendToModality as a job); it keeps what it forwarded, as a router
# that also archives would.
run_orthanc() {
  local dir="$work/orthanc" port http scp_port set
  mkdir -p "$dir/storage" "$dir/index" "$work/orthanc-scp"
  port=$(free_port)
  http=$(free_port)
  scp_port=$(free_port)
  TCP_NODELAY=1 storescp -pdu "$pdu" -dhl -aet ARCHIVE -od "$work/orthanc-scp" -fe .dcm "$scp_port" \
    >"$work/logs/orthanc-scp.log" 2>&1 &
  scp_pid=$!
  await_echo ARCHIVE "$scp_port" "$scp_pid" "$work/logs/orthanc-scp.log"
  cat >"$dir/route.lua" <<'EOF'
-- Forwards every instance Orthanc stores to the archive SCP (Orthanc's auto-routing sample).
function OnStoredInstance(instanceId, tags, metadata, origin)
  SendToModality(instanceId, 'archive')
end
EOF
  cat >"$dir/orthanc.json" <<EOF
{
  "Name": "BENCH",
  "StorageDirectory": "$dir/storage",
  "IndexDirectory": "$dir/index",
  "StorageCompression": false,
  "DicomAet": "ORTHANC",
  "DicomPort": $port,
  "HttpPort": $http,
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false,
  "DicomAlwaysAllowEcho": true,
  "DicomAlwaysAllowStore": true,
  "MaximumPduLength": $pdu,
  "DicomModalities": { "archive": ["ARCHIVE", "127.0.0.1", $scp_port] },
  "LuaScripts": ["$dir/route.lua"],
  "SaveJobs": false,
  "Plugins": []
}
EOF
  TCP_NODELAY=1 "$orthanc" --logfile="$work/logs/orthanc.log" "$dir/orthanc.json" \
    >"$work/logs/orthanc.out" 2>&1 &
  orthanc_pid=$!
  await_echo ORTHANC "$port" "$orthanc_pid" "$work/logs/orthanc.log"
  echo "-- Orthanc: warm-up"
  for set in warm-big warm; do
    send ORTHANC "$port" "$set"
    await_arrival Orthanc "$set" "$work/orthanc-scp" "$orthanc_pid"
  done
  for set in $sets; do
    measure orthanc ORTHANC "$port" "$set" "$work/orthanc-scp" "$orthanc_pid" true \
      "orthanc=$orthanc_pid" "storescp=$scp_pid"
  done
  stop_pid "$orthanc_pid"
  orthanc_pid=""
  stop_pid "$scp_pid"
  scp_pid=""
}

# ---- (b) Roentgen on the local stack -----------------------------------------------------------
# Sums and counts of the stages' latency histograms, one "NAME SUM COUNT" line each.
stage_sums() {
  local name port metric
  for stage in ingest:8081:roentgen_ingest_store_latency_seconds \
    validation:8082:roentgen_validation_latency_seconds \
    qc:8083:roentgen_qc_processing_seconds \
    router-delivery:8084:roentgen_router_delivery_latency_seconds \
    router-end-to-end:8084:roentgen_router_end_to_end_latency_seconds; do
    IFS=: read -r name port metric <<<"$stage"
    { curl -sf --max-time 10 "http://127.0.0.1:$port/q/metrics" || true; } | awk -v n="$name" -v m="$metric" '
      index($0, m "_sum") == 1 { s += $NF } index($0, m "_count") == 1 { c += $NF }
      END { printf "%s %f %d\n", n, s, c }'
  done
}

# The router's counters of instances it did not deliver: quarantined, dead-lettered, unrouted.
router_losses() {
  { curl -sf --max-time 10 http://127.0.0.1:8084/q/metrics || true; } | awk '
    /^roentgen_router_quarantined_total/ { q += $NF }
    /^roentgen_router_dead_lettered_total/ { d += $NF }
    /^roentgen_router_unrouted_total/ { u += $NF }
    END { printf "%d %d %d\n", q, d, u }'
}

# The stack's archive SCP is a storescp without --fork: it serves one association after the other,
# so the router's second association (max-associations, default 2) would wait unanswered until its
# association timeout and be retried. One association, as Orthanc's forwarding job uses.
roentgen_java_opts="${ROENTGEN_JAVA_OPTS:-} -Drouter.destinations.archive-scp.max-associations=1"

# Fails when the router quarantined, dead-lettered or did not route an instance, with the first
# dead letters' causes.
router_check() {
  local quarantined dead unrouted
  read -r quarantined dead unrouted < <(router_losses)
  if [ "$quarantined" -ne 0 ] || [ "$dead" -ne 0 ] || [ "$unrouted" -ne 0 ]; then
    { curl -sf --max-time 10 http://127.0.0.1:8084/dead-letters || true; } | python3 -c '
import json, sys
for d in (json.loads(sys.stdin.read() or "[]"))[:5]:
    print("  dead letter: %s to %s, %s (%s, %d attempts): %s" % (d["sopInstanceUid"],
          d["destination"], d["cause"], d["gaveUp"], d["attempts"], d["message"]))' >&2 || true
    fail "the router quarantined $quarantined, dead-lettered $dead and did not route $unrouted instances (BENCH_KEEP=1 keeps the logs)"
  fi
}

run_roentgen() {
  local set
  mkdir -p "$rg/router" "$rg/worklist"
  cp "$work"/orders/*/* "$rg/worklist/"
  cat >"$rg/router/rules.yaml" <<'EOF'
# bench/router-throughput.sh: every instance to the archive SCP; a FAIL verdict quarantines.
rules:
  - id: everything-to-archive
    description: every instance to the archive SCP
    actions:
      sendTo: [archive-scp]
EOF
  echo "-- Roentgen: bin/roentgen up --data $rg (ROENTGEN_ORTHANC=off)"
  ROENTGEN_ORTHANC=off ROENTGEN_JAVA_OPTS="$roentgen_java_opts" bin/roentgen up --data "$rg" \
    >"$work/logs/up.out" 2>"$work/logs/up.err" {lock_fd}>&- &
  up_pid=$!
  until grep -q '^ROUTER_HTTP=' "$work/logs/up.out"; do
    if ! kill -0 "$up_pid" 2>/dev/null; then
      tail -20 "$work/logs/up.err" >&2
      up_pid=""
      fail "bin/roentgen up failed"
    fi
    sleep 0.5
  done
  echo "-- Roentgen: warm-up"
  for set in warm-big warm; do
    send ROENTGEN 11112 "$set"
    await_arrival Roentgen "$set" "$rg/archive-scp" "$up_pid" router_check
  done
  local processes
  mapfile -t processes < <(stack_processes)
  for set in $sets; do
    stage_sums >"$work/stages.before"
    measure roentgen ROENTGEN 11112 "$set" "$rg/archive-scp" "$up_pid" router_check \
      "${processes[@]}"
    stage_sums >"$work/stages.after"
    awk -v set="$set" 'NR == FNR { s[$1] = $2; c[$1] = $3; next }
      { n = $3 - c[$1]; line = line sprintf(" %s %.0f", $1, n > 0 ? ($2 - s[$1]) / n * 1000 : -1) }
      END { print set, line }' "$work/stages.before" "$work/stages.after" >>"$work/stages"
  done
  router_check
  mkdir -p "$work/events"
  for topic in received validated qc delivery; do
    bin/roentgen events --topic "dicom.instance.$topic.v1" >"$work/events/$topic.jsonl" \
      2>>"$work/logs/events.log" {lock_fd}>&- || true
  done
  for set in $sets; do
    echo "$set $(python3 "$work/hops.py" "$work/sets/$set" "$rg/archive-scp" \
      "$work/logs/sender.$set.log" "$work/events")" >>"$work/hops"
  done
  curl -sf --max-time 10 http://127.0.0.1:8084/destinations >"$work/logs/destinations.json" || true
  stop_stack
}

# ---- the run -----------------------------------------------------------------------------------
sets=""
[ "$big_count" -eq 0 ] || sets="big"
[ "$small_count" -eq 0 ] || sets="$sets small"
[ -n "$sets" ] || { echo "router-throughput: both sets are empty" >&2; exit 2; }

echo "== generating radiographs and their orders into $work/sets"
generate() {
  local set=$1 count=$2 size=$3 seed=$4
  java -cp "$cp" "$generator" "$work/sets/$set" "$count" "$size" "$size" "$seed" \
    --orders "$work/orders/$set"
}
# Seeds with many bits set: the generator seeds each study's SplittableRandom with seed ^ (gamma *
# (number + 1)), gamma being SplittableRandom's own increment, so with small seeds (1, 2, 3...) the
# streams of nearby studies, within a set and across sets, overlap, and different patients got the
# same Study Instance UID (labeling-validation then fails them, identity.study-mismatch). The check
# below catches any such overlap.
generate warm-big 4 "$big_size" $((0xA54FF53A5F1D36F1))
generate warm "$warm_count" "$small_size" $((0x3C6EF372FE94F82B))
[ "$big_count" -eq 0 ] || generate big "$big_count" "$big_size" $((0x6A09E667F3BCC908))
[ "$small_count" -eq 0 ] || generate small "$small_count" "$small_size" $((0xBB67AE8584CAA73B))
# Every Study Instance UID belongs to one set and one patient (explicit VR little endian: the first
# (0010,0020) and (0020,000D) of a file are the top-level ones).
python3 - "$work"/sets/* <<'EOF' || exit 1
import collections, os, struct, sys
def first(buf, group, elem, vr):
    p = buf.find(struct.pack("<HH", group, elem) + vr)
    n = struct.unpack("<H", buf[p + 6:p + 8])[0] if p >= 0 else 0
    return buf[p + 8:p + 8 + n].rstrip(b"\0 ").decode("ascii", "replace") if p >= 0 else None
studies = collections.defaultdict(set)
for d in sys.argv[1:]:
    for e in os.scandir(d):
        with open(e.path, "rb") as f:
            buf = f.read(65536)
        studies[first(buf, 0x20, 0x0D, b"UI")].add((os.path.basename(d), first(buf, 0x10, 0x20, b"LO")))
shared = {k: sorted(v) for k, v in studies.items() if len(v) > 1}
for k, v in list(shared.items())[:3]:
    print("  study %s: %s" % (k, v), file=sys.stderr)
if shared:
    sys.exit("router-throughput: the generator gave %d Study Instance UIDs to more than one set or patient" % len(shared))
EOF
: >"$work/results"
: >"$work/cpu"
: >"$work/stages"
: >"$work/hops"

echo "== waiting for $ports_lock (the local stack's ports)"
exec {lock_fd}>"$ports_lock"
if ! flock -w "$lock_wait" "$lock_fd"; then
  echo "router-throughput: $ports_lock still held after $lock_wait s" >&2
  exit 2
fi
started=$SECONDS
echo "== (a) Orthanc with Lua auto-forwarding to storescp (load average $(load))"
run_orthanc
echo "== (b) Roentgen: ingest, labeling-validation, artifact-detection, router to the archive SCP (load average $(load))"
run_roentgen
flock -u "$lock_fd"
echo "== done in $((SECONDS - started)) s; load average at the end: $(load)"

bytes_of() { find "$work/sets/$1" -name '*.dcm' -printf '%s\n' | awk '{ s += $1 } END { print s }'; }
echo
[ "$pace" = 0 ] || echo "== paced: one image every 1/$pace s, each in its own association (throughput is the pace)"
echo "== router throughput (MB = 10^6 bytes of the files sent; one storescu; time: its first"
echo "   \"Sending file\" to the last file written by the receiving storescp; latency: each image's"
echo "   \"Sending file\" to the modification time of its file at the storescp; send s: to storescu's"
echo "   last C-STORE response)"
awk -v bigsz="${big_size}x${big_size}" -v smallsz="${small_size}x${small_size}" \
  -v bb="$(bytes_of big 2>/dev/null || echo 0)" -v bs="$(bytes_of small 2>/dev/null || echo 0)" '
  { k = $2 " " $1; n[k] = $3; ips[k] = $4; mbs[k] = $5; p50[k] = $6; p95[k] = $7; p99[k] = $8; snd[k] = $9; dup[k] = $10; seen[$2] = 1 }
  END {
    split("big small", sets, " ")
    for (i = 1; i <= 2; i++) {
      s = sets[i]; if (!(s in seen)) continue
      printf "\n%s %s (%d images, %.1f MB):\n", s, (s == "big" ? bigsz : smallsz), n[s " orthanc"], (s == "big" ? bb : bs) / 1e6
      printf "  %-22s %7s %9s %8s %8s %8s %8s %7s\n", "system", "images", "images/s", "MB/s", "p50 ms", "p95 ms", "p99 ms", "send s"
      split("orthanc roentgen", sys, " "); split("(a)_Orthanc_+_Lua (b)_Roentgen", labels, " ")
      for (j = 1; j <= 2; j++) {
        k = s " " sys[j]; if (!(k in n)) continue
        label = labels[j]; gsub("_", " ", label)
        printf "  %-22s %7d %9.1f %8.1f %8d %8d %8d %7.1f%s\n", label, n[k], ips[k], mbs[k], p50[k], p95[k], p99[k], snd[k], (dup[k] > 0 ? "  (" dup[k] " duplicates)" : "")
      }
      a = s " orthanc"; b = s " roentgen"
      if ((a in n) && (b in n)) {
        tr[s] = ips[b] / ips[a]; lr[s] = p95[b] / p95[a]
        printf "  ratio Roentgen/Orthanc: throughput %.2f, p95 latency %.2f\n", tr[s], lr[s]
      }
    }
    printf "\n== targets (issue 6, all QC stages on), per set\n"
    for (i = 1; i <= 2; i++) {
      s = sets[i]; if (!(s in tr)) continue
      printf "  %-6s throughput Roentgen/Orthanc >= 1   %5.2f  %s\n", s, tr[s], (tr[s] >= 1 ? "met" : "NOT MET")
      printf "  %-6s p95 latency Roentgen/Orthanc <= 1  %5.2f  %s\n", s, lr[s], (lr[s] <= 1 ? "met" : "NOT MET")
    }
  }' "$work/results"

echo
echo "== where the CPU went (seconds of CPU per process over each timed set, from the first send to"
echo "   the last arrival; wall in seconds; $(nproc) cores; storescu's own CPU not included)"
awk '{ printf "  %-9s %-6s wall %6.1f  CPU:", $1, $2, $3; for (i = 4; i < NF; i += 2) printf " %s %.1f", $i, $(i + 1); printf "\n" }' "$work/cpu"
echo
echo "== Roentgen's stages, mean ms per image over each timed set (from each service's /q/metrics:"
echo "   ingest roentgen_ingest_store_latency_seconds, validation roentgen_validation_latency_seconds,"
echo "   qc roentgen_qc_processing_seconds, router-delivery roentgen_router_delivery_latency_seconds"
echo "   (queued to confirmed), router-end-to-end roentgen_router_end_to_end_latency_seconds (received"
echo "   by ingest to confirmed); between: end-to-end less the four stages, the time in Kafka and in"
echo "   the services' queues; -1: no sample)"
awk '{
    printf "  %-6s", $1; between = 0
    for (i = 2; i < NF; i += 2) {
      printf " %s %s", $i, $(i + 1)
      between += ($i == "router-end-to-end" ? $(i + 1) : -$(i + 1))
    }
    printf " between %d\n", between
  }' "$work/stages"
echo
echo "== Roentgen's hops, p50/p95 ms per image over each timed set: ingest (\"Sending file\" to the"
echo "   record on dicom.instance.received.v1), validation (to .validated.v1), qc (to .qc.v1), router"
echo "   (to the delivery's queuedAt), delivery (to its completedAt), archive (to the file's"
echo "   modification time; negative: written before the router's clock read completedAt)"
awk '{ printf "  %-6s", $1; for (i = 2; i < NF; i += 3) printf " %s %s/%s", $i, $(i + 1), $(i + 2); printf "\n" }' "$work/hops"
