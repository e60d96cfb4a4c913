/** @file
 * @brief libnutmm -- detector response: quenching, light yield, resolution,
 * efficiencies, binning and the precomputed response matrix.
 *
 * Implements the detector part of the event-rate formula, eq. (21) of
 * arXiv:2109.09545 (physics manual phys-rate-eq21), with the experiment inputs of
 * physics manual phys-detector-inputs.
 *
 * UNITS (read this first)
 * -----------------------
 * ~~~
 *   T     true recoil kinetic energy (nuclear or electron recoil)   MeV
 *   E_ee  electron-equivalent energy after quenching                MeV (keVee * NUTMM_KEV)
 *   x     the OBSERVABLE.  Two cases, fixed by the light yield:
 *           - no light yield set (default):  x = E_ee, in MeV;
 *           - light yield LY set:            x = LY * E_ee, a photoelectron
 *             count (dimensionless), LY in PE per MeV of E_ee
 *             (COHERENT CsI: 13.348 PE/keVee = 13.348 / NUTMM_KEV PE/MeV).
 *         Bin edges, thresholds, the resolution sigma(x) and efficiency
 *         tables "in the observable" are all in the unit of x.
 *   Energies are never in keV inside libnutmm: convert with NUTMM_KEV
 *   (e.g. 10 keV = 10 * NUTMM_KEV).  A resolution quoted as
 *   sigma = a sqrt(E[keV]) keV has a = a_keV * sqrt(NUTMM_KEV) in sqrt(MeV).
 * ~~~
 *
 * The chain for one event of true recoil energy T:
 * ~~~
 *   T --quenching--> E_ee(T) --light yield--> x_true(T)
 *     --Gaussian smearing K(x; x_true)--> x   (reconstructed observable)
 *   weight = eps_true(T) * Theta(T - T_thr) * eps_obs(x) * Theta(x - x_thr).
 * ~~~
 * The expected counts in bin i = [e_i, e_{i+1}) of the observable are
 * ~~~
 *   N_i = int dT dR/dT(T) eps_true(T) Theta(T-T_thr)
 *                * int_{e_i}^{e_{i+1}} dx eps_obs(x) Theta(x-x_thr) K(x; x_true(T)).
 * ~~~
 *
 * Resolution kernel.  K(x; mu) is a Gaussian of mean mu = x_true(T) and width
 * sigma(mu).  By default (NUTMM_KERNEL_TRUNCATED) it is truncated to the
 * physical range x >= 0 and renormalised,
 * ~~~
 *   K(x; mu) = exp(-(x-mu)^2/(2 sigma^2)) / (sqrt(2 pi) sigma Phi(mu/sigma)),  x >= 0,
 * ~~~
 * so that int_0^inf K dx = 1: every event is reconstructed somewhere (no
 * event is lost to the unphysical x < 0).  NUTMM_KERNEL_PLAIN keeps the plain
 * Gaussian; the fraction Phi(-mu/sigma) below x = 0 is then lost.  The two
 * differ only for mu < ~3 sigma.  Bin integrals are exact (erfc), also with a
 * piecewise-linear (tabulated) efficiency; a logistic or user efficiency in
 * the smeared observable is integrated by adaptive Gauss-Kronrod when the
 * response is built.  Where sigma(mu) = 0 (no resolution, or mu = 0 with
 * sigma = a sqrt(x) + b x) the kernel is a delta function.
 *
 * Bins are half-open, [e_i, e_{i+1}).
 *
 * Usage: allocate a detector, configure it with the nutmm_detector_set_*
 * calls, then build one response matrix per true-energy quadrature grid
 * (nutmm_response_alloc) and apply it to as many spectra as needed
 * (nutmm_response_apply: a matrix-vector product, no allocation).
 * A configured detector is read-only in every other call and may be shared
 * between threads (user hooks must then be re-entrant); the set_* calls
 * modify it and must not run concurrently with its use.  A response matrix
 * is independent of its detector once built.
 */
