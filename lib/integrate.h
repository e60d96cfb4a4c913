/* libnutmm -- private adaptive quadrature that never calls GSL's error handler.
 *
 * GSL's gsl_integration_qag() reports non-convergence through the process-wide
 * error handler, whose default aborts.  A library inside someone's scan must
 * not do that, so libnutmm drives GSL's Gauss-Kronrod rule
 * (gsl_integration_qk21, which has no failure path) with its own small
 * adaptive bisection: the worst interval is split until the error estimate
 * meets max(epsabs, epsrel |I|).  No heap allocation. */
#ifndef NUTMM_INTEGRATE_H
#define NUTMM_INTEGRATE_H

#include "internal.h"

#include <stddef.h>

#include <gsl/gsl_math.h>

/* Maximum number of subintervals of one call. */
#define NUTMM_QUAD_MAX_INTERVALS 512

/* Integrate f over [a, b] (a <= b; a == b gives 0).  Returns NUTMM_SUCCESS,
 * NUTMM_ETOL if the tolerance was not met within the interval limit (result
 * and abserr are then the best estimate), or NUTMM_EDOM if f returned a
 * non-finite value (reason names the abscissa). */
NUTMM_INTERNAL int nutmm_quad(const gsl_function *f, double a, double b, double epsabs, double epsrel,
               double *result, double *abserr);

/* As nutmm_quad over consecutive pieces [pts[i], pts[i+1]] (npts >= 2),
 * for integrands with known kinks or edges inside the range. */
NUTMM_INTERNAL int nutmm_quad_pts(const gsl_function *f, const double *pts, size_t npts, double epsabs,
                   double epsrel, double *result, double *abserr);

#endif /* NUTMM_INTEGRATE_H */
