#!/bin/sh
# Regenerate the data of Figs. 1-4 of arXiv:2109.09545 with the nutmm-* programs and draw them
# with gnuplot's cairo terminals (Debian gnuplot-nox has pngcairo and pdfcairo), PNG and PDF.
#
#   examples/figures.sh [BINDIR] [OUTDIR]
#
# BINDIR: where the nutmm-* programs are (default: build/examples); OUTDIR: where the TSV, PNG
# and PDF files go (default: figures).  POINTS (environment, default 100) sets the m4 points
# per curve.
#
# Fig. 3: effective-moment limits / bands vs m4, two panels as in the paper: the nu_mu -> nu_4
# channel (COHERENT CsI and LAr, CENNS-750) and the nu_e -> nu_4 channel (XENON1T band, TEXONO,
# 51Cr CENS, 51Cr-LXe; XENONnT when nutmm-xenonnt is built).  XENON1T and XENONnT bound both
# channels and appear in both (their nu_mu curves from the nu_mu share sum_i P_ei |U_mui|^2 of
# the solar flux at Earth, --flavor mu).  Fig. 4: limits on |lambda_14|, |lambda_24|, |lambda_34| (one TMM at a
# time, no CP phases), one panel each.  Fig. 1: XENON1T, TEXONO and 51Cr-LXe spectra at
# m4 = 10 keV; Fig. 2: COHERENT CsI, LAr and 51Cr CENS spectra.
#
# Every TSV starts with one '#' line naming the program, its options, the libnutmm version and
# the source revision; the rest is the program's stdout unchanged.  The plots skip rows whose
# numbers are not finite (inf / nan: m4 beyond the kinematic reach, closed bands) and, if a
# limit table has a `status` column, rows whose status is not `ok`.
set -eu

BIN=${1:-build/examples}
OUT=${2:-figures}
POINTS=${POINTS:-100}
SRC=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$OUT"

VERSION=$(sed -n "s/^ *version: *'\([^']*\)'.*/\1/p" "$SRC/meson.build" | head -n 1)
REVISION=$(git -C "$SRC" describe --always --dirty 2>/dev/null || echo unknown)

# tsv FILE NAME ARGS...: run nutmm-NAME ARGS into FILE behind its provenance line; fail loudly.
tsv() {
  file="$OUT/$1"
  prog="$BIN/nutmm-$2"
  shift 2
  if [ ! -x "$prog" ]; then
    echo "figures.sh: $prog not built" >&2
    exit 1
  fi
  {
    echo "# $(basename "$prog") $* | libnutmm $VERSION ($REVISION) | examples/figures.sh POINTS=$POINTS"
    "$prog" "$@"
  } > "$file.tmp"
  mv "$file.tmp" "$file"
}

# XENONnT (issue 15), when its program is built: like XENON1T it sees the solar flux and bounds
# both channels, so it is drawn in both panels (its nu_mu curve from the nu_mu share of the flux).
XENONNT=0
XENONNT_FIG3_MU=""
XENONNT_FIG3=""
XENONNT_FIG4=""
if [ -x "$BIN/nutmm-xenonnt" ]; then
  XENONNT=1
  XENONNT_FIG3_MU=', clean("fig3_xenonnt_mu.tsv") u 1:2 w l lt 8 t "XENONnT SR0 ν_μ (ν_μ share; also ν_e panel)"'
  XENONNT_FIG3=', clean("fig3_xenonnt_e.tsv") u 1:2 w l lt 8 t "XENONnT SR0 ν_e (also ν_μ panel)"'
  XENONNT_FIG4=', clean(f("xenonnt")) u 1:2 w l lt 8 t "XENONnT SR0"'
fi

# gnuplot with its cairo terminals draws the figures; without them the TSV files are all.
PLOTTING=1
if ! command -v gnuplot >/dev/null 2>&1; then
  echo "figures.sh: gnuplot not found (apt-get install gnuplot-nox): TSV files only, in $OUT" >&2
  PLOTTING=0
elif ! gnuplot -e 'set terminal' 2>&1 | grep -q pdfcairo; then
  echo "figures.sh: this gnuplot has no cairo terminals (pngcairo, pdfcairo): TSV files only" >&2
  PLOTTING=0
