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

#endif /* NUTMM_FLUX_INTERNAL_H */
