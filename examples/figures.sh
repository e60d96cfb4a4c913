#!/bin/sh
# Regenerate the data of Figs. 1-4 of arXiv:2109.09545 with the nutmm-* programs and draw them
# with gnuplot (Debian gnuplot-nox) if it is installed.
#
#   examples/figures.sh [BINDIR] [OUTDIR]
#
# BINDIR: where the nutmm-* programs are (default: build/examples); OUTDIR: where the TSV and
# PNG files go (default: figures).  Fig. 3: effective-moment limits / bands vs m4 for every
# experiment; Fig. 4: limits on |lambda_14|, |lambda_24|, |lambda_34| (one TMM at a time, no CP
# phases); Fig. 1: XENON1T, TEXONO and 51Cr-LXe spectra at m4 = 10 keV; Fig. 2: COHERENT and
# 51Cr CENS spectra.  POINTS (environment, default 100) sets the m4 points per curve.
set -eu

BIN=${1:-build/examples}
OUT=${2:-figures}
POINTS=${POINTS:-100}
mkdir -p "$OUT"

run() { # run NAME ARGS... > file ; fail loudly
  prog="$BIN/nutmm-$1"
  shift
  if [ ! -x "$prog" ]; then
    echo "figures.sh: $prog not built" >&2
    exit 1
  fi
  "$prog" "$@"
}

echo "figures.sh: Fig. 3 (effective moments)" >&2
run xenon1t limit --flavor e --points "$POINTS" > "$OUT/fig3_xenon1t_e.tsv"
run xenon1t limit --flavor mu --points "$POINTS" > "$OUT/fig3_xenon1t_mu.tsv"
run coherent-csi limit --flavor mu --points "$POINTS" > "$OUT/fig3_coherent_csi.tsv"
run coherent-lar limit --flavor mu --points "$POINTS" > "$OUT/fig3_coherent_lar.tsv"
run cenns750 limit --flavor mu --points "$POINTS" > "$OUT/fig3_cenns750.tsv"
run texono limit --flavor e --points "$POINTS" > "$OUT/fig3_texono.tsv"
for t in si ge al2o3 cawo4; do
  run cr51-cens limit --target "$t" --points "$POINTS" > "$OUT/fig3_cr51_cens_$t.tsv"
done
for c in A B C; do
  run cr51-lxe limit --config "$c" --points "$POINTS" > "$OUT/fig3_cr51_lxe_$c.tsv"
done

echo "figures.sh: Fig. 4 (fundamental TMMs)" >&2
for l in 14 24 34; do
  run xenon1t limit --param "lambda$l" --points "$POINTS" > "$OUT/fig4_lambda${l}_xenon1t.tsv"
  run coherent-csi limit --param "lambda$l" --points "$POINTS" > "$OUT/fig4_lambda${l}_coherent_csi.tsv"
  run coherent-lar limit --param "lambda$l" --points "$POINTS" > "$OUT/fig4_lambda${l}_coherent_lar.tsv"
  run cenns750 limit --param "lambda$l" --points "$POINTS" > "$OUT/fig4_lambda${l}_cenns750.tsv"
  run texono limit --param "lambda$l" --points "$POINTS" > "$OUT/fig4_lambda${l}_texono.tsv"
  run cr51-cens limit --target ge --param "lambda$l" --points "$POINTS" > "$OUT/fig4_lambda${l}_cr51_cens_ge.tsv"
  run cr51-lxe limit --config C --param "lambda$l" --points "$POINTS" > "$OUT/fig4_lambda${l}_cr51_lxe_C.tsv"
done

echo "figures.sh: Figs. 1 and 2 (spectra at m4 = 10 keV)" >&2
# The paper's benchmark moments were stripped from its text; these are allowed by the limits
# above and keep the 51Cr moments two orders of magnitude below COHERENT's, as the paper does.
run xenon1t spectrum --m4 0.01 --mu 3e-11 > "$OUT/fig1_xenon1t.tsv"
run texono spectrum --m4 0.01 --mu 1e-10 > "$OUT/fig1_texono.tsv"
for c in A B C; do
  run cr51-lxe spectrum --m4 0.01 --mu 1e-11 --config "$c" > "$OUT/fig1_cr51_lxe_$c.tsv"
