#!/bin/bash
# CPU and peak heap of one STACKED-GP adaptation (19 measurements, 4 sources) as the space grows, one or two
# tunerd jars, on simulated boards: TX2 (768 configurations), AGX Orin (18,096), AGX Orin with an 11-value
# batch option (199,056, run with -Xmx256m). See AdaptationScale.java for what is measured.
# usage: bench/adaptation-scale.sh JAR [JAR...]      e.g. bench/adaptation-scale.sh /tmp/before.jar daemon/target/tunerd.jar
# Environment: ROUNDS (default 3; round 1 includes JIT warm-up), CASES (default "tx2 orin orin-batch").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rounds=${ROUNDS:-3}
cases=${CASES:-tx2 orin orin-batch}
for jar in "$@"; do
  for c in $cases; do
    case $c in
      tx2) args=(--board tx2); heap=-Xmx1g ;;
      orin) args=(--board orin); heap=-Xmx1g ;;
      orin-batch) args=(--board orin --batch 11); heap=-Xmx256m ;;
      *) echo "unknown case $c" >&2; exit 2 ;;
    esac
    echo "== $jar $c $heap"
    OPENBLAS_NUM_THREADS=1 java $heap -cp "$jar" "$here/AdaptationScale.java" "${args[@]}" --rounds "$rounds" 2>/dev/null \
      | grep -E '^(board|round)' || echo "failed (exit ${PIPESTATUS[0]}; out of memory?)"
  done
done
