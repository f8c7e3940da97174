#!/usr/bin/env bash
# QC throughput: CPU milliseconds per 2048 x 2048 16-bit radiograph for artifact-detection's checks
# (all together and each), on one core (one thread, OpenCV on one thread), against DCMTK's dcm2pnm
# reading and rendering the same files to an 8-bit PGM in the same run (one pass over the pixels:
# the cheapest thing one can do with an image, as a yardstick). Target: under 150 ms per image.
#
# Run on demand from the repository root (never part of `mvn verify`):
#   bench/qc-throughput.sh
# Environment (defaults in brackets):
#   BENCH_COUNT [30]      images measured per set (after BENCH_WARM warm-up images)
#   BENCH_WARM [12]       warm-up images (the JIT compiles the checks' Java loops), not measured
#   BENCH_DIR             parent of the temporary folder [${TMPDIR:-/tmp}]; deleted at exit
# Two sets: synthetic radiographs from the test kit (SyntheticRadiographs, gradient plus noise,
# written as Part 10 files, the same files dcm2pnm reads), and phantoms with anatomy, collimation
# and each artifact (generated in memory by the test phantom generator; per-check breakdown).
# Exit status: 0 done (whether or not the target is met; the verdict is printed), 2 missing tools.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
count=${BENCH_COUNT:-30}
warm=${BENCH_WARM:-12}
target=150

for tool in java dcm2pnm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "qc-throughput: $tool not found (DCMTK: apt-get install dcmtk)" >&2
    exit 2
  fi
done

module=services/artifact-detection
testkit_jar=libs/dicom/testkit/target/roentgen-dicom-testkit-0.1.0-SNAPSHOT.jar
classpath_file=$module/target/bench-test.classpath
if [ ! -f "$testkit_jar" ] || [ ! -f "$module/target/test-classes/org/roentgen/qc/domain/QcBench.class" ] \
  || [ ! -f "$classpath_file" ] || [ "$module/pom.xml" -nt "$classpath_file" ]; then
  echo "qc-throughput: building $module and its test classes..." >&2
  mvn -q -B -ntp -DskipTests -Dspotless.check.skip=true install dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-test.classpath -pl "$module" -am >&2
fi
cp="$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")"
# The allocator settings the service runs with (bin/roentgen): OpenCV's large blocks stay in the
# heap and are reused instead of being mapped and faulted in again for every image.
qc_env=(env MALLOC_MMAP_THRESHOLD_=536870912 MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_TOP_PAD_=268435456)

work=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/roentgen-qc-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== generating $((count + warm)) synthetic radiographs of 2048x2048 into $work/files"
java -cp "$cp" org.roentgen.dicom.testkit.SyntheticRadiographs "$work/files" "$((count + warm))" 2048 2048 1 >&2

echo "== DCMTK dcm2pnm +op (8-bit binary PGM) on the measured files, one process per file"
mkdir -p "$work/png"
files=$(find "$work/files" -type f | sort | tail -n "$count")
TIMEFORMAT='%3U %3S %3R'
peer=$( { time (for f in $files; do dcm2pnm +op "$f" "$work/png/$(basename "$f").pgm"; done) ; } 2>&1 )
read -r peer_user peer_sys peer_real <<<"$peer"
peer_ms=$(awk -v u="$peer_user" -v s="$peer_sys" -v n="$count" 'BEGIN { printf "%.1f", (u + s) * 1000 / n }')
peer_wall=$(awk -v r="$peer_real" -v n="$count" 'BEGIN { printf "%.1f", r * 1000 / n }')
echo "dcm2pnm: $peer_ms CPU ms per image ($peer_wall ms wall, process start included)"

echo "== artifact-detection on the same files (one thread; the first $warm files warm up)"
"${qc_env[@]}" java -Xmx2g -cp "$cp" org.roentgen.qc.domain.QcBench files "$work/files" "$warm" | tee "$work/files.out"
ours=$(awk '/^RESULT/ { print $5 }' "$work/files.out")

echo "== artifact-detection on phantoms with anatomy and each artifact ($count measured after $warm)"
"${qc_env[@]}" java -Xmx2g -cp "$cp" org.roentgen.qc.domain.QcBench phantoms "$count" "$warm" | tee "$work/phantoms.out"
phantom=$(awk '/^RESULT/ { print $5 }' "$work/phantoms.out")

echo
echo "== QC throughput (CPU milliseconds per 2048x2048 16-bit image, one core)"
printf "%-44s %8s\n" "dcm2pnm +op (DCMTK, read + render)" "$peer_ms"
printf '%-44s %8s\n' "artifact-detection, synthetic files" "$ours"
printf '%-44s %8s\n' "artifact-detection, phantoms" "$phantom"
awk -v a="$ours" -v p="$peer_ms" 'BEGIN { printf "ratio artifact-detection / dcm2pnm (same files): %.2f\n", a / p }'
awk -v a="$phantom" -v t="$target" 'BEGIN {
  printf "target: under %d ms per image on phantoms: %s (%.1f ms)\n", t, (a < t ? "met" : "NOT met"), a }'
