/* libnutmm -- the library's one root finder and one minimiser (private, not installed).
 *
 * Both are Brent's methods (R. P. Brent, "Algorithms for Minimization without
 * Derivatives", Prentice-Hall 1973, procedures zero and localmin), written out once here
 * and used by the detector (inverse quenching, true-energy windows) and by the limit
 * searches (best fits, interval edges, Delta chi^2 of a C.L.).  Why not GSL's
 * gsl_root_fsolver_brent / gsl_min_fminimizer_brent: their _alloc reports a failed
 * allocation through GSL's process-wide error handler (it cannot be checked before the
 * call); their iterate reports a non-finite function value (a user hook's NaN) the same
 * way; their function type has no status, so a hook's error could not stop the iteration;
 * and gsl_min_fminimizer_set insists on a triple f(x) < f(a), f(b), which the limit search
 * does not have (its minimum may sit in an end region).  These versions allocate nothing,
 * pass every status through and never call GSL. */
#ifndef NUTMM_SOLVE_H
#define NUTMM_SOLVE_H

#include "internal.h"

/* A scalar function with a status (the order of gsl_function): *f = f(x). */
typedef int (*nutmm_scalar_fn_)(double x, void *params, double *f);

/* Root of f on [a, b], given fa = f(a) and fb = f(b) of opposite signs (or one of them 0).
 * Stops when the bracket is below 2 DBL_EPSILON |x| + tol (tol >= 0, absolute).
 * Errors: NUTMM_EFAILED (no sign change), NUTMM_EDOM (f not finite at an iterate),
 * NUTMM_EMAXITER, the status of f. */
NUTMM_INTERNAL int nutmm_root_brent_(nutmm_scalar_fn_ f, void *params, double a, double b,
                                     double fa, double fb, double tol, double *root);

/* Local minimum of f on [a, b] (no bracketing triple needed: the result is an interior
 * local minimum or a point within tolerance of an end).  Accuracy rtol |x| + tol/3 in x
 * (rtol > 0 relative, tol >= 0 absolute).  Should the iteration cap be met, the lowest point
 * found is returned (still a valid approximation).  Errors: NUTMM_EDOM (f not finite), the
 * status of f. */
NUTMM_INTERNAL int nutmm_min_brent_(nutmm_scalar_fn_ f, void *params, double a, double b,
                                    double tol, double rtol, double *xmin, double *fmin);

#endif /* NUTMM_SOLVE_H */