fi
COMBINED_FIG4=""
if [ -x "$BIN/nutmm-scan" ]; then
  COMBINED_FIG4=', clean(f("current_fixed")) u 1:2 w l lw 3 dt 1 lc rgb "#882255" t "current combined (others 0)", clean(f("current_profiled")) u 1:2 w l lw 3 dt 3 lc rgb "#882255" t "current combined, profiled", clean(f("future_fixed")) u 1:2 w l lw 3 dt 1 lc rgb "#332288" t "future combined (others 0)", clean(f("future_profiled")) u 1:2 w l lw 3 dt 3 lc rgb "#332288" t "future combined, profiled"'
fi
CLEAN="$OUT/.figures-clean" # the tables as the plots read them
GP="$OUT/.figures-gp"       # the gnuplot scripts: a preamble per terminal, a file per figure

# The plots read every table through this filter (clean_tables FILE...: once per table, into
# CLEAN): the provenance line and other comments go, the header stays, rows with a non-finite
# number or a status other than "ok" are skipped.
clean_tables() {
  awk -v dir="$CLEAN" '
BEGIN { FS = "\t"; OFS = "\t" }
FNR == 1 { if (out) close(out); n = split(FILENAME, part, "/"); out = dir "/" part[n]; header = 0; status = 0 }
/^#/ { next }
!header { header = 1; for (i = 1; i <= NF; i++) if ($i == "status") status = i; print > out; next }
{
  if (status && $status != "ok") next
  for (i = 1; i <= NF; i++) if (i != status && tolower($i) ~ /^[-+]?(inf|nan)/) next
  print > out
}' "$@"
}

# draw FIGURE...: the figures' PNG and PDF, by two gnuplot processes side by side.
draw() {
  scripts=""
  for fig in "$@"; do scripts="$scripts $GP/$fig.gp"; done
  # shellcheck disable=SC2086
  gnuplot "$GP/pre-png.gp" $scripts &
  png_pid=$!
  # shellcheck disable=SC2086
  gnuplot "$GP/pre-pdf.gp" $scripts || { echo "figures.sh: gnuplot ($*, PDF) failed" >&2; exit 1; }
  wait "$png_pid" || { echo "figures.sh: gnuplot ($*, PNG) failed" >&2; exit 1; }
}

