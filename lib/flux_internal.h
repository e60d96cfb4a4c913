/* libnutmm -- private part of the flux module, shared by lib/flux*.c.
 * Not installed; nothing here is part of the API. */
#ifndef NUTMM_FLUX_INTERNAL_H
#define NUTMM_FLUX_INTERNAL_H

#include "internal.h"

#include "nutmm/flux.h"

/* Append an analytic Michel-type continuum written about its end point b:
 *   dPhi/dE = norm E^2 (A + B (b - E))  on 0 <= E <= b, 0 elsewhere,
 * with A, B >= 0 (so it is non-negative; A = 0 makes it vanish at b exactly).
 * Its moments are evaluated in closed form.
 * Errors: as nutmm_flux_add_table; NUTMM_EDOM for A or B negative. */
NUTMM_INTERNAL int nutmm_flux_add_michel_(nutmm_flux *f, nutmm_species species, const char *label, double norm,
                           double A, double B, double b);

/* Read columns 1-2 of a data file (path) as (E [MeV], value): at least two
 * columns per row; E >= 0 strictly increasing and >= 2 rows (lines == 0,
 * spectra) or E > 0 in any order (lines != 0); value >= 0.  Errors name
 * file:line (NUTMM_EFORMAT), NUTMM_EIO, NUTMM_ENOMEM.  On success *E and *v are
 * malloc'ed arrays of *n values (free them). */
NUTMM_INTERNAL int nutmm_flux_read_pairs_(const char *path, int lines, size_t *n, double **E, double **v);

/* For the rate engine: the state of the interval search and the segment logarithms at one
 * E_lo, shared by the tables of one grid group (components on identical energy nodes, e.g.
 * the flavour or mass-state pieces of one solar source) and used as the starting point of
 * the next search (successive recoil nodes move E_lo little).  Initialise with
 * nutmm_flux_locus_init_(); only ever use one locus with the tables of one grid. */
typedef struct {
  double E_lo;   /* the E_lo the fields below describe (NaN: none) */
  size_t j;      /* E[j] <= E_lo < E[j+1]; the next search starts here */
  int where;     /* above the support, below it, or inside */
  double t, x, l1, g1, g2;
} nutmm_flux_locus_;

NUTMM_INTERNAL void nutmm_flux_locus_init_(nutmm_flux_locus_ *L);

/* 1 if components i and k (valid indices) are tables on the same energy nodes. */
NUTMM_INTERNAL int nutmm_flux_same_grid_(const nutmm_flux *f, size_t i, size_t k);

/* nutmm_flux_moments() without argument checks (i valid, E_lo > 0 finite): the same
 * numbers.  Tables use and update the locus L of their grid group (L NULL: no sharing). */
NUTMM_INTERNAL void nutmm_flux_moments_fast_(const nutmm_flux *f, size_t i, double E_lo, nutmm_flux_locus_ *L,
                              double mom[3]);

/* Read-only view of a table component: nodes E[n], values f[n] and tail integrals
 * tail[k][i] = int_{E_i}^{E_{n-1}} dPhi/dE E^-k dE (k = 0, 1, 2).  Returns 1 and fills v
 * for a table (i valid), 0 for any other kind.  Valid while the flux lives. */
typedef struct {
  size_t n;
  const double *E, *f, *tail[3];
} nutmm_flux_tview_;

NUTMM_INTERNAL int nutmm_flux_table_view_(const nutmm_flux *f, size_t i, nutmm_flux_tview_ *v);

enum { NUTMM_LOCUS_ABOVE_ = 0, NUTMM_LOCUS_BELOW_ = 1, NUTMM_LOCUS_INSIDE_ = 2 };

/* Table v on the finer nodes U[nU] (every node of v is one of U, strictly increasing): f[j]
 * the spectrum at U[j] (linear between v's nodes, 0 outside its support) and tail[k][j] =
 * int_{U_j}^{E_{n-1}} dPhi/dE E^-k dE, the piece of v's segment above U[j] (as
 * nutmm_flux_moments computes it) plus v's tail beyond; v's own values at its nodes.  The
 * moments of v at an E_lo inside its support then follow from a locus on U, shared by every
 * table regridded onto U: the same integrals, to rounding.  f, tail[k]: [nU] each. */
NUTMM_INTERNAL void nutmm_flux_table_regrid_(const nutmm_flux_tview_ *v, const double *U,
                                             size_t nU, double *f, double *tail[3]);
/* nutmm_flux_table_regrid_ of nv tables on the same nodes (one grid group) at once, the
 * geometry of each fine node computed once: f[q], tail[3 q + k] are table q's outputs. */
NUTMM_INTERNAL void nutmm_flux_tables_regrid_(const nutmm_flux_tview_ *v, size_t nv,
                                              const double *U, size_t nU, double *const *f,
                                              double *const *tail);

/* Bring L to E_lo on the nodes of table v (nothing to do when L is there already): the
 * search and the logarithms that nutmm_flux_moments_fast_() keeps in a locus. */
NUTMM_INTERNAL void nutmm_flux_locus_move_(const nutmm_flux_tview_ *v, double E_lo,
                                           nutmm_flux_locus_ *L);

/* The moments at L->E_lo (inside the nodes E, in segment j = L->j) of a piecewise-linear
 * spectrum that is fa0 just right of E[j] and fb0 just left of E[j+1], with tails tail[k]
 * at E[j+1]: segment(E_lo, E[j+1], f_lo, fb0) + tail (flux.c).  Linear in (fa0, fb0, tail):
 * a weighted sum of tables on the same nodes has the weighted sum of their moments. */
static inline void nutmm_flux_segment_moments_(const double *E, const nutmm_flux_locus_ *L,
                                               double fa0, double fb0, const double tail[3],
                                               double mom[3])
{
  const size_t j = L->j;
  const double a = L->E_lo, b = E[j + 1], fa = fa0 + L->t * (fb0 - fa0);
  const double fb = fb0, h = b - a, beta = (fb - fa) / h;
  mom[0] = 0.5 * h * (fa + fb) + tail[0];
  mom[1] = fa * L->l1 + beta * a * L->g1 + tail[1];
  mom[2] = fa * L->x / b + beta * L->g2 + tail[2];
}

/* The moments of table v at L->E_lo from a locus brought there by nutmm_flux_locus_move_()
 * on the same nodes: segment(E_lo, E[j+1], f_lo, f[j+1]) + tail[j+1] (flux.c), the very
 * operations of nutmm_flux_moments_fast_(), hence the same numbers.  Inline: the rate
 * engine calls it for every component at every recoil node. */
static inline void nutmm_flux_table_moments_(const nutmm_flux_tview_ *v,
                                             const nutmm_flux_locus_ *L, double mom[3])
{
  switch (L->where) {
  case NUTMM_LOCUS_ABOVE_:
    mom[0] = mom[1] = mom[2] = 0.0;
    return;
  case NUTMM_LOCUS_BELOW_:
    for (int k = 0; k < 3; k++)
      mom[k] = v->tail[k][0];
    return;
  default:
    break;
  }
  const size_t j = L->j;
  const double tail[3] = {v->tail[0][j + 1], v->tail[1][j + 1], v->tail[2][j + 1]};
  nutmm_flux_segment_moments_(v->E, L, v->f[j], v->f[j + 1], tail, mom);
}

#endif /* NUTMM_FLUX_INTERNAL_H */