done
run coherent-csi spectrum --m4 0.01 --mu 1e-9 > "$OUT/fig2_coherent_csi.tsv"
run coherent-lar spectrum --m4 0.01 --mu 1e-9 > "$OUT/fig2_coherent_lar.tsv"
for t in si ge al2o3 cawo4; do
  run cr51-cens spectrum --m4 0.01 --mu 1e-11 --target "$t" > "$OUT/fig2_cr51_cens_$t.tsv"
done

# limit files hold one row per m4 with a status column; curves use the `ok` rows only
for f in "$OUT"/fig3_*.tsv "$OUT"/fig4_*.tsv; do
  awk -F'\t' 'NR == 1 || $NF == "ok"' "$f" > "${f%.tsv}.ok"
done

if ! command -v gnuplot >/dev/null 2>&1; then
  echo "figures.sh: gnuplot not found (apt-get install gnuplot-nox): TSV files only, in $OUT" >&2
  exit 0
fi

# One curve per file: column 2 (upper limit, or the band's upper edge); bands also draw
# their lower edge (column 2 = mu_low, 3 = mu_high).
gnuplot <<EOF
set terminal pngcairo size 1100,700 noenhanced
set logscale xy
set format y "1e%L"
set xlabel "m4 [MeV]"
set key outside right
set grid

set output "$OUT/fig3.png"
set title "Fig. 3: 90% C.L. on the effective moment"
set ylabel "mu_eff [mu_B]"
plot "$OUT/fig3_xenon1t_e.ok" u 1:2:3 w filledcurves fs transparent solid 0.3 t "XENON1T nu_e (allowed)", \
     "$OUT/fig3_xenon1t_mu.ok" u 1:2:3 w filledcurves fs transparent solid 0.3 t "XENON1T nu_mu (allowed)", \
     "$OUT/fig3_coherent_csi.ok" u 1:2 w l lw 2 t "COHERENT CsI", \
     "$OUT/fig3_coherent_lar.ok" u 1:2 w l lw 2 t "COHERENT LAr", \
     "$OUT/fig3_cenns750.ok" u 1:2 w l lw 2 dt 2 t "CENNS-750", \
     "$OUT/fig3_texono.ok" u 1:2 w l lw 2 t "TEXONO", \
     "$OUT/fig3_cr51_cens_si.ok" u 1:2 w l dt 2 t "51Cr CENS Si", \
     "$OUT/fig3_cr51_cens_ge.ok" u 1:2 w l dt 2 t "51Cr CENS Ge", \
     "$OUT/fig3_cr51_cens_al2o3.ok" u 1:2 w l dt 2 t "51Cr CENS Al2O3", \
     "$OUT/fig3_cr51_cens_cawo4.ok" u 1:2 w l dt 2 t "51Cr CENS CaWO4", \
     "$OUT/fig3_cr51_lxe_A.ok" u 1:2 w l dt 3 t "51Cr-LXe A", \
     "$OUT/fig3_cr51_lxe_B.ok" u 1:2 w l dt 3 t "51Cr-LXe B", \
     "$OUT/fig3_cr51_lxe_C.ok" u 1:2 w l dt 3 t "51Cr-LXe C"

do for [l in "14 24 34"] {
  set output sprintf("$OUT/fig4_lambda%s.png", l)
  set title sprintf("Fig. 4: 90%% C.L. on |lambda_%s|", l)
  set ylabel sprintf("|lambda_%s| [mu_B]", l)
  plot sprintf("$OUT/fig4_lambda%s_xenon1t.ok", l) u 1:2:3 w filledcurves fs transparent solid 0.3 t "XENON1T (allowed)", \
       sprintf("$OUT/fig4_lambda%s_coherent_csi.ok", l) u 1:2 w l lw 2 t "COHERENT CsI", \
       sprintf("$OUT/fig4_lambda%s_coherent_lar.ok", l) u 1:2 w l lw 2 t "COHERENT LAr", \
       sprintf("$OUT/fig4_lambda%s_cenns750.ok", l) u 1:2 w l lw 2 dt 2 t "CENNS-750", \
       sprintf("$OUT/fig4_lambda%s_texono.ok", l) u 1:2 w l lw 2 t "TEXONO", \
       sprintf("$OUT/fig4_lambda%s_cr51_cens_ge.ok", l) u 1:2 w l dt 2 t "51Cr CENS Ge", \
       sprintf("$OUT/fig4_lambda%s_cr51_lxe_C.ok", l) u 1:2 w l dt 3 t "51Cr-LXe C"
}