write_plot_scripts() {
  rm -rf "$CLEAN" "$GP"
  mkdir -p "$CLEAN" "$GP"
  for term in png pdf; do
    cat > "$GP/pre-$term.gp" <<EOF
OUT = "$OUT"
clean(f) = sprintf("%s/%s", "$CLEAN", f)
set encoding utf8
if ("$term" eq "png") {
  set terminal pngcairo enhanced size 1800,760 font "DejaVu Sans,15"
  KEYFONT = ",12"
} else {
  set terminal pdfcairo enhanced size 11in,4.6in font "DejaVu Sans,10"
  KEYFONT = ",8"
}
W = 1.0
ext = "$term"
set datafile separator tab
set datafile columnheaders

# One style per experiment, the same in every figure.  Okabe-Ito colours (distinct for
# colour-blind readers) and, for greyscale, a distinct dash pattern per line; widths that stay
# readable at column width.
set linetype 1 lc rgb "#000000" lw 3.0*W dt 1 pt 7 ps 1.2   # data points
set linetype 2 lc rgb "#0072B2" lw 3.0*W dt 1               # COHERENT CsI
set linetype 3 lc rgb "#56B4E9" lw 3.0*W dt 2               # COHERENT LAr
set linetype 4 lc rgb "#009E73" lw 3.0*W dt 4               # CENNS-750
set linetype 5 lc rgb "#D55E00" lw 3.0*W dt (18,6)          # TEXONO
set linetype 6 lc rgb "#CC79A7" lw 3.0*W dt 3               # 51Cr CENS
set linetype 7 lc rgb "#E69F00" lw 3.0*W dt 5               # 51Cr-LXe
set linetype 8 lc rgb "#000000" lw 3.5*W dt 1               # XENONnT
set linetype 9 lc rgb "#666666" lw 1.5*W dt 1               # XENON1T band edges
BAND = "#BBBBBB"
set style fill transparent solid 0.45 noborder

set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set xlabel "m_4 [MeV]"
set grid xtics ytics mxtics mytics lc rgb "#dddddd" lw 0.5
set key top left box opaque Left reverse samplen 3 spacing 1.1 font KEYFONT
set tics out nomirror

EOF
  done
  cat > "$GP/fig3.gp" <<EOF
# ---- Fig. 3: effective moments, one panel per production channel ----------------------------
set output sprintf("%s/fig3.%s", OUT, ext)
# The solar-flux limits (XENON1T, XENONnT) rise steeply near their kinematic reach: cap the axis
# so that the other curves keep their room.
set yrange [*:1e-6]
set multiplot layout 1,2 title "90 % C.L. on the effective transition moment (arXiv:2109.09545, Fig. 3)"
set ylabel "μ_{eff} / μ_B"
set title "ν_μ → ν_4"
plot clean("fig3_xenon1t_mu.tsv") u 1:2:3 w filledcurves lc rgb BAND t "XENON1T ν_μ (allowed; ν_μ share of the solar flux)", \
     "" u 1:2 w l lt 9 notitle, "" u 1:3 w l lt 9 notitle, \
     clean("fig3_coherent_csi.tsv") u 1:2 w l lt 2 t "COHERENT CsI", \
     clean("fig3_coherent_lar.tsv") u 1:2 w l lt 3 t "COHERENT LAr", \
     clean("fig3_cenns750.tsv") u 1:2 w l lt 4 t "CENNS-750 (projected)" $XENONNT_FIG3_MU
set title "ν_e → ν_4"
plot clean("fig3_xenon1t_e.tsv") u 1:2:3 w filledcurves lc rgb BAND t "XENON1T ν_e (allowed; also ν_μ panel)", \
     "" u 1:2 w l lt 9 notitle, "" u 1:3 w l lt 9 notitle, \
     clean("fig3_texono.tsv") u 1:2 w l lt 5 t "TEXONO", \
     for [t in "si ge al2o3 cawo4"] clean("fig3_cr51_cens_".t.".tsv") u 1:2 w l lt 6 \
         t (t eq "si" ? "^{51}Cr CENS (Si, Ge, Al_2O_3, CaWO_4; projected)" : ""), \
     for [c in "A B C"] clean("fig3_cr51_lxe_".c.".tsv") u 1:2 w l lt 7 \
         t (c eq "A" ? "^{51}Cr-LXe (A, B, C; projected)" : "") $XENONNT_FIG3
unset multiplot

EOF
  cat > "$GP/fig4.gp" <<EOF
# ---- Fig. 4: fundamental TMMs, one panel per |lambda_i4| --------------------------------------
set output sprintf("%s/fig4.%s", OUT, ext)
set yrange [*:1e-5]
set multiplot layout 1,3 title "90 % C.L. on |λ_{i4}|: one at a time without CP phases (arXiv:2109.09545, Fig. 4), and combined, others zero or profiled over moduli and phases"
do for [l in "14 24 34"] {
  set title sprintf("|λ_{%s}|", l)
  set ylabel sprintf("|λ_{%s}| / μ_B", l)
  if (l eq "14") { set key top left } else { unset key }
  f(e) = sprintf("fig4_lambda%s_%s.tsv", l, e)
  plot clean(f("xenon1t")) u 1:2:3 w filledcurves lc rgb BAND t "XENON1T (allowed)", \
       "" u 1:2 w l lt 9 notitle, "" u 1:3 w l lt 9 notitle, \
       clean(f("coherent_csi")) u 1:2 w l lt 2 t "COHERENT CsI", \
       clean(f("coherent_lar")) u 1:2 w l lt 3 t "COHERENT LAr", \
       clean(f("cenns750")) u 1:2 w l lt 4 t "CENNS-750", \
       clean(f("texono")) u 1:2 w l lt 5 t "TEXONO", \
       clean(f("cr51_cens_ge")) u 1:2 w l lt 6 t "^{51}Cr CENS (Ge)", \
       clean(f("cr51_lxe_C")) u 1:2 w l lt 7 t "^{51}Cr-LXe (C)" $XENONNT_FIG4 $COMBINED_FIG4
}
unset multiplot

EOF
  cat > "$GP/fig12.gp" <<EOF
# ---- Figs. 1 and 2: spectra at m4 = 10 keV ----------------------------------------------------
# Bins on their own edges (columns 1-2): backgrounds as filled grey boxes, predictions as step
# histograms (steps through the lower edges plus one flat segment per bin, so the last bin
# closes), data with Poisson sqrt(N) error bars.  The 51Cr set-ups are projections: their
# "data" are the SM expectation, drawn with its expected sqrt(N).
unset logscale x
set format x "%g"
set key top right box opaque Left reverse samplen 3 font KEYFONT
set style fill solid 1.0 noborder
mid(a, b) = 0.5 * (a + b)
cfg_dt(c) = c eq "A" ? 1 : c eq "B" ? 2 : 4
tgt_dt(t) = t eq "si" ? 1 : t eq "ge" ? 2 : t eq "al2o3" ? 4 : 5
tgt_lc(t) = t eq "si" ? "#CC79A7" : t eq "ge" ? "#0072B2" : t eq "al2o3" ? "#009E73" : "#D55E00"
tgt_name(t) = t eq "al2o3" ? "Al_2O_3" : t eq "cawo4" ? "CaWO_4" : t eq "si" ? "Si" : "Ge"
BKG = "#BBBBBB"

set output sprintf("%s/fig1.%s", OUT, ext)
set multiplot layout 1,3 title "Electron recoils at m_4 = 10 keV (arXiv:2109.09545, Fig. 1)"
unset logscale y
set format y "%g"
set yrange [0:*]
set offsets 0, 0, graph 0.3, 0
set xlabel "E [keV]"
set ylabel "events per 1-keV bin"
set title "XENON1T SR1, μ_{eff} = 3×10^{-11} μ_B"
plot clean("fig1_xenon1t.tsv") u (mid(\$1,\$2)):"bkg_B0":(\$2-\$1) w boxes lc rgb BKG t "B_0 (incl. SM ν–e)", \
     "" u 1:"total" w steps lt 7 t "B_0 + dipole", \
     "" u 1:"total":(\$2-\$1):(0) w vectors nohead lt 7 notitle, \
     "" u (mid(\$1,\$2)):"observed":(sqrt(column("observed"))) w yerrorbars lt 1 t "data"
set xlabel "T [MeV]"
set ylabel "events / (kg day MeV)"
set title "TEXONO (one 3–8 MeV bin), μ_{eff} = 10^{-10} μ_B"
# One-bin fallback: the point is xi x SM with xi = 1.08 +- 0.21 (stat) +- 0.16 (sys), TEXONO
# arXiv:0911.1597 abstract (data/experiments/texono/README.md): relative error
# sqrt(0.21^2 + 0.16^2)/1.08 = 0.24.
plot clean("fig1_texono.tsv") u 1:"sm":(\$2-\$1):(0) w vectors nohead lt 4 t "SM", \
     "" u 1:"total":(\$2-\$1):(0) w vectors nohead lt 5 t "SM + dipole", \
     "" u (mid(\$1,\$2)):"observed":(column("observed")*sqrt(0.21**2+0.16**2)/1.08) w yerrorbars lt 1 t "ξ × SM (TEXONO 2010)"
set xlabel "T [keV]"
set ylabel "events per bin"
set title "^{51}Cr-LXe (projected), μ_{eff} = 10^{-11} μ_B"
plot for [c in "A B C"] clean("fig1_cr51_lxe_".c.".tsv") u 1:"total" w steps lt 7 dt cfg_dt(c) t c.": SM + dipole", \
     for [c in "A B C"] clean("fig1_cr51_lxe_".c.".tsv") u 1:"total":(\$2-\$1):(0) w vectors nohead lt 7 dt cfg_dt(c) notitle, \
     for [c in "A B C"] clean("fig1_cr51_lxe_".c.".tsv") u 1:"sm" w steps lt 4 dt cfg_dt(c) t c.": SM", \
     for [c in "A B C"] clean("fig1_cr51_lxe_".c.".tsv") u 1:"sm":(\$2-\$1):(0) w vectors nohead lt 4 dt cfg_dt(c) notitle, \
     clean("fig1_cr51_lxe_C.tsv") u (mid(\$1,\$2)):"observed":(sqrt(column("observed"))) w yerrorbars lt 1 pt 6 t "C: SM expectation ± √N"
unset multiplot

set output sprintf("%s/fig2.%s", OUT, ext)
set multiplot layout 1,3 title "Nuclear recoils at m_4 = 10 keV (arXiv:2109.09545, Fig. 2)"
set xlabel "n_{PE}"
set ylabel "events per bin"
set title "COHERENT CsI, μ_{eff} = 10^{-9} μ_B"
plot clean("fig2_coherent_csi.tsv") u (mid(\$1,\$2)):"bkg_prompt_neutron":(\$2-\$1) w boxes lc rgb BKG t "prompt-neutron bkg", \
     "" u 1:(column("sm")+column("bkg_prompt_neutron")) w steps lt 4 t "SM + bkg", \
     "" u 1:(column("sm")+column("bkg_prompt_neutron")):(\$2-\$1):(0) w vectors nohead lt 4 notitle, \
     "" u 1:"total" w steps lt 2 t "SM + dipole + bkg", \
     "" u 1:"total":(\$2-\$1):(0) w vectors nohead lt 2 notitle, \
     "" u (mid(\$1,\$2)):"observed":(sqrt(column("observed"))) w yerrorbars lt 1 t "data"
set xlabel "E_{ee} [keV_{ee}]"
set title "COHERENT LAr, μ_{eff} = 10^{-9} μ_B"
plot clean("fig2_coherent_lar.tsv") u (mid(\$1,\$2)):(column("bkg_prompt_BRN")+column("bkg_delayed_BRN")):(\$2-\$1) w boxes lc rgb BKG t "BRN bkg (prompt + delayed)", \
     "" u 1:(column("sm")+column("bkg_prompt_BRN")+column("bkg_delayed_BRN")) w steps lt 4 t "SM + bkg", \
     "" u 1:(column("sm")+column("bkg_prompt_BRN")+column("bkg_delayed_BRN")):(\$2-\$1):(0) w vectors nohead lt 4 notitle, \
     "" u 1:"total" w steps lt 3 t "SM + dipole + bkg", \
     "" u 1:"total":(\$2-\$1):(0) w vectors nohead lt 3 notitle, \
     "" u (mid(\$1,\$2)):"observed":(sqrt(abs(column("observed")))) w yerrorbars lt 1 t "data (±√N)"
set logscale y
set format y "10^{%L}"
set autoscale y
set offsets 0, 0, 0, 0
set xlabel "T [eV]"
set title "^{51}Cr CENS (projected), μ_{eff} = 10^{-11} μ_B"
plot for [t in "si ge al2o3 cawo4"] clean("fig2_cr51_cens_".t.".tsv") u 1:"total" w steps lt 6 dt tgt_dt(t) lc rgb tgt_lc(t) t tgt_name(t)." SM + dipole", \
     for [t in "si ge al2o3 cawo4"] clean("fig2_cr51_cens_".t.".tsv") u 1:"total":(\$2-\$1):(0) w vectors nohead lt 6 dt tgt_dt(t) lc rgb tgt_lc(t) notitle, \
     for [t in "si ge al2o3 cawo4"] clean("fig2_cr51_cens_".t.".tsv") u 1:"sm" w steps lw 1.5 dt 3 lc rgb tgt_lc(t) t (t eq "si" ? "SM (each target, dotted)" : ""), \
     for [t in "si ge al2o3 cawo4"] clean("fig2_cr51_cens_".t.".tsv") u 1:"sm":(\$2-\$1):(0) w vectors nohead lw 1.5 dt 3 lc rgb tgt_lc(t) notitle
unset multiplot
EOF
}
[ "$PLOTTING" = 0 ] || write_plot_scripts