#ifndef NUTMM_DETECTOR_H
#define NUTMM_DETECTOR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- experiment inputs (physics manual phys-detector-inputs), in the units quoted ------ */

/* COHERENT CsI[Na]: quenching polynomial E_ee = sum_k c_k T^k, T and E_ee in
 * MeV (physics manual phys-detector-inputs; COHERENT 2021 CsI release values, arXiv:2110.07730). */
#define NUTMM_CSI_QF_C1 0.0554628  /* dimensionless */
#define NUTMM_CSI_QF_C2 4.30681    /* MeV^-1 */
#define NUTMM_CSI_QF_C3 (-111.707) /* MeV^-2 */
#define NUTMM_CSI_QF_C4 840.384    /* MeV^-3 */
/* Validity range of the polynomial map used by nutmm_detector_set_quench_csi
 * (MeV; above the largest pi-DAR recoil, ~0.047 MeV for 127I).  The map is
 * monotonic there (checked). */
#define NUTMM_CSI_QF_TMAX 0.1
/* COHERENT CsI light yield, PE per keVee (1804.09459); in libnutmm units
 * pass NUTMM_CSI_LY_PER_KEVEE / NUTMM_KEV (PE per MeVee). */
#define NUTMM_CSI_LY_PER_KEVEE 13.348
/* COHERENT CsI 2017 acceptance eps(n) = a / (1 + exp(-k (n - n0))) Theta(n - n_thr),
 * n = number of photoelectrons (1804.09459, physics manual phys-detector-inputs). */
#define NUTMM_CSI_ACC_A 0.6655
#define NUTMM_CSI_ACC_K 0.4942      /* PE^-1 */
#define NUTMM_CSI_ACC_X0 10.8507    /* PE */
#define NUTMM_CSI_ACC_THRESHOLD 5.0 /* PE */
/* COHERENT LAr quenching factor QF(T) = a + b T, E_ee = QF(T) T (2003.10630). */
#define NUTMM_LAR_QF_A 0.246
#define NUTMM_LAR_QF_B_PER_KEV 7.8e-4 /* keVnr^-1; in MeV^-1 divide by NUTMM_KEV */
/* COHERENT LAr resolution sigma/E = c / sqrt(E_ee[keV]) (2006.12659). */
#define NUTMM_LAR_RES_C 0.58 /* sqrt(keV) */
/* XENON1T resolution sigma(E) = a sqrt(E) + b E (2006.09721, not confirmed). */
#define NUTMM_XENON1T_RES_A 0.310 /* sqrt(keV) */
#define NUTMM_XENON1T_RES_B 0.0037

/* ---- types --------------------------------------------------------------- */

typedef struct nutmm_detector nutmm_detector;
typedef struct nutmm_response nutmm_response;

/* Maximal degree of a polynomial quenching map. */
#define NUTMM_QUENCH_POLY_MAX 8

/* Where an efficiency or a threshold acts: on the reconstructed observable x
 * (after smearing) or on the true recoil energy T (MeV, before quenching). */
typedef enum { NUTMM_EFF_OBSERVABLE = 0, NUTMM_EFF_TRUE = 1 } nutmm_eff_space;

/* Tabulated efficiency outside its abscissa range: the end values (CLAMP) or 0 (ZERO). */
typedef enum { NUTMM_EFF_OUTSIDE_CLAMP = 0, NUTMM_EFF_OUTSIDE_ZERO = 1 } nutmm_eff_outside;

/* Normalisation of the Gaussian kernel (see the header comment). */
typedef enum { NUTMM_KERNEL_TRUNCATED = 0, NUTMM_KERNEL_PLAIN = 1 } nutmm_kernel_norm;

