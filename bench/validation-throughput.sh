#!/usr/bin/env bash
# Labeling validation throughput (issue 4): labeling-validation as it ships (quarkus-run.jar,
# -Xmx512m, a child JVM) on a real Kafka broker (KafkaBroker of libs/stack) with DCMTK's wlmscpfs as
# the modality worklist, fed correct synthetic DX headers as dicom.instance.received events:
#   cached    orders for BENCH_ORDERS accession numbers shared by all images (as the images of one
#             study share one), the worklist cache at its defaults: after warm-up every lookup hits
#   uncached  the service started with validation.worklist.cache-ttl=0s and cache-negative-ttl=0s:
#             every instance is one C-FIND to wlmscpfs
# Each mode: a fresh service, group and topics (4 partitions); rounds of warm-up events validated
# first, until the JIT compiler threads take under 10% of a round's CPU (BENCH_WARM_ROUNDS at most;
# after 2,000 instances the JIT still takes half the service's CPU), then the timed events published
# at once by an async producer; the time runs from the first publish to the last validated event
# read back from the output topic, and the CPU is the service's (all threads, /proc/<pid>/stat). It also measures the service's ReceivedHandler alone in
# the driver's JVM (no Kafka), and the peer: dicom3tools' dciodvfy (IOD conformance only) on
# BENCH_PEER_COUNT of the same images as Part 10 files, one process per file, with its CPU from
# getrusage of the children, and as many runs without arguments (its start-up alone). Prints
# instances/s, instances per CPU-second ("per core"), the ratio ours per core / dciodvfy per core
# (whole, and net of its start-up), and issue 4's target as met or not met (never asserted).
#
# Run on demand from the repository root (never part of `mvn verify`):
#   bench/validation-throughput.sh
# Environment (defaults in brackets):
#   BENCH_MODES ["handler cached uncached"]  what to measure (the ratios need cached and uncached)
#   BENCH_COUNT [20000]           timed instances, cached mode and the handler alone
#   BENCH_WARM [10000]            instances per warm-up round, cached mode and the handler alone
#   BENCH_UNCACHED_COUNT [2000]   timed instances, uncached mode
#   BENCH_UNCACHED_WARM [2000]    instances per warm-up round, uncached mode
#   BENCH_WARM_ROUNDS [6]         warm-up rounds at most
#   BENCH_ORDERS [50]             accession numbers (orders, studies, patients), cached mode
#   BENCH_UNCACHED_ORDERS [50]    the same for uncached mode; 0: one per instance. wlmscpfs reads
#                                 every file of its folder for every C-FIND, so a large worklist
#                                 measures wlmscpfs's folder scan more than the service
#   BENCH_PEER_COUNT [200]        files for dciodvfy
#   BENCH_SERVICE_OPTS []         extra JVM options of the service; {mode} is replaced by the mode,
#                                 e.g. -XX:StartFlightRecording=filename=/tmp/{mode}.jfr,settings=profile
#   BENCH_DIR                     parent of the temporary folder [${TMPDIR:-/tmp}]; deleted at exit
# Exit status: 0 done (whether or not the target is met), 1 a mode did not validate every instance
# exactly once as PASS with its order MATCHED, or a server failed, 2 missing tools.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

count=${BENCH_COUNT:-20000}
uncached_count=${BENCH_UNCACHED_COUNT:-2000}
warm=${BENCH_WARM:-10000}
uncached_warm=${BENCH_UNCACHED_WARM:-2000}
modes=${BENCH_MODES:-handler cached uncached}
warm_rounds=${BENCH_WARM_ROUNDS:-6}
orders=${BENCH_ORDERS:-50}
uncached_orders=${BENCH_UNCACHED_ORDERS:-50}
peer_count=${BENCH_PEER_COUNT:-200}
service_opts=${BENCH_SERVICE_OPTS:-}
target=2000

for tool in java dciodvfy wlmscpfs python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    case $tool in
      java) hint="a JDK 17" ;;
      dciodvfy) hint="apt-get install dicom3tools" ;;
      wlmscpfs) hint="apt-get install dcmtk" ;;
      *) hint="apt-get install $tool" ;;
    esac
    echo "validation-throughput: $tool not found ($hint)" >&2
    exit 2
  fi
done

module=services/labeling-validation
jar=$module/target/quarkus-app/quarkus-run.jar
classpath_file=$module/target/bench-test.classpath
driver=$module/target/test-classes/org/roentgen/validation/bench/ValidationBench.class
if [ ! -f "$jar" ] || [ ! -f "$driver" ] || [ ! -f "$classpath_file" ] \
  || [ "$module/pom.xml" -nt "$classpath_file" ]; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "validation-throughput: mvn not found to build $module" >&2
    exit 2
  fi
  echo "validation-throughput: building $module and its test class path..." >&2
  # One reactor run: the sibling modules resolve to this checkout's jars, not to ~/.m2.
  mvn -q -B -ntp -DskipTests -Dspotless.check.skip=true install dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-test.classpath -pl "$module" -am >&2
fi
cp="$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")"

