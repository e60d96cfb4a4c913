#!/bin/sh
# examples/mcmc_emcee.py (issue 14 sec. 3): a few hundred emcee steps (16 walkers x 40) of the
# current combination with a fixed seed, serially and on 2 MPI ranks (mpi4py.futures): the
# two chains are identical, and tests/python/check_mcmc.py checks the chain's physics.
# Usage: test_mcmc.sh PYTHON EXAMPLES_DIR CHECKER [MPIRUN]
# Exit 77 (skipped) when emcee is not importable, or (after the serial checks) without mpi4py.
set -eu
PY=$1
EX=$2
CHECK=$3
MPIRUN=${4:-}
"$PY" -c "import emcee" 2>/dev/null || { echo "python3-emcee absent: skipped"; exit 77; }
case "${NUTMM_SANITIZE:-none}" in *address*)
  case "${LD_PRELOAD:-}" in *asan*) ;; *) echo "sanitizer build without the ASan runtime preloaded: skipped"; exit 77 ;; esac ;;
esac
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$PY" "$EX/mcmc_emcee.py" --steps 40 --walkers 16 --seed 7 --out serial.tsv || fail "serial run"
"$PY" "$CHECK" serial.tsv 16 40 "$EX" || fail "serial chain"
if [ -z "$MPIRUN" ] || ! "$PY" -c "import mpi4py.futures" 2>/dev/null; then
  echo "Open MPI or python3-mpi4py absent: the 2-rank chain was skipped"
  exit 77
fi
# Open MPI's own allocations are not freed at exit: no leak report for them under ASan.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
"$MPIRUN" --allow-run-as-root --oversubscribe -n 2 "$PY" -m mpi4py.futures "$EX/mcmc_emcee.py" \
  --mpi --steps 40 --walkers 16 --seed 7 --out mpi.tsv || fail "2-rank run"
grep -v '^#' serial.tsv > a.tsv
grep -v '^#' mpi.tsv > b.tsv
cmp a.tsv b.tsv || fail "the 2-rank chain differs from the serial one"
echo "mcmc_emcee: serial = 2 ranks, $(($(wc -l < a.tsv) - 1)) samples"
