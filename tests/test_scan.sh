#!/bin/sh
# nutmm-scan end to end (issue 14 §2-3): the output of 1 rank, of 2 ranks and of a run killed
# halfway and restarted with the same command are byte-identical; profiled limits are never
# stronger than the limits with the other parameters at zero; XENON1T's excess stays out of
# combined limits unless asked.  Usage: test_scan.sh NUTMM-SCAN [MPIRUN]
# Exit 77 (skipped) only when Open MPI is absent, after the serial checks passed.
set -eu
SCAN=$1
MPIRUN=${2:-}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
# Open MPI's own allocations are not freed at exit: no leak report for them under ASan.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
fail() { echo "FAIL: $*" >&2; exit 1; }

cat > grid.txt <<'D'
# current combination: |lambda_14| against |lambda_24| and their relative phase
experiments current
m4 log 1e-3 5 4
param lambda14 log0 1e-11 1e-8 16
param lambda24 log0 3e-10 3e-9 3
param phase24 lin 0 4.71238898038469 4
chunk 40
D
if [ -n "$MPIRUN" ]; then
  MPI="$MPIRUN --allow-run-as-root --oversubscribe"
  $MPI -n 1 "$SCAN" run grid.txt one.tsv || fail "1 rank"
  $MPI -n 2 "$SCAN" run grid.txt two.tsv || fail "2 ranks"
  cmp one.tsv two.tsv || fail "2 ranks differ from 1 rank"
  # killed after 4 chunks per rank (of 18), then the same command again
  if NUTMM_SCAN_STOP_AFTER=4 $MPI -n 2 "$SCAN" run grid.txt res.tsv 2>/dev/null; then
    fail "the interrupted run did not stop"
  fi
  [ -f res.tsv ] && fail "an interrupted run left a complete output"
  n=$(ls res.tsv.parts | grep -c '^c.*\.tsv$')
  [ "$n" -ge 4 ] && [ "$n" -lt 18 ] || fail "interrupted run wrote $n chunks"
  NUTMM_SCAN_VERBOSE=1 $MPI -n 2 "$SCAN" run grid.txt res.tsv 2> res.log || fail "resume"
  grep -q "resuming" res.log || fail "the restarted run did not resume"
  skipped=$(sed -n 's/.* computed, \([0-9]*\) skipped.*/\1/p' res.log | awk '{s += $1} END {print s}')
  [ "$skipped" = "$n" ] || fail "resume skipped $skipped chunks, $n were written"
  cmp one.tsv res.tsv || fail "resumed output differs"
else
  "$SCAN" run grid.txt one.tsv || fail "serial run"
  NUTMM_SCAN_STOP_AFTER=5 "$SCAN" run grid.txt res.tsv 2>/dev/null && fail "no stop"
  "$SCAN" run grid.txt res.tsv || fail "serial resume"
  cmp one.tsv res.tsv || fail "serial resumed output differs"
fi
rows=$(($(wc -l < one.tsv) - 1))
[ "$rows" = $((4 * 17 * 4 * 4)) ] || fail "$rows rows"
grep -q 'error$' one.tsv && fail "error points"

# threads give the same bytes (OpenMP builds; one thread otherwise)
"$SCAN" run grid.txt thr.tsv --threads 2 >/dev/null 2>&1 || fail "threads"
cmp one.tsv thr.tsv || fail "2 threads differ"

# limits on |lambda_14|: others at zero, profiled over |lambda_24| and the phase, phase fixed,
# all against the full model's best fit at each m4 (--ref all): then profiling over more can
# only lower chi^2, and a profiled limit can never be stronger.  (Against each selection's own
# minimum it can, where the data prefer a non-zero |lambda_24|: see the README.)
"$SCAN" profile one.tsv --param lambda14 --fix lambda24=0 --fix phase24=0 --ref all > zero.tsv
"$SCAN" profile one.tsv --param lambda14 > prof.tsv
"$SCAN" profile one.tsv --param lambda14 --fix phase24=0 --ref all > fixph.tsv
"$SCAN" profile one.tsv --param lambda14 --fix lambda24=0 --fix phase24=0 > zero_own.tsv
for f in zero prof fixph zero_own; do
  [ "$(awk 'NR > 1 && $5 == "ok"' $f.tsv | wc -l)" = 4 ] || fail "$f: not 4 limits"
done
paste zero.tsv prof.tsv fixph.tsv | awk 'NR > 1 {
  if (!($7 >= $2 * (1 - 1e-12))) { print "profiled " $7 " < zero " $2 " at m4 " $1; bad = 1 }
  if (!($7 >= $12 * (1 - 1e-12))) { print "profiled " $7 " < fixed phase " $12; bad = 1 }
  if (!($12 >= $2 * (1 - 1e-12))) { print "fixed phase " $12 " < zero " $2; bad = 1 } }
  END { exit bad }' || fail "a profiled limit is stronger than a restricted one"
# the profiled reference is the full model's minimum: --ref own and --ref all agree there
"$SCAN" profile one.tsv --param lambda14 --ref all | cmp - prof.tsv || fail "profiled reference"
# the own-reference restricted limit is that of a scan of |lambda_14| alone
awk 'NR == 1 || ($4 == 0 && $5 == 0)' one.tsv | cut -f1-3,6- > alone.tsv
"$SCAN" profile alone.tsv --param lambda14 | cmp - zero_own.tsv || fail "restricted own reference"