/* User hooks.  Each returns NUTMM_SUCCESS or a status (preferably recorded
 * with nutmm_error_set, which libnutmm then chains); a non-finite or
 * out-of-range output is reported by libnutmm as NUTMM_EDOM.
 *   quenching:  T (MeV) -> E_ee (MeV), must be >= 0 and strictly increasing;
 *   resolution: x (observable unit) -> sigma (observable unit), >= 0;
 *   efficiency: v (x, or T in MeV, by its space) -> eps in [0, 1]. */
typedef int (*nutmm_quench_fn)(double T, void *user_data, double *E_ee);
typedef int (*nutmm_sigma_fn)(double x, void *user_data, double *sigma);
typedef int (*nutmm_efficiency_fn)(double v, void *user_data, double *eps);

/* ---- allocation ------------------------------------------------------------ */

/** Allocate a detector with the identity response: no quenching (E_ee = T),
 * no light yield (x = E_ee in MeV), no smearing, efficiencies 1, no
 * thresholds, truncated kernel normalisation, and no bins (set them before
 * building a response).  Errors: NUTMM_EFAULT (det NULL), NUTMM_ENOMEM. */
int nutmm_detector_alloc(nutmm_detector **det);

/** Free a detector; NULL is a no-op. */
void nutmm_detector_free(nutmm_detector *det);

/* ---- quenching T -> E_ee ------------------------------------------------------
 * Every set_quench_* call replaces the previous map.  On error the detector
 * is unchanged. */

/** No quenching, E_ee = T (electron recoils; also nuclear recoils measured in
 * true energy).  Errors: NUTMM_EFAULT. */
int nutmm_detector_set_quench_none(nutmm_detector *det);

/** Constant quenching factor, E_ee = qf T.  qf > 0 (dimensionless).
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (qf not finite or <= 0). */
int nutmm_detector_set_quench_constant(nutmm_detector *det, double qf);

/** Polynomial quenching E_ee = sum_{k=1}^{n} c[k-1] T^k (T, E_ee in MeV; c[k-1]
 * in MeV^{1-k}), valid for 0 <= T <= T_max (MeV).  The map must be strictly
 * increasing there: c[0] >= 0 and dE_ee/dT > 0 at 4096 equidistant points of
 * (0, T_max] (checked).  The inverse is found by a bracketed Brent iteration to
 * machine precision.  Errors: NUTMM_EFAULT, NUTMM_EINVAL (n = 0 or
 * n > NUTMM_QUENCH_POLY_MAX, map not increasing), NUTMM_EDOM (non-finite c,
 * T_max not finite and > 0). */
int nutmm_detector_set_quench_poly(nutmm_detector *det, const double *c, size_t n, double T_max);

/** COHERENT CsI quenching (physics manual phys-detector-inputs): the polynomial
 * E_ee = 0.0554628 T + 4.30681 T^2 - 111.707 T^3 + 840.384 T^4 (MeV) on
 * [0, NUTMM_CSI_QF_TMAX].  Errors: NUTMM_EFAULT. */
int nutmm_detector_set_quench_csi(nutmm_detector *det);

/** Linear quenching factor QF(T) = a + b T, E_ee = QF(T) T (T in MeV, b in
 * MeV^-1; a > 0, b >= 0).  Inverse analytic: T = 2 E_ee / (a + sqrt(a^2 + 4 b E_ee)).
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (a <= 0, b < 0 or non-finite). */
int nutmm_detector_set_quench_linear_qf(nutmm_detector *det, double a, double b);

/** COHERENT LAr quenching (physics manual phys-detector-inputs): QF = 0.246 + 7.8e-4 T[keVnr], i.e.
 * nutmm_detector_set_quench_linear_qf(det, 0.246, 7.8e-4 / NUTMM_KEV).
 * Errors: NUTMM_EFAULT. */
int nutmm_detector_set_quench_lar(nutmm_detector *det);

