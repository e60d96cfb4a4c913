#!/bin/sh
# Fig. 4's combined curves (issue 14): 90 % C.L. limits on |lambda_14|, |lambda_24|, |lambda_34|
# versus m4 from the "current" and "future" combinations (experiments.h), each from one
# nutmm-scan description over the three lambda_i4 and two relative phases (nutmm-scan limit:
# the profile of that scan, computed at the points it reads):
#   fig4_lambdaL_COMBO_fixed.tsv     the other moduli at zero (the paper's Fig. 4 convention);
#   fig4_lambdaL_COMBO_profiled.tsv  chi^2 minimised over the other two |lambda_j4| in
#                                    {0, 1/2, 1, 2} x |lambda_L| and their phases relative to
#                                    lambda_L in {0, pi/2, pi, 3pi/2} (the global phase is
#                                    unobservable);
#   fig4_lambdaL_COMBO_phase0.tsv    the same with the phases fixed at 0 (not plotted).
# The profiled curves are bounded by the range of the other moduli (up to twice the limited
# one) and the coarse phase grid (4 values): beams of nu_e and nu_mu do
# not see lambda_i4 = c U_tau,i at all (tests/test_global.c), so a profile over unbounded moduli
# and all phases has no limit.  The active-active moments are held at zero (they only add
# signal).  Usage: sh examples/fig4_combined.sh BIN OUT (called by figures.sh).
set -eu
BIN=$1
OUT=$2
SRC=$(cd "$(dirname "$0")/.." && pwd)
VERSION=$(sed -n "s/^ *version: *'\([^']*\)'.*/\1/p" "$SRC/meson.build" | head -n 1)
REVISION=$(git -C "$SRC" describe --always --dirty 2>/dev/null || echo unknown)
SCAN="$BIN/nutmm-scan"
POINTS=${POINTS:-100}
M4=$((POINTS < 16 ? POINTS : 16)) # masses of the combined curves (their flat parts need few)
NL=$((POINTS < 50 ? (POINTS < 12 ? 12 : POINTS) : 50)) # values of the limited modulus
[ -x "$SCAN" ] || { echo "fig4_combined.sh: $SCAN not built" >&2; exit 1; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
for combo in current future; do
  for l in 14 24 34; do
    others=$(echo "14 24 34" | tr ' ' '\n' | grep -v "$l" | tr '\n' ' ')
    d="$W/$combo-$l.txt"
    {
      echo "experiments $combo"
      echo "m4 log 1e-3 50 $M4"
      echo "param lambda$l log0 1e-13 1e-6 $NL"
      for o in $others; do
        echo "param lambda$o rel lambda$l list 0 0.5 1 2"
        echo "param phase$o lin 0 4.71238898038469 4"
      done
    } > "$d"
    zero=""
    for o in $others; do zero="$zero --fix lambda$o/lambda$l=0 --fix phase$o=0"; done
    ph=""
    for o in $others; do ph="$ph --fix phase$o=0"; done
    # nutmm-scan limit: the table of run + profile, computed in memory at only the points
    # each profile reads (byte-identical to profiling the whole scan's file)
    for kind in fixed profiled phase0; do
      case $kind in
        fixed) args=$zero ;;
        profiled) args="" ;;
        phase0) args=$ph ;;
      esac
      f="$OUT/fig4_lambda${l}_${combo}_$kind.tsv"
      {
        echo "# nutmm-scan limit ($combo, lambda$l; $(tr '\n' ';' < "$d")) --param lambda$l$args | libnutmm $VERSION ($REVISION) | examples/fig4_combined.sh"
        # shellcheck disable=SC2086
        "$SCAN" limit "$d" --param "lambda$l" $args --threads "${NUTMM_THREADS:-2}"
      } > "$f.tmp" || { echo "fig4_combined.sh: limit $combo $l $kind failed" >&2; exit 1; }
      mv "$f.tmp" "$f"
    done
  done
done
