#!/bin/sh
# Benchmark (not a test) of nutmm-scan: wall time of a 1e5-point scan of the "current"
# combination on 1 and on 2 MPI ranks, and the speed-up; prints the load average with the
# times (the machine may be shared).  Usage: sh examples/bench_mpi.sh [BUILD/examples] [REPEATS]
set -eu
BIN=${1:-build/examples}
REP=${2:-3}
SCAN=$(cd "$BIN" && pwd)/nutmm-scan
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
# 10 masses x 25 |lambda_14| x 5 |lambda_24| x 8 phases x 10 |lambda_34| = 1e5 points
cat > bench.txt <<'D'
experiments current
m4 log 1e-3 5 10
param lambda14 log0 1e-11 1e-8 24
param lambda24 log0 1e-10 1e-8 4
param phase24 lin 0 5.497787143782138 8
param lambda34 log0 1e-10 1e-8 9
chunk 1000
D
MPI="mpirun --allow-run-as-root --oversubscribe --bind-to none"
now() { date +%s.%N; }
for r in $(seq "$REP"); do
  for n in 1 2; do
    rm -rf out.tsv out.tsv.parts
    la=$(cut -d' ' -f1-3 /proc/loadavg)
    t0=$(now)
    NUTMM_SCAN_VERBOSE=1 $MPI -n "$n" "$SCAN" run bench.txt out.tsv 2> log
    t1=$(now)
    inner=$(sed -n 's/.* in \([0-9.]*\) s .*/\1/p' log)
    cpu=$(sed -n 's/.*, \([0-9.]*\) s CPU$/\1/p' log | tr '\n' ' ')
    printf 'ranks %d\tscan %s s\twall with mpirun start %.3f s\tCPU per rank %s s\tload %s\n' \
      "$n" "$inner" "$(echo "$t1 - $t0" | bc)" "$cpu" "$la"
    [ "$n" = 1 ] && cp out.tsv ref.tsv || cmp ref.tsv out.tsv
  done
done
echo "points: $(($(wc -l < out.tsv) - 1)); outputs of 1 and 2 ranks identical"
