#!/bin/bash
# Lists the tunerd methods, files and packages on the path of one adaptation: POST /workload on the
# simulated board (a transfer from a profiled environment, as `tunerd simulate` step [1] does), from the
# HTTP request to the verified configuration and the model.stored event in the journal.
#
#   tools/pathtrace/run.sh <tunerd.jar> <output folder>
#
# How: PathTrace.java, a Java agent, instruments every org.tunerd method; tracing is switched on right
# before the request and off once model.stored is journaled, with nothing else running (no Kafka, no
# workload file watch, no timers; the config file's watch thread is left out). Counts: top-level classes (= main source files) and packages
# of the methods that ran, on any thread.
set -euo pipefail
JAR=$(readlink -f "$1"); OUT=$(readlink -f -m "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
rm -rf "$OUT"; mkdir -p "$OUT/agent" "$OUT/control" "$OUT/state"
javac --add-exports java.base/jdk.internal.org.objectweb.asm=ALL-UNNAMED -d "$OUT/agent" "$HERE/PathTrace.java"
printf 'Premain-Class: PathTrace\n' > "$OUT/agent/MANIFEST.MF"
(cd "$OUT/agent" && jar cfm pathtrace.jar MANIFEST.MF PathTrace*.class)
PORT=18177; TOKEN=pathtrace-token-0123456789abcdef
cat > "$OUT/tunerd.yaml" <<YAML
deviceId: pathtrace
device: {backend: simulated, board: tx2}
workload: {dnn: xception, width: 600, height: 600, settle: 0s}
http: {enabled: true, host: 127.0.0.1, port: $PORT, token: $TOKEN}
store: {dir: $OUT/state}
YAML
# seed the store with the whole grid of xception 600x600, as simulate does
java -jar "$JAR" profile -c "$OUT/tunerd.yaml" --budget all > "$OUT/profile.txt" 2> "$OUT/profile.err"
java --add-exports java.base/jdk.internal.org.objectweb.asm=ALL-UNNAMED -javaagent:"$OUT/agent/pathtrace.jar=$OUT/control" \
    -jar "$JAR" run -c "$OUT/tunerd.yaml" > "$OUT/run.out" 2> "$OUT/run.err" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
status() { curl -sf "http://127.0.0.1:$PORT/status" || true; }
# the start-up session (the stored environment itself: one verification run) must be over
for i in $(seq 600); do status | grep -q '"lastTuned":"' && status | grep -q '"state":"idle"' && break; sleep 0.5; done
touch "$OUT/control/on"; while [ ! -f "$OUT/control/on.ack" ]; do sleep 0.05; done
curl -sf -X POST -H "Authorization: Bearer $TOKEN" -d '{"dnn":"resnet50","width":600,"height":600}' \
    "http://127.0.0.1:$PORT/workload" > "$OUT/post.json"
J="$OUT/state/journal/events.jsonl"
for i in $(seq 1200); do grep -q 'model.stored.*resnet50' "$J" && break; sleep 0.5; done
touch "$OUT/control/off"; while [ ! -f "$OUT/control/done" ]; do sleep 0.05; done
kill $PID; wait $PID 2>/dev/null || true; trap - EXIT
# the config file's watch thread polls on its own, off the path: left out
grep -v -P '\ttunerd-watch-' "$OUT/control/hits.tsv" > "$OUT/path.tsv"
cut -f3 "$OUT/path.tsv" | sed 's/\$.*//' | sort -u > "$OUT/files.txt"
sed 's/\.[^.]*$//' "$OUT/files.txt" | sort -u > "$OUT/packages.txt"
echo "$(wc -l < "$OUT/path.tsv") methods, $(wc -l < "$OUT/files.txt") main files, $(wc -l < "$OUT/packages.txt") packages"