# The programs are single-threaded and independent: Fig. 3 and Figs. 1-2 run (and are drawn)
# in the background while Fig. 4 runs here, about half each (two cores).  A failure in either
# stops the script.
fig3_and_spectra() {
  echo "figures.sh: Fig. 3 (effective moments)" >&2
  tsv fig3_xenon1t_e.tsv xenon1t limit --flavor e --points "$POINTS"
  tsv fig3_xenon1t_mu.tsv xenon1t limit --flavor mu --points "$POINTS"
  tsv fig3_coherent_csi.tsv coherent-csi limit --flavor mu --points "$POINTS"
  tsv fig3_coherent_lar.tsv coherent-lar limit --flavor mu --points "$POINTS"
  tsv fig3_cenns750.tsv cenns750 limit --flavor mu --points "$POINTS"
  tsv fig3_texono.tsv texono limit --flavor e --points "$POINTS"
  for t in si ge al2o3 cawo4; do
    tsv "fig3_cr51_cens_$t.tsv" cr51-cens limit --target "$t" --points "$POINTS"
  done
  for c in A B C; do
    tsv "fig3_cr51_lxe_$c.tsv" cr51-lxe limit --config "$c" --points "$POINTS"
  done
  if [ "$XENONNT" = 1 ]; then
    tsv fig3_xenonnt_e.tsv xenonnt limit --flavor e --points "$POINTS"
    tsv fig3_xenonnt_mu.tsv xenonnt limit --flavor mu --points "$POINTS"
  fi

  echo "figures.sh: Figs. 1 and 2 (spectra at m4 = 10 keV)" >&2
  # The paper's benchmark moments were stripped from its text; these are allowed by the limits
  # above and keep the 51Cr moments two orders of magnitude below COHERENT's, as the paper does.
  tsv fig1_xenon1t.tsv xenon1t spectrum --m4 0.01 --mu 3e-11
  tsv fig1_texono.tsv texono spectrum --m4 0.01 --mu 1e-10
  for c in A B C; do
    tsv "fig1_cr51_lxe_$c.tsv" cr51-lxe spectrum --m4 0.01 --mu 1e-11 --config "$c"
  done
  tsv fig2_coherent_csi.tsv coherent-csi spectrum --m4 0.01 --mu 1e-9
  tsv fig2_coherent_lar.tsv coherent-lar spectrum --m4 0.01 --mu 1e-9
  for t in si ge al2o3 cawo4; do
    tsv "fig2_cr51_cens_$t.tsv" cr51-cens spectrum --m4 0.01 --mu 1e-11 --target "$t"
  done
  if [ "$PLOTTING" = 1 ]; then
    clean_tables "$OUT"/fig3_*.tsv "$OUT"/fig1_*.tsv "$OUT"/fig2_*.tsv
    draw fig3 fig12
  fi
}
fig3_and_spectra &
FIG3_PID=$!
echo "figures.sh: Fig. 4 (fundamental TMMs)" >&2
for l in 14 24 34; do
  tsv "fig4_lambda${l}_xenon1t.tsv" xenon1t limit --param "lambda$l" --points "$POINTS"
  tsv "fig4_lambda${l}_coherent_csi.tsv" coherent-csi limit --param "lambda$l" --points "$POINTS"
  tsv "fig4_lambda${l}_coherent_lar.tsv" coherent-lar limit --param "lambda$l" --points "$POINTS"
  tsv "fig4_lambda${l}_cenns750.tsv" cenns750 limit --param "lambda$l" --points "$POINTS"
  tsv "fig4_lambda${l}_texono.tsv" texono limit --param "lambda$l" --points "$POINTS"
  tsv "fig4_lambda${l}_cr51_cens_ge.tsv" cr51-cens limit --target ge --param "lambda$l" --points "$POINTS"
  tsv "fig4_lambda${l}_cr51_lxe_C.tsv" cr51-lxe limit --config C --param "lambda$l" --points "$POINTS"
  if [ "$XENONNT" = 1 ]; then
    tsv "fig4_lambda${l}_xenonnt.tsv" xenonnt limit --param "lambda$l" --points "$POINTS"
  fi
done

if [ -x "$BIN/nutmm-scan" ]; then
  echo "figures.sh: Fig. 4, combined current and future limits (nutmm-scan)" >&2
  sh "$SRC/examples/fig4_combined.sh" "$BIN" "$OUT"
fi
if [ "$PLOTTING" = 1 ]; then
  clean_tables "$OUT"/fig4_*.tsv
  draw fig4
fi
wait "$FIG3_PID" || { echo "figures.sh: Fig. 3 or Figs. 1-2 failed" >&2; exit 1; }
if [ "$PLOTTING" = 1 ]; then
  rm -rf "$CLEAN" "$GP"
  echo "figures.sh: wrote $OUT/*.tsv, $OUT/*.png and $OUT/*.pdf" >&2
fi