/** Lindhard quenching of nuclear recoils (Lindhard, Nielsen, Scharff and Thomsen, Mat. Fys.
 * Medd. Dan. Vid. Selsk. 33, no. 10 (1963), in the parametrisation of Lewin and Smith,
 * Astropart. Phys. 6 (1996) 87):
 *     E_ee = T k g(eps) / (1 + k g(eps)),   g = 3 eps^0.15 + 0.7 eps^0.6 + eps,
 *     eps = 11.5 Z^(-7/3) T[keV],
 * for a target of charge Z with the quenching parameter k (Lindhard's k = 0.133 Z^(2/3)
 * A^(-1/2) from nutmm_lindhard_k(); measured values differ, e.g. k ~ 0.16 for Ge) on
 * [0, T_max] (MeV, finite: the range of the inverse map).  The map increases for k > 0.
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (Z, k or T_max not finite and > 0). */
int nutmm_detector_set_quench_lindhard(nutmm_detector *det, double Z, double k, double T_max);

/** Lindhard's k = 0.133 Z^(2/3) A^(-1/2) (Lindhard et al. 1963) for charge Z and mass number
 * A; NaN (reason recorded) unless both are finite and > 0. */
double nutmm_lindhard_k(double Z, double A);

/** User quenching map f(T) = E_ee (MeV -> MeV) on [0, T_max] (MeV, finite).
 * f must be >= 0 and strictly increasing: checked at 257 equidistant points
 * (f is called then).  Inverse by bracketed Brent iteration.
 * Errors: NUTMM_EFAULT (det or f NULL), NUTMM_EDOM (T_max), NUTMM_EINVAL
 * (f not increasing), or the status of f. */
int nutmm_detector_set_quench_user(nutmm_detector *det, nutmm_quench_fn f, void *user_data,
                                   double T_max);

/* ---- light yield E_ee -> x ------------------------------------------------------ */

/** Light yield LY in photoelectrons per MeV of E_ee (CsI: 13.348 / NUTMM_KEV).
 * LY > 0 makes the observable a PE count x = LY E_ee; LY = 0 switches it off
 * (x = E_ee in MeV).  Bins, thresholds, resolution and observable efficiencies
 * are interpreted in the unit of x: set them consistently.
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (LY < 0 or non-finite). */
int nutmm_detector_set_light_yield(nutmm_detector *det, double ly);

/* ---- resolution sigma(x) --------------------------------------------------------- */

/** No smearing (default): K is a delta function.  Errors: NUTMM_EFAULT. */
int nutmm_detector_set_resolution_none(nutmm_detector *det);

/** Constant Gaussian width sigma >= 0 (observable unit; 0 = no smearing).
 * Errors: NUTMM_EFAULT, NUTMM_EDOM. */
int nutmm_detector_set_resolution_constant(nutmm_detector *det, double sigma);

/** sigma(x) = a sqrt(x) + b x, a >= 0 in sqrt(observable unit), b >= 0.
 * Covers XENON1T (a = 0.310 sqrt(NUTMM_KEV), b = 0.0037) and the LAr form
 * sigma/x = c/sqrt(x[keV]) (a = c sqrt(NUTMM_KEV), b = 0).
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (a or b negative or non-finite). */
int nutmm_detector_set_resolution_sqrt_linear(nutmm_detector *det, double a, double b);

/** XENON1T (physics manual phys-detector-kernel, phys-detector-inputs): sigma(E) = 0.310 sqrt(E
 * keV) + 0.0037 E, for an
 * observable in MeV (no light yield).  Errors: NUTMM_EFAULT. */
int nutmm_detector_set_resolution_xenon1t(nutmm_detector *det);

/** COHERENT LAr (physics manual phys-detector-kernel, phys-detector-inputs): sigma/E_ee = 0.58
 * / sqrt(E_ee[keV]), for an
 * observable in MeV (no light yield).  Errors: NUTMM_EFAULT. */
int nutmm_detector_set_resolution_lar(nutmm_detector *det);