# Figs. 1 and 2: per-bin events, data points (or the Asimov SM expectation) and SM + dipole.
set datafile columnheaders
set terminal pngcairo size 1500,520 noenhanced
set logscale y
unset logscale x
set format y "%g"
set key inside top right font ",9"
set ylabel "events per bin"
set style data boxes
set style fill empty
set boxwidth 1 relative
set output "$OUT/fig1.png"
set multiplot layout 1,3 title "Fig. 1: m4 = 10 keV"
set xlabel "E_r [keV]"
set title "XENON1T (mu = 3e-11 mu_B)"
plot "$OUT/fig1_xenon1t.tsv" u ((\$1+\$2)/2):"observed" w p pt 7 t "data", \
     "" u ((\$1+\$2)/2):"bkg_B0":(\$2-\$1) t "B0", "" u ((\$1+\$2)/2):"total":(\$2-\$1) t "B0 + dipole"
set xlabel "T [MeV]"
set title "TEXONO (mu = 1e-10 mu_B)"
set ylabel "events/(kg day MeV)"
plot "$OUT/fig1_texono.tsv" u ((\$1+\$2)/2):"observed" w p pt 7 t "xi x SM", \
     "" u ((\$1+\$2)/2):"sm":(\$2-\$1) t "SM", "" u ((\$1+\$2)/2):"total":(\$2-\$1) t "SM + dipole"
set xlabel "T [keV]"
set title "51Cr-LXe (mu = 1e-11 mu_B)"
set ylabel "events per bin"
plot for [c in "A B C"] sprintf("$OUT/fig1_cr51_lxe_%s.tsv", c) u ((\$1+\$2)/2):"total":(\$2-\$1) t sprintf("%s: SM + dipole", c), \
     for [c in "A B C"] sprintf("$OUT/fig1_cr51_lxe_%s.tsv", c) u ((\$1+\$2)/2):"sm":(\$2-\$1) dt 2 t sprintf("%s: SM", c)
unset multiplot

set output "$OUT/fig2.png"
set multiplot layout 1,3 title "Fig. 2: m4 = 10 keV"
set xlabel "n_PE"
set title "COHERENT CsI (mu = 1e-9 mu_B)"
plot "$OUT/fig2_coherent_csi.tsv" u ((\$1+\$2)/2):"observed" w p pt 7 t "data", \
     "" u ((\$1+\$2)/2):"sm":(\$2-\$1) t "SM", "" u ((\$1+\$2)/2):"total":(\$2-\$1) t "SM + dipole + bkg"
set xlabel "E_ee [keVee]"
set title "COHERENT LAr (mu = 1e-9 mu_B)"
set yrange [0.1:*]
plot "$OUT/fig2_coherent_lar.tsv" u ((\$1+\$2)/2):"observed" w p pt 7 t "data", \
     "" u ((\$1+\$2)/2):"sm":(\$2-\$1) t "SM", "" u ((\$1+\$2)/2):"total":(\$2-\$1) t "SM + dipole + bkg"
set autoscale y
set xlabel "T [eV]"
set title "51Cr CENS (mu = 1e-11 mu_B)"
plot for [t in "si ge al2o3 cawo4"] sprintf("$OUT/fig2_cr51_cens_%s.tsv", t) u ((\$1+\$2)/2):"total":(\$2-\$1) t t, \
     for [t in "si ge al2o3 cawo4"] sprintf("$OUT/fig2_cr51_cens_%s.tsv", t) u ((\$1+\$2)/2):"sm":(\$2-\$1) dt 2 t sprintf("%s SM", t)
unset multiplot
EOF
echo "figures.sh: wrote $OUT/*.tsv and $OUT/*.png" >&2
