#!/usr/bin/env bash
# Store throughput: the same synthetic radiographs through (a) DCMTK storescu -> storescp and
# (b) bin/dicom send -> bin/dicom listen, both receivers writing into a fresh folder on the same
# file system; prints images/s, MB/s and the ratio b/a per set. Then a header-read benchmark: the
# toolkit's DicomFile.readHeader against DCMTK's `dcmdump -M` on the large images, with the bytes
# each reads per file.
#
# Run on demand from the repository root (never part of `mvn verify`):
#   bench/store-throughput.sh
# Environment (defaults in brackets):
#   BENCH_BIG_COUNT [200] BENCH_BIG_SIZE [2048]       the large set: COUNT images of SIZE x SIZE x 16 bit
#   BENCH_SMALL_COUNT [2000] BENCH_SMALL_SIZE [512]   the small set
#   BENCH_RUNS [5]          transfers per tool and set, alternating a/b; the best run counts
#   BENCH_DIR               parent of the temporary folder with the sets [${TMPDIR:-/tmp}]; deleted at exit
#   BENCH_RECEIVE_DIR       parent of the folder the receivers write into [/dev/shm when it is a
#                           tmpfs with room for the larger set, else BENCH_DIR]: on ext4 each run
#                           pays for the files the run before deleted (the inode allocator skips
#                           recently freed inodes), which made DCMTK's own time vary 0.7-2.5 s
#   BENCH_PDU [131072]      DCMTK's -pdu on both sides (131072 is DCMTK's maximum)
#   BENCH_STORESCP_OPTS [+B] extra storescp options (+B: bit-preserving, writes PDVs straight to file)
# DCMTK runs in its fastest configuration: TCP_NODELAY=1 (without it DCMTK leaves Nagle's algorithm
# on and stalls near 20 images/s) and the largest PDU on both sides.
# Exit status: 0 done, 1 a transfer lost or failed images, 2 missing tools or disk space.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

big_count=${BENCH_BIG_COUNT:-200}
big_size=${BENCH_BIG_SIZE:-2048}
small_count=${BENCH_SMALL_COUNT:-2000}
small_size=${BENCH_SMALL_SIZE:-512}
runs=${BENCH_RUNS:-5}
pdu=${BENCH_PDU:-131072}
storescp_opts=${BENCH_STORESCP_OPTS:-+B}

for tool in storescu storescp echoscu dcmdump java python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "store-throughput: $tool not found (DCMTK: apt-get install dcmtk)" >&2
    exit 2
  fi
done

tools_jar=libs/dicom/tools/target/dicom.jar
testkit_jar=libs/dicom/testkit/target/roentgen-dicom-testkit-0.1.0-SNAPSHOT.jar
if [ ! -f "$tools_jar" ] || [ ! -f "$testkit_jar" ]; then
  echo "store-throughput: building the toolkit jars..." >&2
  mvn -q -B -ntp -DskipTests -Dspotless.check.skip=true -pl libs/dicom/tools,libs/dicom/testkit -am install >&2
fi
cp="$testkit_jar:$tools_jar"

# Room for both sets plus one received copy of the larger one, with 10% to spare.
set_bytes=$(( big_count * (big_size * big_size * 2 + 4096) + small_count * (small_size * small_size * 2 + 4096) ))
largest=$(( big_count * big_size * big_size * 2 > small_count * small_size * small_size * 2 ? big_count * big_size * big_size * 2 : small_count * small_size * small_size * 2 ))
need=$(( (set_bytes + largest) * 11 / 10 ))
parent=${BENCH_DIR:-${TMPDIR:-/tmp}}
echo "== disk ($parent)"
df -h "$parent"
avail=$(( $(df --output=avail -k "$parent" | tail -1) * 1024 ))
if [ "$avail" -lt "$need" ]; then
  echo "store-throughput: $((need / 1000000)) MB needed in $parent, $((avail / 1000000)) MB free" >&2
  exit 2