/** User resolution sigma = f(x) (observable unit), f >= 0 and finite.
 * Errors: NUTMM_EFAULT (det or f NULL). */
int nutmm_detector_set_resolution_user(nutmm_detector *det, nutmm_sigma_fn f, void *user_data);

/** Kernel normalisation: NUTMM_KERNEL_TRUNCATED (default; truncated at x = 0
 * and renormalised) or NUTMM_KERNEL_PLAIN.  Errors: NUTMM_EFAULT, NUTMM_EINVAL. */
int nutmm_detector_set_kernel_norm(nutmm_detector *det, nutmm_kernel_norm norm);

/* ---- efficiencies and thresholds -------------------------------------------------
 * There is one efficiency slot per space (observable x and true T); each
 * set_efficiency_* call replaces the slot's previous content.  On error the
 * detector is unchanged. */

/** Efficiency 1 in `space` (default).  Errors: NUTMM_EFAULT, NUTMM_EINVAL (space). */
int nutmm_detector_set_efficiency_none(nutmm_detector *det, nutmm_eff_space space);

/** Logistic efficiency eps(v) = a / (1 + exp(-k (v - v0))) Theta(v - v_thr),
 * Theta(0) = 1 (physics manual phys-detector-inputs, CsI acceptance).  v, v0, v_thr in the unit of
 * the space (observable unit or MeV); 0 <= a <= 1, k > 0 (inverse unit of v).
 * Errors: NUTMM_EFAULT, NUTMM_EINVAL (space), NUTMM_EDOM (parameters). */
int nutmm_detector_set_efficiency_logistic(nutmm_detector *det, nutmm_eff_space space, double a,
                                           double k, double v0, double v_thr);

/** COHERENT CsI 2017 acceptance in the observable (PE): the logistic with
 * a = 0.6655, k = 0.4942 PE^-1, x0 = 10.8507 PE, threshold 5 PE.  The observable
 * must be a PE count (set the light yield).  Errors: NUTMM_EFAULT. */
int nutmm_detector_set_acceptance_csi2017(nutmm_detector *det);

/** Tabulated efficiency eps(v[i]) = eps[i], i < n (copied), linearly
 * interpolated; outside [v[0], v[n-1]] the end value (CLAMP) or 0 (ZERO).
 * v strictly increasing and finite (unit of the space), 0 <= eps <= 1, n >= 2.
 * Errors: NUTMM_EFAULT, NUTMM_EINVAL (space, outside, n < 2, v not increasing),
 * NUTMM_EDOM (non-finite v, eps outside [0, 1]), NUTMM_ENOMEM. */
int nutmm_detector_set_efficiency_table(nutmm_detector *det, nutmm_eff_space space,
                                        const double *v, const double *eps, size_t n,
                                        nutmm_eff_outside outside);

/** Tabulated efficiency read from a text file ('#' comments, whitespace
 * columns; data.h format): abscissa from column vcol, efficiency from column
 * ecol (0-based), abscissa multiplied by vunit to convert it to the space's
 * unit (e.g. NUTMM_KEV for a keV column and an observable in MeV; 1 for PE).
 * Examples: XENON1T release efficiency.txt: vcol 0 (keV), ecol 3, vunit NUTMM_KEV;
 * COHERENT LAr CENNS10AnlAEfficiency.txt: vcol 0 (keVee), ecol 2, vunit NUTMM_KEV.
 * Errors: NUTMM_EIO (cannot read), NUTMM_EFORMAT (fewer than 2 rows, missing or
 * non-numeric column, abscissa not strictly increasing, efficiency outside
 * [0, 1]; the reason names file and line), NUTMM_EDOM (vunit not > 0),
 * NUTMM_EINVAL, NUTMM_EFAULT, NUTMM_ENOMEM. */
int nutmm_detector_set_efficiency_file(nutmm_detector *det, nutmm_eff_space space,
                                       const char *path, size_t vcol, size_t ecol, double vunit,
                                       nutmm_eff_outside outside);