work=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/roentgen-validation-bench.XXXXXX")
driver_pid=""
cleanup() {
  if [ -n "$driver_pid" ]; then
    kill "$driver_pid" 2>/dev/null || true
    wait "$driver_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average at start: $(load)"
echo "== driver (the service in a child JVM; its log, Kafka's and wlmscpfs's in $work)"
status=0
java -Xmx1g -Dbench.work="$work" -Dbench.results="$work/results" -Dbench.clk-tck="$(getconf CLK_TCK)" \
  -Dbench.modes="$modes" -Dbench.count="$count" -Dbench.warm="$warm" \
  -Dbench.uncached-count="$uncached_count" -Dbench.uncached-warm="$uncached_warm" \
  -Dbench.warm-rounds="$warm_rounds" \
  -Dbench.orders="$orders" -Dbench.uncached-orders="$uncached_orders" \
  -Dbench.peer-count="$peer_count" -Dbench.service-jar="$jar" -Dbench.service-opts="$service_opts" \
  -cp "$cp" org.roentgen.validation.bench.ValidationBench 2>"$work/driver.err" &
driver_pid=$!
wait "$driver_pid" || status=$?
driver_pid=""
if [ "$status" -ne 0 ]; then
  tail -30 "$work/driver.err" >&2
  for log in "$work"/logs/service-*.log; do
    [ -f "$log" ] && { echo "-- $log" >&2; tail -20 "$log" >&2; }
  done
  echo "validation-throughput: the driver failed (status $status)" >&2
  exit 1
fi

# The peer: dciodvfy, one process per file, one after the other; CPU from getrusage(children). After
# each, a run without arguments (it prints its usage and exits): its start-up alone.
echo
echo "== peer: dciodvfy (dicom3tools; IOD conformance only) on $peer_count of the same images, one process per file"
read -r peer_files peer_wall peer_cpu peer_errors peer_warnings start_cpu < <(python3 - "$work/peer" <<'EOF'
import glob, resource, subprocess, sys, time
files = sorted(glob.glob(sys.argv[1] + "/*.dcm"))
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
used = bare = wall = 0.0
errors = warnings = 0
# Alternately a file and a bare start, so that both see the same load on a busy machine.
for f in files:
    before, start = cpu(), time.monotonic()
    out = subprocess.run(["dciodvfy", f], stdout=subprocess.PIPE, stderr=subprocess.STDOUT).stdout
    wall += time.monotonic() - start
    used += cpu() - before
    errors += out.count(b"Error - ")
    warnings += out.count(b"Warning - ")
    before = cpu()
    subprocess.run(["dciodvfy"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    bare += cpu() - before
print(len(files), "%.3f" % wall, "%.3f" % used, errors, warnings, "%.3f" % bare)
EOF
)
[ "$peer_files" -eq "$peer_count" ] || { echo "validation-throughput: $peer_files of $peer_count peer files" >&2; exit 1; }
# Net of start-up: the CPU per file beyond a run that only starts (at least 0.1 ms, against noise).
peer_net=$(awk -v n="$peer_files" -v c="$peer_cpu" -v s="$start_cpu" 'BEGIN { d = (c - s) / n; printf "%.6f", (d > 0.0001 ? d : 0.0001) }')
awk -v n="$peer_files" -v w="$peer_wall" -v c="$peer_cpu" -v e="$peer_errors" -v x="$peer_warnings" \
  -v s="$start_cpu" -v net="$peer_net" 'BEGIN {
  printf "   wall %.2f s (the file runs only): %.0f files/s; CPU %.2f s (user + system of the dciodvfy processes): %.0f files per CPU-second\n", w, n / w, c, n / c
  printf "   start-up alone (dciodvfy without arguments, after each file): %.1f ms CPU per process;\n", 1000 * s / n
  printf "   net of it %.2f ms CPU per file: %.0f files per CPU-second\n", 1000 * net, 1 / net
  printf "   it reported %d errors and %d warnings in all (%.1f and %.1f per file)\n", e, x, e / n, x / n }'
echo "== load average at the end: $(load)"

awk -v n="$peer_files" -v c="$peer_cpu" -v w="$peer_wall" -v net="$peer_net" -v target="$target" '
  { r[$1] = $2 }
  function row(label, key) {
    if ((key ".per_cpu_s") in r)
      printf "  %-62s %9s %9.0f\n", label, ((key ".per_s") in r ? sprintf("%.0f", r[key ".per_s"]) : "-"), r[key ".per_cpu_s"]
    else
      printf "  %-62s %9s %9s\n", label, "-", "-"
  }
  function ratio(key, p) { return (key ".per_cpu_s") in r ? sprintf("%.1f", r[key ".per_cpu_s"] / p) : "not measured" }
  END {
    peer = n / c
    printf "\n== summary (per s: wall; per core: per CPU-second of the process named, its CPU only)\n"
    printf "  %-62s %9s %9s\n", "", "per s", "per core"
    row("handler alone (driver JVM, no Kafka; all its threads)", "handler")
    row("service, cached (Kafka in and out; the service JVM)", "cached")
    row("service, uncached (+ one C-FIND per instance; the service JVM)", "uncached")
    printf "  %-62s %9.0f %9.0f\n", "dciodvfy (one process per Part 10 file; conformance only)", n / w, peer
    printf "  %-62s %9s %9.0f\n", "dciodvfy net of its start-up (CPU per file minus a bare start)", "", 1 / net
    printf "  ratio ours per core / dciodvfy per core: cached %s, uncached %s\n", ratio("cached", peer), ratio("uncached", peer)
    printf "  the same against dciodvfy net of its start-up: cached %s, uncached %s\n", ratio("cached", 1 / net), ratio("uncached", 1 / net)
    printf "\n== target (issue 4)\n"
    if ("cached.per_cpu_s" in r) {
      v = r["cached.per_cpu_s"]
      printf "  cached instances/s per core >= %d: %.0f %s\n", target, v, (v + 0 >= target ? "met" : "NOT MET")
    } else
      printf "  cached instances/s per core >= %d: not measured (BENCH_MODES has no cached)\n", target
  }' "$work/results"