fi

work=$(mktemp -d "$parent/roentgen-bench.XXXXXX")
receive_parent=${BENCH_RECEIVE_DIR:-}
if [ -z "$receive_parent" ]; then
  receive_parent=$parent
  if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] \
    && [ $(( $(df --output=avail -k /dev/shm | tail -1) * 1024 )) -gt $(( largest * 12 / 10 )) ]; then
    receive_parent=/dev/shm
  fi
fi
receive=$(mktemp -d "$receive_parent/roentgen-bench-received.XXXXXX")
echo "== receivers write into $receive ($(stat -f -c %T "$receive"))"
receiver=""
cleanup() {
  if [ -n "$receiver" ]; then
    kill "$receiver" 2>/dev/null || true
    wait "$receiver" 2>/dev/null || true
  fi
  rm -rf "$work" "$receive"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until a C-ECHO to 127.0.0.1:$1 succeeds (the receiver $receiver must still be running).
await_ready() {
  for _ in $(seq 150); do
    if echoscu -to 2 -aec BENCH 127.0.0.1 "$1" >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$receiver" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  echo "store-throughput: the receiver on port $1 did not come up" >&2
  cat "$work/receiver.log" >&2 || true
  exit 1
}

stop_receiver() {
  kill "$receiver" 2>/dev/null || true
  wait "$receiver" 2>/dev/null || true
  receiver=""
}

now_ns() { date +%s%N; }

# transfer TOOL SET: one send of $work/sets/SET into a fresh folder; appends to $work/results
#   "SET TOOL IMAGES_RECEIVED NANOSECONDS" and fails on a wrong count.
transfer() {
  local tool=$1 set=$2 port out start end count expected status
  port=$(free_port)
  out="$receive/received"
  rm -rf "$out"
  mkdir -p "$out"
  # Every run starts with no dirty pages: the previous run's writeback must not slow this one.
  sync
  expected=$(find "$work/sets/$set" -type f | wc -l)
  status=0
  if [ "$tool" = dcmtk ]; then
    # shellcheck disable=SC2086
    TCP_NODELAY=1 storescp -pdu "$pdu" -dhl $storescp_opts -aet BENCH -od "$out" "$port" \
      >"$work/receiver.log" 2>&1 &
    receiver=$!
    await_ready "$port"
    start=$(now_ns)
    TCP_NODELAY=1 storescu -pdu "$pdu" -aec BENCH +sd 127.0.0.1 "$port" "$work/sets/$set" \
      >"$work/sender.log" 2>&1 || status=$?
    end=$(now_ns)
    stop_receiver
    count=$(find "$out" -type f | wc -l)
  else
    # --no-fsync: storescp does not fsync either; both then write the same way.
    bin/dicom listen --port "$port" --aet BENCH --no-fsync --dir "$out" >"$work/receiver.log" 2>&1 &
    receiver=$!
    await_ready "$port"
    start=$(now_ns)
    bin/dicom send BENCH@127.0.0.1:"$port" "$work/sets/$set" >"$work/sender.log" 2>&1 || status=$?
    end=$(now_ns)
    stop_receiver
    count=$(find "$out" -type f -name '*.dcm' | wc -l)
  fi
  # The transfer without either program's start: from the first file written to the last, scaled
  # by n/(n-1) for the first file's own time.
  span=$(find "$out" -type f -printf '%T@\n' | sort -n \
    | awk 'NR == 1 { f = $1 } { l = $1; n = NR } END { if (n > 1) printf "%d", (l - f) * 1e9 * n / (n - 1); else print 0 }')
  rm -rf "$out"
  echo "$set $tool $count $((end - start)) $span" >>"$work/results"
  printf '  %-5s %-7s %5d of %5d images in %6.2f s (first to last file %5.2f s)\n' "$set" "$tool" \
    "$count" "$expected" "$(awk -v ns=$((end - start)) 'BEGIN { print ns / 1e9 }')" \
    "$(awk -v ns="$span" 'BEGIN { print ns / 1e9 }')"
  if [ "$status" -ne 0 ] || [ "$count" -ne "$expected" ]; then
    echo "store-throughput: $tool received $count of $expected images of set $set (sender exit $status)" >&2
    tail -5 "$work/sender.log" >&2
    exit 1
  fi
}

echo "== generating synthetic radiographs into $work/sets"
java -cp "$cp" org.roentgen.dicom.testkit.SyntheticRadiographs "$work/sets/big" "$big_count" "$big_size" "$big_size" 1
java -cp "$cp" org.roentgen.dicom.testkit.SyntheticRadiographs "$work/sets/small" "$small_count" "$small_size" "$small_size" 2
: >"$work/results"

echo "== store: $runs runs per tool and set, alternating (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
for run in $(seq "$runs"); do
  for set in big small; do
    if [ $((run % 2)) -eq 1 ]; then
      transfer dcmtk "$set"
      transfer toolkit "$set"
    else
      transfer toolkit "$set"
      transfer dcmtk "$set"
    fi
  done
done

bytes_big=$(du -sb "$work/sets/big" | cut -f1)
bytes_small=$(du -sb "$work/sets/small" | cut -f1)
echo
table() {
  awk -v col="$1" -v bb="$bytes_big" -v bs="$bytes_small" -v bigsz="${big_size}x${big_size}" -v smallsz="${small_size}x${small_size}" '
  { k = $1 " " $2; if (!(k in best) || $col < best[k]) { best[k] = $col; n[k] = $3 } }
  END {
    printf "%-16s %-8s %7s %9s %8s %9s %8s\n", "set", "tool", "images", "MB", "seconds", "images/s", "MB/s"
    split("big small", sets, " ")
    for (i = 1; i <= 2; i++) {
      s = sets[i]; mb = (s == "big" ? bb : bs) / 1e6; label = s " " (s == "big" ? bigsz : smallsz)
      for (j = 1; j <= 2; j++) {
        t = (j == 1 ? "dcmtk" : "toolkit"); k = s " " t; sec = best[k] / 1e9
        printf "%-16s %-8s %7d %9.1f %8.2f %9.0f %8.1f\n", label, t, n[k], mb, sec, n[k] / sec, mb / sec
      }
      printf "%-16s ratio b/a (toolkit/dcmtk): %.2f\n", label, best[s " dcmtk"] / best[s " toolkit"]
    }
  }' "$work/results"
}
echo "== store throughput (best of $runs; MB = 10^6 bytes of the files sent; wall time of the sender,"
echo "   including its start and the scan of the files: the target)"
table 4
echo
echo "== the same transfers from the first file written to the last (best of $runs; without either"
echo "   program's start and file scan: the rate once both sides run)"
table 5

echo
echo "== header read: the $big_count images of ${big_size}x${big_size} (pixel data left unread)"
java -cp "$cp" org.roentgen.dicom.testkit.HeaderReadBench "$work/sets/big" 3
best=""
rchar=""
for _ in 1 2 3; do
  start=$(now_ns)
  # The shell reports its own read count after waiting for dcmdump, whose count Linux adds to it.
  r=$(sh -c 'dcmdump -q -M +sd "$1" >/dev/null; sed -n "s/^rchar: //p" /proc/$$/io 2>/dev/null' sh "$work/sets/big")
  end=$(now_ns)
  if [ -z "$best" ] || [ $((end - start)) -lt "$best" ]; then
    best=$((end - start))
    rchar=$r
  fi
done
awk -v ns="$best" -v n="$big_count" -v rchar="$rchar" 'BEGIN {
  per = rchar == "" ? "n/a" : sprintf("%.0f", rchar / n)
  printf "dcmdump -M +sd (one process): %d headers in %.3f s, %.0f headers/s, %s bytes read per file\n", n, ns / 1e9, n / (ns / 1e9), per
}'