/** As nutmm_detector_set_efficiency_file for a file of the libnutmm data
 * directory (name relative to it, e.g. "xenon1t/efficiency.dat"; see data.h).
 * Errors: as above, NUTMM_ENOTFOUND (no such data file). */
int nutmm_detector_set_efficiency_data(nutmm_detector *det, nutmm_eff_space space,
                                       const char *name, size_t vcol, size_t ecol, double vunit,
                                       nutmm_eff_outside outside);

/** User efficiency eps = f(v) in `space` (f must return 0 <= eps <= 1).
 * In the smeared observable it is integrated numerically against the kernel.
 * Errors: NUTMM_EFAULT (det or f NULL), NUTMM_EINVAL (space). */
int nutmm_detector_set_efficiency_user(nutmm_detector *det, nutmm_eff_space space,
                                       nutmm_efficiency_fn f, void *user_data);

/** Hard threshold Theta(v - v_thr) (Theta(0) = 1) in `space`: the
 * reconstructed observable (observable unit) or the true recoil energy (MeV).
 * v_thr = 0 (default) is no threshold.  Multiplies that space's efficiency.
 * Errors: NUTMM_EFAULT, NUTMM_EINVAL (space), NUTMM_EDOM (v_thr < 0 or non-finite). */
int nutmm_detector_set_threshold(nutmm_detector *det, nutmm_eff_space space, double v_thr);

/* ---- binning in the observable ---------------------------------------------------- */

/** Bin edges e[0] < e[1] < ... < e[nedges-1] in the observable unit (copied),
 * e[0] >= 0; nedges - 1 bins [e_i, e_{i+1}).  Errors: NUTMM_EFAULT,
 * NUTMM_EINVAL (nedges < 2, edges not strictly increasing), NUTMM_EDOM
 * (non-finite or negative edge), NUTMM_ENOMEM. */
int nutmm_detector_set_bins(nutmm_detector *det, const double *edges, size_t nedges);

/** nbins equal-width bins between x_lo >= 0 and x_hi > x_lo (observable unit).
 * Errors: NUTMM_EFAULT, NUTMM_EINVAL (nbins = 0), NUTMM_EDOM, NUTMM_ENOMEM. */
int nutmm_detector_set_bins_uniform(nutmm_detector *det, double x_lo, double x_hi, size_t nbins);

/** Equal-width edges: edges[i] = lo + i (hi - lo)/nbins, i = 0..nbins
 * (edges[nbins] = hi exactly); edges must hold nbins + 1 values.
 * Errors: NUTMM_EFAULT, NUTMM_EINVAL (nbins = 0), NUTMM_EDOM (lo, hi non-finite
 * or hi <= lo). */
int nutmm_bin_edges_uniform(double lo, double hi, size_t nbins, double *edges);

/** Number of bins (0 before bins are set, or for NULL). */
size_t nutmm_detector_nbins(const nutmm_detector *det);

/** The nbins + 1 bin edges (observable unit), owned by the detector; NULL if unset. */
const double *nutmm_detector_edges(const nutmm_detector *det);

/* ---- evaluation ------------------------------------------------------------------- */

/** E_ee(T): quenched energy (MeV) of a recoil of true energy T (MeV).
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (T negative, non-finite, or above the
 * validity range T_max of a polynomial or user map), user-hook status. */
int nutmm_detector_quench(const nutmm_detector *det, double T, double *E_ee);

/** Inverse of nutmm_detector_quench: true T (MeV) with E_ee(T) = E_ee (MeV).
 * Analytic for none/constant/linear QF; Brent iteration to machine precision
 * (bracket [0, T_max] checked first) for polynomial and user maps.
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (E_ee negative, non-finite or above
 * E_ee(T_max)), NUTMM_EMAXITER, user-hook status. */
