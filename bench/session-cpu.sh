#!/bin/bash
# Per-session CPU time of the tuning thread, two tunerd jars side by side, alternating, on the same command.
# usage: bench/session-cpu.sh OLD.jar NEW.jar ROUNDS [tunerd arguments...]
#   e.g. bench/session-cpu.sh /work/baseline/tunerd.jar daemon/target/tunerd.jar 3 simulate --replay ../shared/datasets/jetson-tx2
# OpenBLAS runs on one thread (OPENBLAS_NUM_THREADS=1) so that the tuning thread's CPU time is all the
# session's linear algebra: with more threads part of it would run, uncounted, on OpenBLAS's own threads.
set -euo pipefail
old=$1; new=$2; rounds=$3; shift 3
here=$(cd "$(dirname "$0")" && pwd)
classes=$(mktemp -d)
javac -d "$classes" "$here/SessionCpu.java"
for r in $(seq 1 "$rounds"); do
  for which in old new; do
    jar=$old; [ $which = new ] && jar=$new
    OPENBLAS_NUM_THREADS=1 java -cp "$classes" SessionCpu "$jar" "$@" 2>&1 >/dev/null | grep '^session-cpu' \
      | sed "s/^/$which round $r /"
  done
done
rm -rf "$classes"
