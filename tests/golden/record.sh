#!/bin/sh
# Record the golden outputs: sh tests/golden/record.sh BUILD_EXAMPLES_DIR
# Writes tests/golden/out/NNN.tsv, one per line of cases.tsv (comments skipped).
set -eu
bin=$1
here=$(dirname "$0")
mkdir -p "$here/out"
n=0
grep -v '^#' "$here/cases.tsv" | while IFS='	' read -r prog args; do
  n=$((n + 1))
  f=$(printf '%s/out/%03d.tsv' "$here" "$n")
  # shellcheck disable=SC2086
  NUTMM_DATADIR=${NUTMM_DATADIR:-$here/../../data} OMP_NUM_THREADS=1 "$bin/nutmm-$prog" $args > "$f"
done