int nutmm_detector_quench_inverse(const nutmm_detector *det, double E_ee, double *T);

/** Unsmeared observable x_true(T) = LY E_ee(T) (or E_ee(T) without light yield).
 * Errors: as nutmm_detector_quench. */
int nutmm_detector_observable(const nutmm_detector *det, double T, double *x);

/** Inverse of nutmm_detector_observable: the true recoil T (MeV) whose
 * unsmeared observable is x (e.g. CsI: x = 6 PE -> T = 5.84 keV).
 * Errors: as nutmm_detector_quench_inverse (x < 0, ...). */
int nutmm_detector_true_energy(const nutmm_detector *det, double x, double *T);

/** Resolution sigma(x) (observable unit) at observable x >= 0.
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (x negative or non-finite, bad user sigma). */
int nutmm_detector_sigma(const nutmm_detector *det, double x, double *sigma);

/** Efficiency of `space` at v (observable x or true T in MeV), including that
 * space's threshold.  Errors: NUTMM_EFAULT, NUTMM_EINVAL (space),
 * NUTMM_EDOM (v non-finite, bad user value). */
int nutmm_detector_efficiency(const nutmm_detector *det, nutmm_eff_space space, double v,
                              double *eps);

/** Kernel probability int_{u}^{v} K(x; x_true) dx for an event of unsmeared
 * observable x_true >= 0, WITHOUT efficiencies or thresholds (for checks: it
 * is 1 over [0, inf) for the truncated kernel).  u <= v, u may be -INFINITY
 * and v +INFINITY; for the truncated kernel the part below 0 is zero.
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (NaN, x_true < 0, u > v). */
int nutmm_detector_kernel_integral(const nutmm_detector *det, double x_true, double u, double v,
                                   double *p);

/** Bin fractions of a single true energy: frac[i] = eps_true(T) *
 * int_{bin i} eps_obs(x) K(x; x_true(T)) dx, i < nbins (frac has nbins
 * entries).  With all efficiencies 1 and bins covering the kernel, the frac
 * sum to 1.  Errors: NUTMM_EFAULT, NUTMM_EINVAL (no bins), NUTMM_EDOM
 * (T), NUTMM_ETOL (numerical kernel integral did not converge), hook status. */
int nutmm_detector_bin_fractions(const nutmm_detector *det, double T, double *frac);

/** True-energy images of the bin edges: T_edges[i] = x_true^{-1}(e_i), i = 0..nbins
 * (MeV; T_edges has nbins + 1 entries).  Without smearing, a quadrature grid in
 * T with breakpoints at these points integrates each bin exactly.
 * Errors: NUTMM_EFAULT, NUTMM_EINVAL (no bins), NUTMM_EDOM (an edge above the
 * range of the quenching map). */
int nutmm_detector_true_edges(const nutmm_detector *det, double *T_edges);

/** Extra room beyond nbins + 1 needed by nutmm_detector_true_breakpoints. */
#define NUTMM_DETECTOR_EXTRA_BREAKPOINTS 8

/** All true energies (MeV, sorted, distinct) where the response R(T) jumps:
 * without smearing the bin-edge images, observable thresholds (threshold,
 * logistic threshold, ends of a ZERO-outside table) inside the binned range;
 * in every case the true-space threshold, logistic threshold and ends of a
 * ZERO-outside table.  Put quadrature breakpoints there.  T_pts must hold
 * nbins + 1 + NUTMM_DETECTOR_EXTRA_BREAKPOINTS values; *n receives the count.
 * Errors: as nutmm_detector_true_edges. */
int nutmm_detector_true_breakpoints(const nutmm_detector *det, double *T_pts, size_t *n);