# limit = run + profile byte for byte, for every selection above and a single column; it
# computes only the selected points (and those of equal coupling once)
for sel in "--fix lambda24=0 --fix phase24=0 --ref all" "" "--fix phase24=0 --ref all" \
    "--fix lambda24=0 --fix phase24=0" "--column chi2_texono --fix phase24=1.5707963267948966"; do
  # shellcheck disable=SC2086
  "$SCAN" profile one.tsv --param lambda14 $sel > want.tsv || fail "profile $sel"
  # shellcheck disable=SC2086
  "$SCAN" limit grid.txt --param lambda14 $sel > got.tsv || fail "limit $sel"
  cmp want.tsv got.tsv || fail "limit differs from run + profile ($sel)"
done
"$SCAN" limit grid.txt --param lambda14 --threads 2 | cmp - prof.tsv || fail "limit, 2 threads"
"$SCAN" limit grid.txt --param lambda14 --fix nosuch=0 2> l.log && fail "limit: unknown --fix"
grep -q "nosuch" l.log || fail "no reason for an unknown --fix"
"$SCAN" limit grid.txt --param lambda24 --fix lambda14=7 2> l.log && fail "limit: no matching row"
grep -q "no row matches" l.log || fail "no reason for an empty selection"
# the rows with |lambda_24| = 0 and a non-zero phase are copies of the phase-0 row (scan.c);
# a points file computes every point itself (no copies): the copies equal the direct chi^2
awk 'NR > 1 && $4 == 0 && $5 != 0 {print $2, $3, $4, $5}' one.tsv > zero.body
[ -s zero.body ] || fail "no rows with a zero modulus and a phase"
{ echo "m4_MeV lambda14 lambda24 phase24"; cat zero.body; } > zpts.txt
printf 'experiments current\npoints zpts.txt\n' > zdesc.txt
"$SCAN" run zdesc.txt zpts.tsv >/dev/null 2>&1 || fail "points run of the copied rows"
awk 'NR > 1 && $4 == 0 && $5 != 0' one.tsv | cut -f2- > zwant.tsv
tail -n +2 zpts.tsv | cut -f2- | cmp - zwant.tsv || fail "copied rows differ from direct chi^2"

# a points file gives the same chi^2 as the grid at the same points (17-digit round trip),
# and a resume notices when the file's contents change under the same name
awk 'NR > 1 && NR % 7 == 2 {print $2, $3, $4, $5}' one.tsv > pts.body
{ echo "m4_MeV lambda14 lambda24 phase24"; cat pts.body; } > pts.txt
printf 'experiments current\npoints pts.txt\nchunk 20\n' > pdesc.txt
"$SCAN" run pdesc.txt pts.tsv >/dev/null 2>&1 || fail "points-file run"
[ "$(($(wc -l < pts.tsv) - 1))" = "$(wc -l < pts.body)" ] || fail "points file: row count"
awk 'NR > 1 && NR % 7 == 2' one.tsv | cut -f2- > want.tsv
tail -n +2 pts.tsv | cut -f2- | cmp - want.tsv || fail "points file differs from the grid"
rm -rf pts.tsv pts.tsv.parts
NUTMM_SCAN_STOP_AFTER=1 "$SCAN" run pdesc.txt pts.tsv >/dev/null 2>&1 && fail "points run did not stop"
[ -d pts.tsv.parts ] || fail "interrupted points run left no checkpoint"
{ echo "m4_MeV lambda14 lambda24 phase24"; sed 's/^0.001 /0.002 /' pts.body; } > pts.txt
"$SCAN" run pdesc.txt pts.tsv 2> pres.log && fail "resume accepted changed points"
grep -q "another description" pres.log || fail "no reason for refusing changed points"

# XENON1T: refused in a combined limit, admitted on request
printf 'experiments texono xenon1t\nm4 list 0.01\nparam lambda14 list 0 1e-11\n' > x.txt
if "$SCAN" run x.txt x.tsv 2> x.log; then fail "xenon1t admitted without allow-excess"; fi
grep -q "excess" x.log || fail "no reason given for refusing xenon1t"
printf 'allow-excess 1\n' >> x.txt
"$SCAN" run x.txt x.tsv || fail "allow-excess"
[ "$(head -1 x.tsv | cut -f5)" = "chi2_xenon1t" ] || fail "xenon1t column"

# bad descriptions are refused with a reason
printf 'experiments current\nm4 log 1 0.1 3\n' > bad.txt
"$SCAN" run bad.txt bad.tsv 2> bad.log && fail "hi < lo accepted"
grep -q "expected: m4" bad.log || fail "no reason for a bad m4 grid"
printf 'experiments nosuch\nm4 list 1\n' > bad2.txt
"$SCAN" run bad2.txt bad.tsv 2> bad.log && fail "unknown experiment accepted"
grep -q "nosuch" bad.log || fail "no reason for an unknown experiment"
[ -n "$MPIRUN" ] || { echo "Open MPI absent: the 1/2-rank comparison was skipped"; exit 77; }
echo "nutmm-scan: 1 rank = 2 ranks = resumed = 2 threads; profiles ordered"