/** True-energy window [T_lo, T_hi] (MeV) whose events can land in the
 * observable window [x_lo, x_hi] (0 <= x_lo < x_hi, observable unit) within
 * nsigma >= 0 standard deviations: x_true + nsigma sigma(x_true) >= x_lo and
 * x_true - nsigma sigma(x_true) <= x_hi (solved by bracketed Brent iteration,
 * assuming x -+ nsigma sigma(x) increasing, true when |sigma'| < 1/nsigma).
 * Without smearing (or nsigma = 0) it is the image of [x_lo, x_hi].  T_hi is
 * capped at the quenching map's T_max, and is +INFINITY if the window never
 * closes (sigma growing like x with nsigma b >= 1): one of the documented
 * infinities returned as success (error.h); bin_true_window and true_range
 * inherit it.
 * Errors: NUTMM_EFAULT, NUTMM_EDOM, NUTMM_EMAXITER, hook status. */
int nutmm_detector_true_window(const nutmm_detector *det, double x_lo, double x_hi, double nsigma,
                               double *T_lo, double *T_hi);

/** nutmm_detector_true_window for bin i (i < nbins).  Errors: as above,
 * NUTMM_EBADLEN (i out of range), NUTMM_EINVAL (no bins). */
int nutmm_detector_bin_true_window(const nutmm_detector *det, size_t i, double nsigma,
                                   double *T_lo, double *T_hi);

/** nutmm_detector_true_window for the whole binned range [e_0, e_nbins]
 * (e.g. nsigma = 6): the true range a rate grid must cover.
 * Errors: as above, NUTMM_EINVAL (no bins). */
int nutmm_detector_true_range(const nutmm_detector *det, double nsigma, double *T_lo,
                              double *T_hi);

/* ---- response matrix (plan once, apply many) ------------------------------------- */

/** Build the response matrix for quadrature nodes T[j] (MeV, finite, >= 0)
 * and weights w[j] (MeV, finite), j < nT, chosen by the caller:
 *   R_ij = w_j eps_true(T_j) int_{bin i} dx eps_obs(x) K(x; x_true(T_j))   (smeared),
 *   R_ij = w_j eps_true(T_j) eps_obs(x_true(T_j)) 1[x_true(T_j) in bin i]  (no smearing;
 *          put grid breakpoints at nutmm_detector_true_breakpoints()),
 * with the thresholds included in eps.  Then counts_i = sum_j R_ij dR/dT(T_j)
 * approximates N_i of eq. (21).  Kernel tails beyond 12 sigma (< 1e-32) are
 * dropped.  The matrix is a snapshot: later changes of det do not affect it.
 * Errors: NUTMM_EFAULT, NUTMM_EINVAL (nT = 0, no bins), NUTMM_EDOM (a bad node
 * or weight, named by index), NUTMM_ETOL, NUTMM_ENOMEM, hook status.  On error
 * *R is NULL. */
int nutmm_response_alloc(const nutmm_detector *det, const double *T, const double *w, size_t nT,
                         nutmm_response **R);

/** Free a response matrix; NULL is a no-op. */
void nutmm_response_free(nutmm_response *R);

/** counts[i] = sum_j R_ij dRdT[j], i < nbins: dRdT[nT] is the differential
 * rate at the nodes (any unit per MeV; counts then in that unit times 1),
 * counts[nbins].  No allocation; O(band size) work.  Negative values are
 * allowed (interference terms).  Errors: NUTMM_EFAULT, NUTMM_EDOM (non-finite
 * dRdT[j]; counts then unspecified). */
int nutmm_response_apply(const nutmm_response *R, const double *dRdT, double *counts);

/** Number of bins (rows) and of nodes (columns); 0 for NULL. */
size_t nutmm_response_nbins(const nutmm_response *R);
size_t nutmm_response_npoints(const nutmm_response *R);

/** The matrix, row-major: element (i, j) at [i * npoints + j] (MeV). */
const double *nutmm_response_matrix(const nutmm_response *R);

/** The nbins + 1 observable bin edges the matrix was built with. */
const double *nutmm_response_edges(const nutmm_response *R);

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_DETECTOR_H */
