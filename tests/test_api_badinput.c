/* API bad-input walk: every public function of the headers in include/nutmm/, called with NaN, +-inf,
 * negative, zero, 1e308, -1e308, 5e-324 in each numeric argument (the others valid), with
 * NULL where the header does not forbid it, and with absurd sizes and indices (only where
 * no array of that length is read: a length longer than the caller's array is the caller's
 * bug, which no library can detect).  Each call
 * must either return an error status with a non-empty reason, or succeed with finite
 * outputs.  A value-form function (returning a double) may return NaN only with a reason
 * recorded.  The only infinities allowed as success are the ones error.h documents: E_min
 * at T = 0 for m4 > 0 (the probes skip exactly that case) and the T_hi of a smeared window
 * that never closes (not reached by these probes: any infinity they see is a failure).
 *
 * HOW TO ADD A PUBLIC FUNCTION (the check `test_every_function_listed` fails until you do):
 *   1. write (or extend) a probe below: a `static void probe_xxx(void)` that calls the new
 *      function inside `for (size_t b = 0; b < NBAD; b++)` loops with BAD[b] in each numeric
 *      argument, through CALL(call, outputs...) / CALL0(call) / VALUE(expr);
 *   2. add one line  { "nutmm_new_function", probe_xxx },  to the table `covered` at the end
 *      (several functions may share one probe; infallible accessors and destructors go to
 *      probe_accessors, which calls them on NULL and out-of-range indices).
 * The test reads the declarations from the headers at run time (NUTMM_INCLUDE_DIR, passed
 * by meson), so a function added to a header but not to the table fails the suite, and so
 * does a table entry whose function no header declares.
 */
#define _POSIX_C_SOURCE 200809L
#include <complex.h>
#include <ctype.h>
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "nutmm/nutmm.h"
#include "testutil.h"

#ifndef NUTMM_INCLUDE_DIR
#error "meson passes NUTMM_INCLUDE_DIR (the directory holding nutmm/*.h)"
#endif

static const double BAD[] = {NAN, INFINITY, -INFINITY, -1.0, 0.0, 1e308, -1e308, 5e-324};
#define NBAD (sizeof BAD / sizeof BAD[0])

static long ncalls;

/* Only called on failure: ck_assert records a checkpoint on every call. */
#define REQUIRE(cond, ...)                                                                   \
  do {                                                                                       \
    if (!(cond))                                                                             \
      ck_abort_msg(__VA_ARGS__);                                                             \
  } while (0)

static void verdict(const char *call, int line, double bad, int st, const double *out, size_t n)
{
  ncalls++;
  if (st != NUTMM_SUCCESS) {
    REQUIRE(nutmm_error_reason()[0] != '\0', "line %d, bad = %g: %s returned %d, empty reason",
            line, bad, call, st);
    return;
  }
  for (size_t i = 0; i < n; i++)
    REQUIRE(isfinite(out[i]), "line %d, bad = %g: %s succeeded with output %zu = %g", line,
            bad, call, i, out[i]);
}

/* CALL(call, out...): call returns a status; on success every listed output is finite.
 * The outputs are read after the call (they are initialised in the next declaration). */
#define CALL(call, ...)                                                                      \
  do {                                                                                       \
    nutmm_error_clear();                                                                     \
    int st_ = (call);                                                                        \
    const double o_[] = {0.0, __VA_ARGS__};                                                  \
    verdict(#call, __LINE__, cur_bad, st_, o_ + 1, sizeof o_ / sizeof o_[0] - 1);            \
  } while (0)
#define CALL0(call) CALL(call, 0.0)

/* VALUE(expr): a value form; NaN only with a reason, never an infinity. */
#define VALUE(expr)                                                                          \
  do {                                                                                       \
    nutmm_error_clear();                                                                     \
    double v_ = (expr);                                                                      \
    ncalls++;                                                                                \
    REQUIRE(!isinf(v_), "line %d, bad = %g: %s = %g", __LINE__, cur_bad, #expr, v_);         \
    if (isnan(v_))                                                                           \
      REQUIRE(nutmm_error_reason()[0] != '\0', "line %d, bad = %g: %s = NaN without reason", \
              __LINE__, cur_bad, #expr);                                                     \
  } while (0)

/* The bad value of the current iteration (for messages); loops set it. */
static double cur_bad;
#define FOR_BAD(x) for (size_t b_ = 0; b_ < NBAD && ((cur_bad = (x) = BAD[b_]), 1); b_++)

/* Each field named by its offset in struct `base`, set in turn to every bad value: the
 * body sees the modified copy as `var`. */
#define FOR_FIELDS(T, var, base, ...)                                                        \
  for (size_t f_ = 0; f_ < sizeof((size_t[]){__VA_ARGS__}) / sizeof(size_t); f_++)          \
    for (size_t b_ = 0; b_ < NBAD; b_++)                                                     \
      for (T var = (base), *once_ = &var; once_ != NULL; once_ = NULL)                       \
        if ((*(double *)((char *)&var + ((size_t[]){__VA_ARGS__})[f_]) = cur_bad = BAD[b_]), \
            1)

/* ---- shared valid objects ---------------------------------------------------------------- */

static nutmm_nucleus nuc;
static nutmm_atom atom;
static nutmm_target *xe;
static nutmm_flux *flux;
static nutmm_detector *det, *det_e;
static nutmm_rate *rate, *rate_e;
static nutmm_rate_workspace *ws, *ws_e;
static nutmm_mixing mix;
static nutmm_mixing_params mp;
static nutmm_tmm lam;
static nutmm_xsec_options xo;

#define NB 4

static void setup(void)
{
  ck_assert_int_eq(nutmm_nucleus_lookup("Xe131", &nuc), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_atom_lookup("Xe", &atom), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_target_alloc("Xe", &xe), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_alloc(&flux), NUTMM_SUCCESS);
  const double E[] = {0.0, 1.0, 2.0, 5.0}, phi[] = {1.0, 2.0, 1.0, 0.0};
  ck_assert_int_eq(nutmm_flux_add_table(flux, NUTMM_NU_E, 0, "t", 4, E, phi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_add_line(flux, NUTMM_NU_E, 0, "l", 0.8, 1.0), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(det, 1e-5, 3e-4, NB), NUTMM_SUCCESS);
  nutmm_rate_options ro;
  nutmm_rate_options_default(&ro);
  ck_assert_int_eq(nutmm_rate_alloc(xe, flux, det, &ro, &rate), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_rate_workspace_alloc(rate, &ws), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_alloc(&det_e), NUTMM_SUCCESS); /* must outlive rate_e */
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(det_e, 1e-3, 1.0, NB), NUTMM_SUCCESS);
  ro.channel = NUTMM_CHANNEL_ELECTRON;
  ck_assert_int_eq(nutmm_rate_alloc(xe, flux, det_e, &ro, &rate_e), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_rate_workspace_alloc(rate_e, &ws_e), NUTMM_SUCCESS);
  nutmm_mixing_params_default(&mp);
  mp.theta14 = 0.1;
  ck_assert_int_eq(nutmm_mixing_from_params(&mp, &mix), NUTMM_SUCCESS);
  nutmm_tmm_zero(&lam);
  ck_assert_int_eq(nutmm_tmm_set_Lambda(&lam, 1, 1e-11, 0.3), NUTMM_SUCCESS);
  nutmm_xsec_options_default(&xo);
}

static void teardown(void)
{
  nutmm_rate_workspace_free(ws);
  nutmm_rate_workspace_free(ws_e);
  nutmm_rate_free(rate);
  nutmm_rate_free(rate_e);
  nutmm_detector_free(det);
  nutmm_detector_free(det_e);
  nutmm_flux_free(flux);
  nutmm_target_free(xe);
}

/* ---- probes ------------------------------------------------------------------------------ */

static void probe_kinematics(void)
{
  double x, a, b;
  const double M = nuc.mass;
  FOR_BAD(x)
  {
    CALL(nutmm_kin_tmax_e(x, M, &a), a);
    CALL(nutmm_kin_tmax_e(1.0, x, &a), a);
    VALUE(nutmm_kin_tmax(x, M));
    VALUE(nutmm_kin_tmax(1.0, x));
    CALL(nutmm_kin_threshold_e(x, 0.1, &a), a);
    CALL(nutmm_kin_threshold_e(M, x, &a), a);
    VALUE(nutmm_kin_threshold(x, 0.1));
    VALUE(nutmm_kin_threshold(M, x));
    /* E_min(T = 0, m4 > 0) = +inf is documented (kinematics.h): skip exactly that case */
    CALL(nutmm_kin_emin_e(x, M, 0.0, &a), a);
    CALL(nutmm_kin_emin_e(1e-3, x, 0.1, &a), a);
    CALL(nutmm_kin_emin_e(1e-3, M, x, &a), a);
    if (x != 0.0)
      VALUE(nutmm_kin_emin(x, M, 0.1));
    CALL(nutmm_kin_recoil_range(x, M, 0.1, &a, &b), a, b);
    CALL(nutmm_kin_recoil_range(1.0, x, 0.1, &a, &b), a, b);
    CALL(nutmm_kin_recoil_range(1.0, M, x, &a, &b), a, b);
    ncalls++;
    (void)nutmm_kin_allowed(x, 1e-3, M, 0.0);
    (void)nutmm_kin_allowed(1.0, x, x, x);
    CALL(nutmm_kin_cos_recoil(x, 1e-4, M, 0.0, &a), a);
    CALL(nutmm_kin_cos_recoil(1.0, x, M, 0.0, &a), a);
    CALL(nutmm_kin_cos_recoil(1.0, 1e-4, x, 0.0, &a), a);
    CALL(nutmm_kin_cos_recoil(1.0, 1e-4, M, x, &a), a);
  }
  cur_bad = 0;
  CALL0(nutmm_kin_tmax_e(1.0, M, NULL));
  CALL0(nutmm_kin_threshold_e(M, 0.1, NULL));
  CALL0(nutmm_kin_emin_e(1.0, M, 0.1, NULL));
  CALL0(nutmm_kin_recoil_range(1.0, M, 0.1, NULL, &b));
  CALL0(nutmm_kin_cos_recoil(1.0, 1e-4, M, 0.0, NULL));
}

static void probe_formfactor(void)
{
  double x, F, Fp, Fn;
  nutmm_ff_options ff;
  nutmm_ff_options_default(&ff);
  FOR_BAD(x)
  {
    VALUE(nutmm_ff_sphere(x));
    CALL(nutmm_ff_helm_e(x, 4.8e-13, 0.9e-13, &F), F);
    CALL(nutmm_ff_helm_e(10.0, x, 0.9e-13, &F), F);
    CALL(nutmm_ff_helm_e(10.0, 4.8e-13, x, &F), F);
    VALUE(nutmm_ff_helm(x, 4.8e-13, 0.9e-13));
    CALL(nutmm_ff_kn_e(x, 6e-13, 0.7e-13, &F), F);
    CALL(nutmm_ff_kn_e(10.0, x, 0.7e-13, &F), F);
    CALL(nutmm_ff_kn_e(10.0, 6e-13, x, &F), F);
    VALUE(nutmm_ff_kn(x, 6e-13, 0.7e-13));
    for (int m = 0; m < 3; m++) {
      ff.model = (nutmm_ff_model)m;
      CALL(nutmm_ff_eval(&ff, &nuc, x, &Fp, &Fn), Fp, Fn);
      CALL(nutmm_ff_eval_T(&ff, &nuc, x, &Fp, &Fn), Fp, Fn);
    }
    nutmm_ff_options_default(&ff);
  }
  nutmm_ff_options base;
  nutmm_ff_options_default(&base);
  FOR_FIELDS(nutmm_ff_options, f2, base, offsetof(nutmm_ff_options, helm_s),
             offsetof(nutmm_ff_options, kn_ak), offsetof(nutmm_ff_options, kn_coef))
  {
    CALL(nutmm_ff_eval(&f2, &nuc, 10.0, &Fp, &Fn), Fp, Fn);
    f2.model = NUTMM_FF_KLEIN_NYSTRAND;
    CALL(nutmm_ff_eval(&f2, &nuc, 10.0, &Fp, &Fn), Fp, Fn);
  }
  nutmm_nucleus n2 = nuc;
  FOR_BAD(n2.r_p) CALL(nutmm_ff_eval(NULL, &n2, 10.0, &Fp, &Fn), Fp, Fn);
  cur_bad = 0;
  CALL(nutmm_ff_eval(NULL, &nuc, 10.0, &Fp, &Fn), Fp, Fn);
  CALL0(nutmm_ff_eval(NULL, NULL, 10.0, &Fp, &Fn));
  CALL0(nutmm_ff_eval_T(NULL, &nuc, 1e-3, NULL, &Fn));
  ff.model = (nutmm_ff_model)99;
  CALL0(nutmm_ff_eval(&ff, &nuc, 10.0, &Fp, &Fn));
  ff.model = NUTMM_FF_USER;
  ff.user_fn = NULL;
  CALL0(nutmm_ff_eval(&ff, &nuc, 10.0, &Fp, &Fn));
  nutmm_ff_options_default(NULL);
}

/* Every cross section of xsec.h with each numeric argument bad; nucleus and atom NULL. */
static void probe_xsec(void)
{
  double x, c[3], Em, v, gL, gR;
  const nutmm_nucleus *N = &nuc;
  const nutmm_atom *A = &atom;
  FOR_BAD(x)
  {
    CALL(nutmm_xsec_weak_charge(x, N, &xo, &v), v);
    CALL(nutmm_xsec_cevns_coef(x, N, &xo, c, &Em), c[0], c[1], c[2], Em);
    CALL(nutmm_xsec_cevns_e(x, 1e-5, N, &xo, &v), v);
    CALL(nutmm_xsec_cevns_e(10.0, x, N, &xo, &v), v);
    VALUE(nutmm_xsec_cevns(x, 1e-5, N, &xo));
    VALUE(nutmm_xsec_cevns(10.0, x, N, &xo));
    CALL(nutmm_xsec_ees_couplings(NUTMM_NU_E, x, &gL, &gR), gL, gR);
    CALL(nutmm_xsec_ees_coef(x, NUTMM_NU_E, A, &xo, c, &Em), c[0], c[1], c[2], Em);
    CALL(nutmm_xsec_ees_e(x, 0.1, NUTMM_NU_MU, A, &xo, &v), v);
    CALL(nutmm_xsec_ees_e(1.0, x, NUTMM_NU_MU, NULL, &xo, &v), v);
    VALUE(nutmm_xsec_ees(x, 0.1, NUTMM_NU_E, A, NULL));
    VALUE(nutmm_xsec_ees(1.0, x, NUTMM_NU_E, A, NULL));
    for (int m4case = 0; m4case < 2; m4case++) {
      double T = m4case ? 1e-5 : x, m4 = m4case ? x : 0.01;
      CALL(nutmm_xsec_dipole_nucleus_coef(T, m4, N, &xo, c, &Em), c[0], c[1], c[2], Em);
      CALL(nutmm_xsec_dipole_nucleus_e(10.0, T, m4, N, &xo, &v), v);
      VALUE(nutmm_xsec_dipole_nucleus(10.0, T, m4, N, &xo));
      CALL(nutmm_xsec_int_nucleus_coef(T, m4, N, &xo, c, &Em), c[0], c[1], c[2], Em);
      CALL(nutmm_xsec_int_nucleus_e(10.0, T, m4, N, &xo, &v), v);
      VALUE(nutmm_xsec_int_nucleus(10.0, T, m4, N, &xo));
      double Te = m4case ? 0.01 : x;
      CALL(nutmm_xsec_dipole_electron_coef(Te, m4, A, &xo, c, &Em), c[0], c[1], c[2], Em);
      CALL(nutmm_xsec_dipole_electron_e(1.0, Te, m4, A, &xo, &v), v);
      VALUE(nutmm_xsec_dipole_electron(1.0, Te, m4, NULL, &xo));
      CALL(nutmm_xsec_int_electron_coef(Te, m4, NUTMM_NU_E, A, &xo, c, &Em), c[0], c[1], c[2],
           Em);
      CALL(nutmm_xsec_int_electron_e(1.0, Te, m4, NUTMM_NUBAR_E, A, &xo, &v), v);
      VALUE(nutmm_xsec_int_electron(1.0, Te, m4, NUTMM_NU_TAU, A, &xo));
    }
    CALL(nutmm_xsec_dipole_nucleus_e(x, 1e-5, 0.01, N, &xo, &v), v);
    CALL(nutmm_xsec_int_nucleus_e(x, 1e-5, 0.01, N, &xo, &v), v);
    CALL(nutmm_xsec_dipole_electron_e(x, 0.01, 0.01, A, &xo, &v), v);
    CALL(nutmm_xsec_int_electron_e(x, 0.01, 0.01, NUTMM_NU_E, A, &xo, &v), v);
    VALUE(nutmm_xsec_coef_eval((const double[3]){1.0, 1.0, 1.0}, 0.5, x) * 0.0 + 1.0);
  }
  FOR_FIELDS(nutmm_xsec_options, o2, xo, offsetof(nutmm_xsec_options, sin2w),
             offsetof(nutmm_xsec_options, ff) + offsetof(nutmm_ff_options, helm_s))
  {
    CALL(nutmm_xsec_cevns_e(10.0, 1e-5, N, &o2, &v), v);
    CALL(nutmm_xsec_ees_e(1.0, 0.1, NUTMM_NU_E, A, &o2, &v), v);
    CALL(nutmm_xsec_int_nucleus_e(10.0, 1e-5, 0.01, N, &o2, &v), v);
  }
  nutmm_nucleus n2 = nuc;
  FOR_BAD(n2.mass)
  {
    CALL(nutmm_xsec_cevns_e(10.0, 1e-5, &n2, &xo, &v), v);
    CALL(nutmm_xsec_dipole_nucleus_e(10.0, 1e-5, 0.01, &n2, &xo, &v), v);
  }
  cur_bad = 0;
  CALL0(nutmm_xsec_cevns_coef(1e-5, NULL, &xo, c, &Em));
  CALL0(nutmm_xsec_cevns_e(10.0, 1e-5, NULL, &xo, &v));
  CALL0(nutmm_xsec_weak_charge(1e-5, N, NULL, NULL));
  CALL0(nutmm_xsec_ees_couplings((nutmm_species)99, 0.23, &gL, &gR));
  CALL0(nutmm_xsec_ees_coef(0.1, (nutmm_species)-1, A, NULL, c, &Em));
  CALL0(nutmm_xsec_dipole_nucleus_coef(1e-5, 0.01, NULL, NULL, c, &Em));
  CALL0(nutmm_xsec_int_nucleus_coef(1e-5, 0.01, N, NULL, NULL, &Em));
  CALL0(nutmm_xsec_dipole_electron_coef(0.01, 0.01, A, NULL, c, NULL));
  CALL0(nutmm_xsec_int_electron_coef(0.01, 0.01, (nutmm_species)77, A, NULL, c, &Em));
  nutmm_xsec_options_default(NULL);
}

static void probe_flux_numbers(void)
{
  double x, v;
  FOR_BAD(x)
  {
    CALL(nutmm_flux_point_source_e(x, 1e3, &v), v);
    CALL(nutmm_flux_point_source_e(1e10, x, &v), v);
    VALUE(nutmm_flux_point_source(x, 1e3));
    VALUE(nutmm_flux_point_source(1e10, x));
    CALL(nutmm_flux_cylinder_average_e(x, 100.0, 10.0, 20.0, &v), v);
    CALL(nutmm_flux_cylinder_average_e(1e10, x, 10.0, 20.0, &v), v);
    CALL(nutmm_flux_cylinder_average_e(1e10, 100.0, x, 20.0, &v), v);
    CALL(nutmm_flux_cylinder_average_e(1e10, 100.0, 10.0, x, &v), v);
    VALUE(nutmm_flux_cylinder_average(1e10, 100.0, x, 20.0));
    CALL(nutmm_flux_decays_e(x, 1e6, 0.0, 1e6, &v), v);
    CALL(nutmm_flux_decays_e(1e10, x, 0.0, 1e6, &v), v);
    CALL(nutmm_flux_decays_e(1e10, 1e6, x, 1e6, &v), v);
    CALL(nutmm_flux_decays_e(1e10, 1e6, 0.0, x, &v), v);
    VALUE(nutmm_flux_decays(1e10, 1e6, x, 1e6));
  }
  cur_bad = 0;
  CALL0(nutmm_flux_point_source_e(1.0, 1.0, NULL));
  CALL0(nutmm_flux_cylinder_average_e(1.0, 1.0, 1.0, 1.0, NULL));
  CALL0(nutmm_flux_decays_e(1.0, 1.0, 0.0, 1.0, NULL));
}

static void probe_flux_object(void)
{
  double x, v, mom[3];
  size_t i;
  nutmm_flux *f = NULL;
  ck_assert_int_eq(nutmm_flux_alloc(&f), NUTMM_SUCCESS);
  const double E[] = {0.0, 1.0, 2.0}, phi[] = {1.0, 1.0, 0.0};
  FOR_BAD(x)
  {
    double Eb[] = {0.0, x, 3.0}, pb[] = {1.0, x, 0.0};
    CALL0(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "b", 3, Eb, phi));
    CALL0(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "b", 3, E, pb));
    CALL0(nutmm_flux_add_line(f, NUTMM_NU_E, 0, "b", x, 1.0));
    CALL0(nutmm_flux_add_line(f, NUTMM_NU_E, 0, "b", 1.0, x));
    CALL0(nutmm_flux_scale(f, x));
    CALL0(nutmm_flux_scale_component(f, 0, x));
    CALL0(nutmm_flux_set_norm(f, NUTMM_FLUX_FLUENCE, x));
    for (size_t k = 0; k < nutmm_flux_ncomponents(f); k++) {
      CALL(nutmm_flux_total(f, k, &v), v);
      CALL(nutmm_flux_moments(f, k, 0.0, mom), mom[0], mom[1], mom[2]);
    }
    CALL(nutmm_flux_eval_e(flux, 0, x, &v), v);
    VALUE(nutmm_flux_eval(flux, 0, x));
    CALL(nutmm_flux_eval_species(flux, NUTMM_NU_E, 0, x, &v), v);
    CALL(nutmm_flux_moments(flux, 0, x, mom), mom[0], mom[1], mom[2]);
    CALL(nutmm_flux_moments_species(flux, NUTMM_NU_E, 0, x, mom), mom[0], mom[1], mom[2]);
  }
  cur_bad = 0;
  /* absurd sizes, indices, species and NULL */
  CALL0(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "b", 1, E, phi));
  CALL0(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "b", 3, NULL, phi));
  CALL0(nutmm_flux_add_table(f, (nutmm_species)99, 0, "b", 3, E, phi));
  CALL0(nutmm_flux_add_table(f, NUTMM_NU_E, 99, "b", 3, E, phi));
  CALL0(nutmm_flux_add_table(NULL, NUTMM_NU_E, 0, "b", 3, E, phi));
  CALL0(nutmm_flux_add_line(f, NUTMM_NU_E, -1, NULL, 1.0, 1.0));
  CALL0(nutmm_flux_add_table_file(f, NUTMM_NU_E, 0, "b", "/nonexistent/x.dat"));
  CALL0(nutmm_flux_add_table_file(f, NUTMM_NU_E, 0, "b", NULL));
  CALL0(nutmm_flux_add_table_file(f, NUTMM_NU_E, 0, "b", "/"));
  CALL0(nutmm_flux_add_lines_file(f, NUTMM_NU_E, 0, "b", "/dev/null"));
  CALL0(nutmm_flux_add_lines_file(f, NUTMM_NU_E, 0, "b", NULL));
  CALL0(nutmm_flux_scale_component(f, SIZE_MAX, 1.0));
  CALL0(nutmm_flux_set_norm(f, (nutmm_flux_norm)7, 1.0));
  CALL0(nutmm_flux_set_norm(NULL, NUTMM_FLUX_RATE, 1.0));
  nutmm_flux_norm nn;
  CALL(nutmm_flux_get_norm(flux, &nn, &v), v);
  CALL0(nutmm_flux_get_norm(NULL, &nn, &v));
  CALL0(nutmm_flux_get_norm(flux, NULL, NULL));
  nutmm_flux_info info;
  CALL(nutmm_flux_component(flux, 0, &info), info.E_min, info.E_max, info.total);
  CALL0(nutmm_flux_component(flux, SIZE_MAX, &info));
  CALL0(nutmm_flux_component(NULL, 0, &info));
  CALL0(nutmm_flux_find(flux, "t", -1, -1, &i));
  CALL0(nutmm_flux_find(flux, "nothing", -1, -1, &i));
  CALL0(nutmm_flux_find(flux, NULL, 99, 99, &i));
  CALL0(nutmm_flux_find(NULL, "t", -1, -1, &i));
  CALL0(nutmm_flux_eval_e(flux, SIZE_MAX, 1.0, &v));
  CALL0(nutmm_flux_eval_e(NULL, 0, 1.0, &v));
  VALUE(nutmm_flux_eval(NULL, 0, 1.0));
  CALL0(nutmm_flux_eval_species(flux, 99, 0, 1.0, &v));
  CALL(nutmm_flux_total(flux, 0, &v), v);
  CALL0(nutmm_flux_total(flux, SIZE_MAX, &v));
  CALL(nutmm_flux_total_species(flux, NUTMM_NU_E, 0, &v), v);
  CALL0(nutmm_flux_total_species(flux, -5, 0, &v));
  CALL0(nutmm_flux_total_species(NULL, NUTMM_NU_E, 0, &v));
  CALL(nutmm_flux_endpoint(flux, &v), v);
  CALL0(nutmm_flux_endpoint(NULL, &v));
  CALL0(nutmm_flux_endpoint(f, NULL));
  CALL0(nutmm_flux_moments(flux, SIZE_MAX, 0.0, mom));
  CALL0(nutmm_flux_moments_species(flux, 42, 42, 0.0, mom));
  CALL0(nutmm_flux_alloc(NULL));
  nutmm_flux_free(f);
  nutmm_flux_free(NULL);
}

static void probe_flux_sources(void)
{
  nutmm_flux *f = NULL;
  double v;
  nutmm_solar_options so;
  ck_assert_int_eq(nutmm_flux_solar_options_default(&so), NUTMM_SUCCESS);
  FOR_FIELDS(nutmm_solar_options, o2, so, offsetof(nutmm_solar_options, n_e),
             offsetof(nutmm_solar_options, total) + 3 * sizeof(double),
             offsetof(nutmm_solar_options, mix) + offsetof(nutmm_mixing_params, theta12),
             offsetof(nutmm_solar_options, mix) + offsetof(nutmm_mixing_params, dm21))
  {
    CALL0(nutmm_flux_solar_alloc(&o2, &f));
    if (f)
      CALL(nutmm_flux_total(f, 0, &v), v);
    nutmm_flux_free(f);
    f = NULL;
  }
  nutmm_reactor_options ro;
  nutmm_flux_reactor_options_default(&ro);
  FOR_FIELDS(nutmm_reactor_options, o2, ro, offsetof(nutmm_reactor_options, fission_fraction),
             offsetof(nutmm_reactor_options, total), offsetof(nutmm_reactor_options, E_min),
             offsetof(nutmm_reactor_options, E_max), offsetof(nutmm_reactor_options, E_join),
             offsetof(nutmm_reactor_options, dE))
  {
    if (o2.dE > 0.0 && o2.dE < 1e-4) /* a legal but tiny step: millions of nodes */
      continue;
    CALL0(nutmm_flux_reactor_alloc(&o2, &f));
    if (f)
      CALL(nutmm_flux_total(f, 0, &v), v);
    nutmm_flux_free(f);
    f = NULL;
  }
  nutmm_pidar_options pp = {0.08, 1.76e23, 19.3 * NUTMM_METER}; /* COHERENT CsI 2017 */
  FOR_FIELDS(nutmm_pidar_options, p2, pp, offsetof(nutmm_pidar_options, r),
             offsetof(nutmm_pidar_options, n_pot), offsetof(nutmm_pidar_options, L))
  {
    CALL0(nutmm_flux_pidar_alloc(&p2, &f));
    if (f)
      CALL(nutmm_flux_total(f, 0, &v), v);
    nutmm_flux_free(f);
    f = NULL;
  }
  nutmm_cr51_options cp;
  nutmm_flux_cr51_options_default(&cp);
  cp.geometry = NUTMM_CR51_CYLINDER;
  nutmm_cr51_summary sum;
  FOR_FIELDS(nutmm_cr51_options, c2, cp, offsetof(nutmm_cr51_options, activity),
             offsetof(nutmm_cr51_options, half_life), offsetof(nutmm_cr51_options, t_start),
             offsetof(nutmm_cr51_options, duration), offsetof(nutmm_cr51_options, distance),
             offsetof(nutmm_cr51_options, radius), offsetof(nutmm_cr51_options, height))
  {
    CALL(nutmm_flux_cr51_summary(&c2, &sum), sum.decays, sum.mean_activity, sum.geometry,
         sum.mean_flux, sum.fluence);
    CALL0(nutmm_flux_cr51_alloc(&c2, &f));
    if (f)
      CALL(nutmm_flux_total(f, 0, &v), v);
    nutmm_flux_free(f);
    f = NULL;
  }
  cur_bad = 0;
  CALL0(nutmm_flux_solar_alloc(NULL, &f));
  nutmm_flux_free(f);
  f = NULL;
  CALL0(nutmm_flux_solar_alloc(&so, NULL));
  CALL0(nutmm_flux_solar_options_default(NULL));
  CALL0(nutmm_flux_reactor_alloc(NULL, &f));
  nutmm_flux_free(f);
  f = NULL;
  CALL0(nutmm_flux_pidar_alloc(NULL, &f));
  nutmm_flux_free(f);
  f = NULL;
  CALL0(nutmm_flux_cr51_alloc(&cp, NULL));
  CALL0(nutmm_flux_cr51_summary(NULL, &sum));
  cp.geometry = (nutmm_cr51_geometry)9;
  CALL0(nutmm_flux_cr51_summary(&cp, &sum));
  ck_assert_ptr_null(nutmm_solar_source_name((nutmm_solar_source)999)); /* documented */
  ck_assert_ptr_null(nutmm_solar_source_name((nutmm_solar_source)-1));
  nutmm_flux_reactor_options_default(NULL);
  nutmm_flux_cr51_options_default(NULL);
}

static double user_value = 1.0;
static int user_fn(double x, void *data, double *y)
{
  (void)data;
  *y = user_value * x;
  return NUTMM_SUCCESS;
}

static void probe_detector(void)
{
  nutmm_detector *d = NULL;
  ck_assert_int_eq(nutmm_detector_alloc(&d), NUTMM_SUCCESS);
  double x, a, b, edges[NB + 1], frac[NB + 1], pts[4 * NB + 16];
  size_t n;
  FOR_BAD(x)
  {
    CALL0(nutmm_detector_set_quench_constant(d, x));
    const double c[] = {0.0, 1.0, x};
    CALL0(nutmm_detector_set_quench_poly(d, c, 3, 1.0));
    CALL0(nutmm_detector_set_quench_poly(d, c, 2, x));
    CALL0(nutmm_detector_set_quench_linear_qf(d, x, 0.0));
    CALL0(nutmm_detector_set_quench_linear_qf(d, 0.2, x));
    CALL0(nutmm_detector_set_quench_user(d, user_fn, NULL, x));
    CALL0(nutmm_detector_set_light_yield(d, x));
    CALL0(nutmm_detector_set_resolution_constant(d, x));
    CALL0(nutmm_detector_set_resolution_sqrt_linear(d, x, 0.1));
    CALL0(nutmm_detector_set_resolution_sqrt_linear(d, 0.1, x));
    CALL0(nutmm_detector_set_efficiency_logistic(d, NUTMM_EFF_OBSERVABLE, x, 1.0, 1.0, 0.0));
    CALL0(nutmm_detector_set_efficiency_logistic(d, NUTMM_EFF_OBSERVABLE, 1.0, x, 1.0, 0.0));
    CALL0(nutmm_detector_set_efficiency_logistic(d, NUTMM_EFF_TRUE, 1.0, 1.0, x, 0.0));
    CALL0(nutmm_detector_set_efficiency_logistic(d, NUTMM_EFF_TRUE, 1.0, 1.0, 1.0, x));
    const double vv[] = {0.0, x, 2.0}, ee[] = {0.5, x, 1.0}, v0[] = {0, 1, 2}, e0[] = {0, 1, 1};
    CALL0(nutmm_detector_set_efficiency_table(d, NUTMM_EFF_OBSERVABLE, vv, e0, 3,
                                              NUTMM_EFF_OUTSIDE_ZERO));
    CALL0(nutmm_detector_set_efficiency_table(d, NUTMM_EFF_OBSERVABLE, v0, ee, 3,
                                              NUTMM_EFF_OUTSIDE_CLAMP));
    CALL0(nutmm_detector_set_efficiency_file(d, NUTMM_EFF_TRUE, "/dev/null", 0, 1, x,
                                             NUTMM_EFF_OUTSIDE_ZERO));
    CALL0(nutmm_detector_set_efficiency_data(
        d, NUTMM_EFF_OBSERVABLE, "experiments/xenon1t/xenon1t_efficiency.txt", 0, 3, x,
        NUTMM_EFF_OUTSIDE_ZERO));
    CALL0(nutmm_detector_set_threshold(d, NUTMM_EFF_TRUE, x));
    const double eb[] = {0.0, x, 2.0};
    CALL0(nutmm_detector_set_bins(d, eb, 3));
    CALL0(nutmm_detector_set_bins_uniform(d, x, 1.0, 4));
    CALL0(nutmm_detector_set_bins_uniform(d, 0.0, x, 4));
    CALL(nutmm_bin_edges_uniform(x, 1.0, 2, edges), edges[0], edges[1], edges[2]);
    CALL(nutmm_bin_edges_uniform(0.0, x, 2, edges), edges[0], edges[1], edges[2]);
    /* evaluations on a detector with every stage switched on */
    CALL(nutmm_detector_quench(det, x, &a), a);
    CALL(nutmm_detector_quench_inverse(det, x, &a), a);
    CALL(nutmm_detector_observable(det, x, &a), a);
    CALL(nutmm_detector_true_energy(det, x, &a), a);
    CALL(nutmm_detector_sigma(det, x, &a), a);
    CALL(nutmm_detector_efficiency(det, NUTMM_EFF_OBSERVABLE, x, &a), a);
    CALL(nutmm_detector_efficiency(det, NUTMM_EFF_TRUE, x, &a), a);
    CALL(nutmm_detector_kernel_integral(det, x, 0.0, 1.0, &a), a);
    CALL(nutmm_detector_kernel_integral(det, 1e-4, x, 1.0, &a), a);
    CALL(nutmm_detector_kernel_integral(det, 1e-4, 0.0, x, &a), a);
    CALL(nutmm_detector_bin_fractions(det, x, frac), frac[0], frac[1], frac[2], frac[3]);
    CALL(nutmm_detector_true_window(det, x, 1e-4, 6.0, &a, &b), a, b);
    CALL(nutmm_detector_true_window(det, 1e-5, x, 6.0, &a, &b), a, b);
    CALL(nutmm_detector_true_window(det, 1e-5, 1e-4, x, &a, &b), a, b);
    CALL(nutmm_detector_bin_true_window(det, 0, x, &a, &b), a, b);
    CALL(nutmm_detector_true_range(det, x, &a, &b), a, b);
    /* smeared and quenched copies */
    CALL0(nutmm_detector_set_bins_uniform(d, 0.1, 1.0, NB));
    CALL0(nutmm_detector_set_resolution_constant(d, 0.05));
    CALL0(nutmm_detector_set_quench_constant(d, 0.2));
    CALL(nutmm_detector_bin_fractions(d, x, frac), frac[0], frac[1], frac[2], frac[3]);
    CALL(nutmm_detector_true_window(d, 0.1, 0.2, x, &a, &b), a, b);
    CALL(nutmm_detector_true_range(d, x, &a, &b), a, b);
    CALL(nutmm_detector_sigma(d, x, &a), a);
    user_value = x; /* a user hook returning a bad value */
    CALL0(nutmm_detector_set_quench_user(d, user_fn, NULL, 10.0));
    CALL(nutmm_detector_quench(d, 1.0, &a), a);
    CALL(nutmm_detector_observable(d, 1.0, &a), a);
    CALL0(nutmm_detector_set_resolution_user(d, user_fn, NULL));
    CALL(nutmm_detector_sigma(d, 1.0, &a), a);
    CALL0(nutmm_detector_set_efficiency_user(d, NUTMM_EFF_OBSERVABLE, user_fn, NULL));
    CALL(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 0.5, &a), a);
    user_value = 1.0;
    nutmm_detector_free(d);
    ck_assert_int_eq(nutmm_detector_alloc(&d), NUTMM_SUCCESS);
  }
  cur_bad = 0;
  /* sizes that overflow (issue 10: (nbins + 1) * sizeof(double) wrapped to 0) */
  CALL0(nutmm_detector_set_bins_uniform(d, 0.0, 1.0, SIZE_MAX));
  CALL0(nutmm_detector_set_bins_uniform(d, 0.0, 1.0, SIZE_MAX - 1));
  CALL0(nutmm_detector_set_bins_uniform(d, 0.0, 1.0, SIZE_MAX / 8));
  CALL0(nutmm_detector_set_bins_uniform(d, 0.0, 1.0, 0));
  CALL0(nutmm_detector_set_bins(d, edges, 1));
  CALL0(nutmm_detector_set_bins(d, NULL, 3));
  CALL0(nutmm_bin_edges_uniform(0.0, 1.0, 0, edges));
  CALL0(nutmm_bin_edges_uniform(0.0, 1.0, 2, NULL));
  CALL0(nutmm_detector_set_quench_poly(d, NULL, 2, 1.0));
  CALL0(nutmm_detector_set_quench_poly(d, edges, SIZE_MAX, 1.0));
  CALL0(nutmm_detector_set_quench_user(d, NULL, NULL, 1.0));
  CALL0(nutmm_detector_set_resolution_user(d, NULL, NULL));
  CALL0(nutmm_detector_set_efficiency_user(d, NUTMM_EFF_TRUE, NULL, NULL));
  CALL0(nutmm_detector_set_kernel_norm(d, (nutmm_kernel_norm)5));
  CALL0(nutmm_detector_set_efficiency_none(d, (nutmm_eff_space)5));
  CALL0(nutmm_detector_set_efficiency_table(d, NUTMM_EFF_TRUE, NULL, NULL, 3,
                                            NUTMM_EFF_OUTSIDE_ZERO));
  const double v3[] = {0.0, 1.0, 2.0}, e3[] = {0.0, 0.5, 1.0};
  CALL0(nutmm_detector_set_efficiency_table(d, NUTMM_EFF_TRUE, v3, e3, 3, (nutmm_eff_outside)9));
  CALL0(nutmm_detector_set_efficiency_file(d, NUTMM_EFF_TRUE, NULL, 0, 1, 1.0,
                                           NUTMM_EFF_OUTSIDE_ZERO));
  CALL0(nutmm_detector_set_efficiency_file(d, NUTMM_EFF_TRUE, "/", 0, 1, 1.0,
                                           NUTMM_EFF_OUTSIDE_ZERO));
  CALL0(nutmm_detector_set_efficiency_data(d, NUTMM_EFF_TRUE, "no/such.dat", 0, 1, 1.0,
                                           NUTMM_EFF_OUTSIDE_ZERO));
  CALL0(nutmm_detector_set_efficiency_data(d, NUTMM_EFF_TRUE,
                                           "experiments/xenon1t/xenon1t_efficiency.txt",
                                           SIZE_MAX, SIZE_MAX, 1.0, NUTMM_EFF_OUTSIDE_ZERO));
  /* the no-op settings, on a valid and on a NULL detector */
  nutmm_detector *objs[2] = {d, NULL};
  for (int k = 0; k < 2; k++) {
    CALL0(nutmm_detector_set_quench_none(objs[k]));
    CALL0(nutmm_detector_set_resolution_none(objs[k]));
    CALL0(nutmm_detector_set_kernel_norm(objs[k], NUTMM_KERNEL_PLAIN));
    CALL0(nutmm_detector_set_efficiency_none(objs[k], NUTMM_EFF_TRUE));
    CALL0(nutmm_detector_set_threshold(objs[k], NUTMM_EFF_OBSERVABLE, 0.1));
  }
  /* evaluations without bins, on NULL, with NULL outputs */
  CALL0(nutmm_detector_true_edges(d, edges));
  CALL0(nutmm_detector_true_breakpoints(d, pts, &n));
  CALL0(nutmm_detector_bin_true_window(det, SIZE_MAX, 6.0, &a, &b));
  CALL0(nutmm_detector_bin_fractions(NULL, 1e-4, frac));
  CALL0(nutmm_detector_quench(NULL, 1e-4, &a));
  CALL0(nutmm_detector_quench_inverse(det, 1e-4, NULL));
  CALL0(nutmm_detector_observable(NULL, 1e-4, &a));
  CALL0(nutmm_detector_true_energy(det, 1e-4, NULL));
  CALL0(nutmm_detector_sigma(NULL, 1e-4, &a));
  CALL0(nutmm_detector_efficiency(det, (nutmm_eff_space)3, 1e-4, &a));
  CALL0(nutmm_detector_kernel_integral(NULL, 1e-4, 0.0, 1.0, &a));
  CALL0(nutmm_detector_true_window(det, 1e-4, 1e-5, 6.0, &a, &b));
  CALL0(nutmm_detector_true_range(NULL, 6.0, &a, &b));
  CALL(nutmm_detector_true_edges(det, edges), edges[0], edges[NB]);
  n = sizeof pts / sizeof pts[0];
  CALL(nutmm_detector_true_breakpoints(det, pts, &n), pts[0]);
  n = 0;
  CALL0(nutmm_detector_true_breakpoints(det, pts, &n));
  CALL0(nutmm_detector_true_breakpoints(det, NULL, NULL));
  CALL0(nutmm_detector_alloc(NULL));
  nutmm_detector_free(d);
}

static void probe_response(void)
{
  double x, counts[NB];
  nutmm_response *R = NULL;
  FOR_BAD(x)
  {
    const double T[] = {1e-5, x, 2e-4}, w[] = {1.0, 1.0, 1.0}, Tg[] = {1e-5, 1e-4, 2e-4},
                 wb[] = {1.0, x, 1.0};
    CALL0(nutmm_response_alloc(det, T, w, 3, &R));
    nutmm_response_free(R);
    R = NULL;
    CALL0(nutmm_response_alloc(det, Tg, wb, 3, &R));
    nutmm_response_free(R);
    R = NULL;
    ck_assert_int_eq(nutmm_response_alloc(det, Tg, w, 3, &R), NUTMM_SUCCESS);
    const double dR[] = {1.0, x, 1.0};
    CALL(nutmm_response_apply(R, dR, counts), counts[0], counts[1], counts[2], counts[3]);
    nutmm_response_free(R);
    R = NULL;
  }
  cur_bad = 0;
  const double T[] = {1e-5, 1e-4}, w[] = {1.0, 1.0};
  CALL0(nutmm_response_alloc(NULL, T, w, 2, &R));
  CALL0(nutmm_response_alloc(det, NULL, w, 2, &R));
  CALL0(nutmm_response_alloc(det, T, w, 2, NULL));
  CALL0(nutmm_response_apply(NULL, T, counts));
  ck_assert_int_eq(nutmm_response_alloc(det, T, w, 2, &R), NUTMM_SUCCESS);
  CALL0(nutmm_response_apply(R, NULL, counts));
  CALL0(nutmm_response_apply(R, T, NULL));
  ck_assert_uint_eq(nutmm_response_nbins(R), NB);
  ck_assert_uint_eq(nutmm_response_npoints(R), 2);
  ck_assert_ptr_nonnull(nutmm_response_matrix(R));
  ck_assert_ptr_nonnull(nutmm_response_edges(R));
  nutmm_response_free(R);
}

static void probe_rate(void)
{
  double x, counts[NB], v;
  double w[64], wsp[NUTMM_N_SPECIES], wm[4];
  size_t nc = nutmm_rate_ncomponents(rate);
  ck_assert(nc > 0 && nc < 64);
  FOR_BAD(x)
  {
    for (int s = 0; s < NUTMM_N_SPECIES; s++)
      wsp[s] = s == 0 ? x : 1.0;
    CALL(nutmm_rate_weights_species(rate, wsp, w), w[0]);
    for (int m = 0; m < 4; m++)
      wm[m] = m == 1 ? x : 1.0;
    CALL(nutmm_rate_weights_mass(rate, wm, w), w[0]);
    for (size_t k = 0; k < nc; k++)
      w[k] = k == 0 ? x : 1.0;
    nutmm_rate *rs[2] = {rate, rate_e};
    nutmm_rate_workspace *wss[2] = {ws, ws_e};
    for (int k = 0; k < 2; k++) {
      CALL(nutmm_rate_sm(rs[k], w, counts), counts[0], counts[1], counts[2], counts[3]);
      CALL(nutmm_rate_dipole(rs[k], wss[k], 0.01, w, counts), counts[0], counts[1], counts[2],
           counts[3]);
      CALL(nutmm_rate_dipole(rs[k], wss[k], x, NULL, counts), counts[0], counts[1], counts[2],
           counts[3]);
      CALL(nutmm_rate_interference(rs[k], wss[k], x, NULL, counts), counts[0], counts[1],
           counts[2], counts[3]);
      for (int p = 0; p < 3; p++) {
        CALL(nutmm_rate_binned(rs[k], wss[k], (nutmm_process)p, x, NULL, counts), counts[0],
             counts[1], counts[2], counts[3]);
        CALL(nutmm_rate_differential(rs[k], (nutmm_process)p, x, 0.01, NULL, &v), v);
        CALL(nutmm_rate_differential(rs[k], (nutmm_process)p, 1e-4, x, NULL, &v), v);
        CALL(nutmm_rate_differential(rs[k], (nutmm_process)p, 1e-4, 0.01, w, &v), v);
      }
    }
  }
  nutmm_rate_options ro;
  nutmm_rate_options_default(&ro);
  nutmm_rate *r = NULL;
  /* finite but enormous fluxes and exposures: the counts overflow, which is an error */
  FOR_BAD(x)
  {
    nutmm_flux *big = NULL;
    ck_assert_int_eq(nutmm_flux_alloc(&big), NUTMM_SUCCESS);
    const double E[] = {0.0, 1.0, 5.0}, phi[] = {1e308, 1e308, 0.0};
    CALL0(nutmm_flux_add_table(big, NUTMM_NU_E, 0, "big", 3, E, phi));
    CALL0(nutmm_flux_add_line(big, NUTMM_NU_E, 0, "big line", 1.0, 1e308));
    nutmm_rate_options o2 = ro;
    o2.exposure = fabs(x) > 1.0 ? fabs(x) : 1.0;
    for (int ch = 0; ch < 2; ch++) {
      o2.channel = (nutmm_channel)ch;
      CALL0(nutmm_rate_alloc(xe, big, ch ? det_e : det, &o2, &r));
      if (r) {
        nutmm_rate_workspace *w3 = NULL;
        ck_assert_int_eq(nutmm_rate_workspace_alloc(r, &w3), NUTMM_SUCCESS);
        CALL(nutmm_rate_sm(r, NULL, counts), counts[0], counts[1], counts[2], counts[3]);
        CALL(nutmm_rate_dipole(r, w3, 0.01, NULL, counts), counts[0], counts[1], counts[2],
             counts[3]);
        CALL(nutmm_rate_interference(r, w3, 0.01, NULL, counts), counts[0], counts[1],
             counts[2], counts[3]);
        CALL(nutmm_rate_differential(r, NUTMM_PROCESS_SM, 1e-4, 0.0, NULL, &v), v);
        nutmm_rate_workspace_free(w3);
        nutmm_rate_free(r);
        r = NULL;
      }
    }
    nutmm_flux_free(big);
  }
  FOR_FIELDS(nutmm_rate_options, o2, ro, offsetof(nutmm_rate_options, exposure),
             offsetof(nutmm_rate_options, nsigma), offsetof(nutmm_rate_options, max_ratio),
             offsetof(nutmm_rate_options, T_floor),
             offsetof(nutmm_rate_options, xsec) + offsetof(nutmm_xsec_options, sin2w))
  {
    if (o2.T_floor > 0.0 && o2.T_floor < 1e-300) /* legal: a huge log grid, refused or slow */
      continue;
    CALL0(nutmm_rate_alloc(xe, flux, det, &o2, &r));
    if (r) {
      CALL(nutmm_rate_sm(r, NULL, counts), counts[0], counts[1], counts[2], counts[3]);
      nutmm_rate_free(r);
      r = NULL;
    }
  }
  cur_bad = 0;
  ro.gl_order = 0;
  CALL0(nutmm_rate_alloc(xe, flux, det, &ro, &r));
  ro.gl_order = 100000;
  CALL0(nutmm_rate_alloc(xe, flux, det, &ro, &r));
  nutmm_rate_options_default(&ro);
  ro.channel = (nutmm_channel)7;
  CALL0(nutmm_rate_alloc(xe, flux, det, &ro, &r));
  CALL0(nutmm_rate_alloc(NULL, flux, det, NULL, &r));
  CALL0(nutmm_rate_alloc(xe, NULL, det, NULL, &r));
  CALL0(nutmm_rate_alloc(xe, flux, NULL, NULL, &r));
  CALL0(nutmm_rate_alloc(xe, flux, det, NULL, NULL));
  nutmm_detector *nobins = NULL;
  ck_assert_int_eq(nutmm_detector_alloc(&nobins), NUTMM_SUCCESS);
  CALL0(nutmm_rate_alloc(xe, flux, nobins, NULL, &r));
  nutmm_detector_free(nobins);
  nutmm_rate_workspace *w2 = NULL;
  CALL0(nutmm_rate_workspace_alloc(NULL, &w2));
  CALL0(nutmm_rate_workspace_alloc(rate, NULL));
  CALL0(nutmm_rate_sm(NULL, NULL, counts));
  CALL0(nutmm_rate_sm(rate, NULL, NULL));
  CALL0(nutmm_rate_dipole(rate, NULL, 0.01, NULL, counts));
  CALL0(nutmm_rate_interference(NULL, ws, 0.01, NULL, counts));
  CALL0(nutmm_rate_binned(rate, ws, (nutmm_process)9, 0.01, NULL, counts));
  CALL0(nutmm_rate_binned(rate, ws_e, NUTMM_PROCESS_SM, 0.01, NULL, counts)); /* wrong ws */
  CALL0(nutmm_rate_differential(rate, (nutmm_process)-1, 1e-4, 0.0, NULL, &v));
  CALL0(nutmm_rate_differential(NULL, NUTMM_PROCESS_SM, 1e-4, 0.0, NULL, &v));
  CALL0(nutmm_rate_weights_species(NULL, wsp, w));
  CALL0(nutmm_rate_weights_species(rate, NULL, w));
  CALL0(nutmm_rate_weights_mass(rate, wm, NULL));
  nutmm_rate_options_default(NULL);
}

static nutmm_chi2 *make_chi2(void)
{
  nutmm_chi2 *chi = NULL;
  const double obs[NB] = {10, 12, 9, 4}, s2[NB] = {10, 12, 9, 4}, bkg[NB] = {1, 1, 1, 1},
               sm[NB] = {8, 10, 7, 3}, dip[NB] = {1e22, 5e21, 1e21, 1e20}, sh[NB] = {1, 1, 1, 1};
  ck_assert_int_eq(nutmm_chi2_alloc(NB, 1, 1, &chi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, obs), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, s2), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_background(chi, 0, bkg), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, 0.1, -1, sh), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, sm, dip, NULL), NUTMM_SUCCESS);
  return chi;
}

static void probe_stats(void)
{
  double x, v, v2, xi[1], tot[NB], sig[NB];
  nutmm_chi2 *chi = make_chi2(), *c2 = NULL;
  nutmm_limit_options lo;
  nutmm_limit_options_default(&lo);
  nutmm_interval iv;
  FOR_BAD(x)
  {
    double arr[NB] = {1.0, x, 2.0, 3.0};
    nutmm_chi2 *c = NULL;
    ck_assert_int_eq(nutmm_chi2_clone(chi, &c), NUTMM_SUCCESS);
    CALL0(nutmm_chi2_set_observed(c, arr));
    CALL0(nutmm_chi2_set_sigma2(c, arr));
    CALL0(nutmm_chi2_set_background(c, 0, arr));
    CALL0(nutmm_chi2_set_nuisance(c, 0, x, -1, NULL));
    CALL0(nutmm_chi2_set_nuisance(c, 0, 0.1, -1, arr));
    CALL0(nutmm_chi2_set_signal(c, arr, NULL, NULL));
    CALL0(nutmm_chi2_set_signal(c, NULL, arr, arr));
    /* whatever the setters accepted (finite but huge or tiny entries) must evaluate cleanly */
    CALL(nutmm_chi2_eval(c, 1e-11, &v, xi), v, xi[0]);
    CALL(nutmm_chi2_bestfit(c, &v, &v2), v, v2);
    CALL(nutmm_chi2_upper_limit(c, 2.71, &v), v);
    CALL(nutmm_chi2_interval(c, &lo, &iv), iv.mu_best, iv.chi2_best, iv.chi2_zero,
         iv.threshold, iv.mu_low, iv.mu_high);
    CALL(nutmm_chi2_predict(c, 1e-11, NULL, tot, sig), tot[0], tot[3], sig[0], sig[3]);
    nutmm_chi2_free(c);
    xi[0] = x;
    CALL(nutmm_chi2_eval(chi, x, &v, xi), v, xi[0]);
    xi[0] = x;
    CALL(nutmm_chi2_eval_fixed(chi, 1e-11, xi, &v), v);
    CALL(nutmm_chi2_eval_fixed(chi, x, NULL, &v), v);
    xi[0] = 0.0;
    CALL(nutmm_chi2_predict(chi, x, xi, tot, sig), tot[0], tot[3], sig[0], sig[3]);
    CALL(nutmm_chi2_upper_limit(chi, x, &v), v);
    lo.delta = x;
    CALL(nutmm_chi2_interval(chi, &lo, &iv), iv.mu_best, iv.chi2_best, iv.chi2_zero,
         iv.threshold, iv.mu_low, iv.mu_high);
    nutmm_limit_options_default(&lo);
    lo.use_ref = 1;
    lo.chi2_ref = x;
    CALL(nutmm_chi2_interval(chi, &lo, &iv), iv.mu_best, iv.chi2_best, iv.chi2_zero,
         iv.threshold, iv.mu_low, iv.mu_high);
    nutmm_limit_options_default(&lo);
    CALL(nutmm_delta_chi2_e(x, 1, &v), v);
    VALUE(nutmm_delta_chi2(x, 2));
    const double pos[NB] = {1, 2, 3, 4}, bad[NB] = {1, x, 3, 4};
    CALL0(nutmm_chi2_asimov_alloc(NB, bad, pos, 0.1, &c2));
    nutmm_chi2_free(c2);
    c2 = NULL;
    CALL0(nutmm_chi2_asimov_alloc(NB, pos, bad, 0.1, &c2));
    nutmm_chi2_free(c2);
    c2 = NULL;
    CALL0(nutmm_chi2_asimov_alloc(NB, pos, NULL, x, &c2));
    if (c2) {
      CALL0(nutmm_chi2_set_signal(c2, NULL, pos, NULL));
      CALL(nutmm_chi2_bestfit(c2, &v, &v2), v, v2);
    }
    nutmm_chi2_free(c2);
    c2 = NULL;
  }
  cur_bad = 0;
  CALL(nutmm_chi2_bestfit(chi, &v, &v2), v, v2);
  CALL0(nutmm_chi2_bestfit(NULL, &v, &v2));
  CALL0(nutmm_chi2_alloc(0, 0, 0, &c2));
  CALL0(nutmm_chi2_alloc(SIZE_MAX, 1, 1, &c2));
  CALL0(nutmm_chi2_alloc(SIZE_MAX / 16, 0, 0, &c2));
  CALL0(nutmm_chi2_alloc(4, SIZE_MAX, SIZE_MAX, &c2));
  CALL0(nutmm_chi2_alloc(4, 0, 0, NULL));
  CALL0(nutmm_chi2_asimov_alloc(0, NULL, NULL, 0.1, &c2));
  CALL0(nutmm_chi2_clone(NULL, &c2));
  CALL0(nutmm_chi2_clone(chi, NULL));
  CALL0(nutmm_chi2_set_observed(NULL, tot));
  CALL0(nutmm_chi2_set_observed(chi, NULL));
  CALL0(nutmm_chi2_set_sigma2(chi, NULL));
  CALL0(nutmm_chi2_set_background(chi, SIZE_MAX, tot));
  CALL0(nutmm_chi2_set_nuisance(chi, SIZE_MAX, 0.1, -1, NULL));
  CALL0(nutmm_chi2_set_nuisance(chi, 0, 0.1, 99, NULL));
  CALL0(nutmm_chi2_nuisance_add_target(chi, 0, 0));
  CALL0(nutmm_chi2_nuisance_add_target(chi, SIZE_MAX, 0));
  CALL0(nutmm_chi2_nuisance_add_target(chi, 0, -7));
  CALL0(nutmm_chi2_nuisance_add_target(NULL, 0, 0));
  CALL0(nutmm_chi2_set_signal(NULL, NULL, NULL, NULL));
  CALL0(nutmm_chi2_eval(NULL, 1.0, &v, NULL));
  CALL0(nutmm_chi2_eval(chi, 1.0, NULL, NULL));
  CALL0(nutmm_chi2_eval_fixed(chi, 1.0, NULL, NULL));
  CALL0(nutmm_chi2_predict(NULL, 1.0, NULL, tot, NULL));
  CALL0(nutmm_chi2_interval(chi, NULL, &iv));
  CALL0(nutmm_chi2_interval(chi, &lo, NULL));
  CALL0(nutmm_chi2_upper_limit(NULL, 2.71, &v));
  CALL0(nutmm_delta_chi2_e(0.9, 0, &v));
  CALL0(nutmm_delta_chi2_e(0.9, 1, NULL));
  VALUE(nutmm_delta_chi2(0.9, 0));
  /* no sensitivity (no dipole signal): "no limit" is an error status, never +inf */
  nutmm_chi2 *flat = NULL;
  ck_assert_int_eq(nutmm_chi2_clone(chi, &flat), NUTMM_SUCCESS);
  const double zeros[NB] = {0}, sm1[NB] = {8, 10, 7, 3};
  ck_assert_int_eq(nutmm_chi2_set_signal(flat, sm1, zeros, zeros), NUTMM_SUCCESS);
  nutmm_error_clear();
  ck_assert_int_ne(nutmm_chi2_upper_limit(flat, 2.71, &v), NUTMM_SUCCESS);
  ck_assert(nutmm_error_reason()[0] != '\0');
  CALL(nutmm_chi2_interval(flat, &lo, &iv), iv.mu_high);
  nutmm_chi2_free(flat);
  nutmm_chi2 *empty = NULL;
  ck_assert_int_eq(nutmm_chi2_alloc(NB, 0, 0, &empty), NUTMM_SUCCESS);
  CALL0(nutmm_chi2_eval(empty, 1.0, &v, NULL)); /* nothing set */
  CALL0(nutmm_chi2_bestfit(empty, &v, &v2));
  CALL0(nutmm_chi2_upper_limit(empty, 2.71, &v));
  nutmm_chi2_free(empty);
  nutmm_limit_options_default(NULL);
  nutmm_chi2_free(chi);
}

static void probe_mixing_tmm(void)
{
  double x, P[4], v;
  nutmm_mixing m2;
  nutmm_mueff me;
  nutmm_tmm t2;
  double complex z, A[4], lamm[4][4];
  nutmm_tmm_table tab;
  FOR_FIELDS(nutmm_mixing_params, p2, mp, offsetof(nutmm_mixing_params, theta12),
             offsetof(nutmm_mixing_params, theta14), offsetof(nutmm_mixing_params, delta13),
             offsetof(nutmm_mixing_params, dm21))
  {
    CALL(nutmm_mixing_from_params(&p2, &m2), creal(m2.U[0][0]), cimag(m2.U[3][3]));
    CALL(nutmm_solar_pei(&p2, 1.0, 1e26, P), P[0], P[1], P[2], P[3]);
    CALL(nutmm_mueff2_small_mixing(&p2, &lam, NUTMM_NU_E, &v), v);
    CALL(nutmm_mueff2_solar(&p2, &lam, 1.0, 1e26, &me), me.total, me.sterile, me.active);
  }
  FOR_BAD(x)
  {
    CALL(nutmm_solar_pei(&mp, x, 1e26, P), P[0], P[1], P[2], P[3]);
    CALL(nutmm_solar_pei(&mp, 1.0, x, P), P[0], P[1], P[2], P[3]);
    CALL(nutmm_solar_pee(&mp, x, 1e26, &v), v);
    CALL(nutmm_mueff2_solar(&mp, &lam, x, 1e26, &me), me.total, me.sterile, me.active);
    double complex U[16];
    for (int i = 0; i < 16; i++)
      U[i] = (i % 5 == 0) ? 1.0 : 0.0;
    U[5] = x;
    CALL(nutmm_mixing_from_matrix(U, 1e-9, &m2), creal(m2.U[1][1]));
    U[5] = 1.0;
    CALL(nutmm_mixing_from_matrix(U, x, &m2), creal(m2.U[1][1]));
    const double ph[4] = {0.0, x, 0.0, 0.0}, zr[4] = {0};
    CALL(nutmm_mixing_rephase(&mix, ph, zr, &m2), creal(m2.U[0][1]), cimag(m2.U[0][1]));
    CALL(nutmm_mixing_rephase(&mix, zr, ph, &m2), creal(m2.U[0][1]), cimag(m2.U[0][1]));
    CALL(nutmm_tmm_set_Lambda(&t2, 1, x, 0.0), creal(t2.Lambda[1]));
    CALL(nutmm_tmm_set_Lambda(&t2, 1, 1e-11, x), creal(t2.Lambda[1]));
    const double absL[6] = {1e-11, x, 0, 0, 0, 0}, zeta[6] = {0, x, 0, 0, 0, 0};
    CALL(nutmm_tmm_from_Lambda(absL, zeta, &t2), creal(t2.Lambda[1]));
    CALL(nutmm_tmm_set(&t2, 0, 1, x, 0.0), creal(t2.Lambda[0]));
    CALL(nutmm_tmm_set(&t2, 0, 1, 0.0, x), cimag(t2.Lambda[0]));
    CALL(nutmm_tmm_set(&t2, 2, 1, x, 0.0), creal(t2.Lambda[2]));
    CALL(nutmm_tmm_set(&t2, 2, 1, 0.0, x), cimag(t2.Lambda[2]));
    CALL(nutmm_tmm_rephase(&lam, ph, &t2), creal(t2.Lambda[0]), cimag(t2.Lambda[0]));
    CALL(nutmm_tmm_absorb_majorana(&lam, ph, &t2), creal(t2.Lambda[0]), cimag(t2.Lambda[0]));
    /* a moment matrix holding a bad entry (a plain struct the user may fill) */
    nutmm_tmm tb = lam;
    tb.Lambda[2] = x;
    CALL(nutmm_tmm_norm2(&tb, &v), v);
    CALL(nutmm_mueff2(&mix, &tb, NUTMM_NU_MU, &me), me.total, me.sterile, me.active);
    CALL(nutmm_tmm_amplitudes(&mix, &tb, NUTMM_NU_E, A), creal(A[0]), cimag(A[3]));
    CALL(nutmm_tmm_interference(&mix, &tb, NUTMM_NU_E, &z), creal(z), cimag(z));
    CALL(nutmm_mueff2_truncated(&mix, &tb, NUTMM_NU_E, &v), v);
    CALL(nutmm_mueff2_sterile_block(&mix, &tb, NUTMM_NU_E, &v), v);
    CALL(nutmm_tmm_table_fill(&mix, &tb, NUTMM_NU_E, &tab), tab.coef[0], tab.prod[0]);
    CALL(nutmm_tmm_matrix(&tb, lamm), creal(lamm[0][1]));
    CALL(nutmm_tmm_get(&tb, 0, 1, &z), creal(z));
    CALL(nutmm_tmm_get_Lambda(&tb, 2, &z), creal(z));
    const double Pb[4] = {0.5, x, 0.2, 0.1};
    CALL(nutmm_mueff2_solar_pei(Pb, &lam, &me), me.total, me.sterile, me.active);
    nutmm_mixing mb = mix;
    mb.U[0][0] = x;
    CALL(nutmm_mueff2(&mb, &lam, NUTMM_NU_E, &me), me.total, me.sterile, me.active);
  }
  cur_bad = 0;
  CALL(nutmm_tmm_table_fill(&mix, &lam, NUTMM_NU_E, &tab), tab.coef[0]);
  tab.prod[0] = NAN;
  CALL(nutmm_tmm_table_sum(&tab, &v), v);
  CALL0(nutmm_tmm_table_sum(NULL, &v));
  int k, l;
  const char *label;
  CALL0(nutmm_tmm_table_row(-1, &k, &l, &label));
  CALL0(nutmm_tmm_table_row(1 << 30, &k, &l, &label));
  CALL0(nutmm_tmm_table_row(0, NULL, NULL, NULL));
  CALL0(nutmm_tmm_set_Lambda(&t2, 7, 1.0, 0.0));
  CALL0(nutmm_tmm_set_Lambda(&t2, 0, 1.0, 0.0));
  CALL0(nutmm_tmm_set_Lambda(NULL, 0, 1.0, 0.0));
  CALL0(nutmm_tmm_get_Lambda(&lam, -1, &z));
  CALL0(nutmm_tmm_set(&t2, 1, 1, 1.0, 0.0)); /* diagonal: zero for Majorana */
  CALL0(nutmm_tmm_set(&t2, 4, 0, 1.0, 0.0));
  CALL0(nutmm_tmm_get(&lam, 0, 9, &z));
  CALL0(nutmm_tmm_get(&lam, 0, 1, NULL));
  CALL0(nutmm_tmm_matrix(NULL, lamm));
  CALL0(nutmm_tmm_norm2(&lam, NULL));
  CALL0(nutmm_tmm_from_Lambda(NULL, NULL, &t2));
  CALL0(nutmm_tmm_rephase(&lam, NULL, &t2));
  CALL0(nutmm_tmm_absorb_majorana(NULL, NULL, &t2));
  CALL0(nutmm_mueff2(&mix, &lam, (nutmm_species)50, &me));
  CALL0(nutmm_mueff2(NULL, &lam, NUTMM_NU_E, &me));
  CALL0(nutmm_tmm_amplitudes(&mix, NULL, NUTMM_NU_E, A));
  CALL0(nutmm_tmm_interference(&mix, &lam, (nutmm_species)-3, &z));
  CALL0(nutmm_mueff2_truncated(&mix, &lam, NUTMM_NU_E, NULL));
  CALL0(nutmm_mueff2_small_mixing(NULL, &lam, NUTMM_NU_E, &v));
  CALL0(nutmm_mueff2_sterile_block(&mix, &lam, (nutmm_species)12, &v));
  CALL0(nutmm_mueff2_solar_pei(NULL, &lam, &me));
  CALL0(nutmm_mueff2_solar(&mp, &lam, 1.0, 1e26, NULL));
  CALL0(nutmm_mixing_from_params(NULL, &m2));
  CALL0(nutmm_mixing_from_matrix(NULL, 1e-9, &m2));
  CALL0(nutmm_mixing_rephase(&mix, NULL, NULL, NULL));
  CALL0(nutmm_solar_pei(NULL, 1.0, 1e26, P));
  CALL0(nutmm_solar_pee(&mp, 1.0, 1e26, NULL));
  nutmm_tmm_zero(NULL);
  nutmm_mixing_params_default(NULL);
}

static void probe_target(void)
{
  double x, S;
  nutmm_nucleus n2;
  nutmm_atom a2;
  nutmm_target *t = NULL;
  FOR_BAD(x)
  {
    CALL(nutmm_nucleus_init(&n2, 54, 131, x, 4.78e-13, 3), n2.mass, n2.r_p);
    CALL(nutmm_nucleus_init(&n2, 54, 131, 130.9, x, 3), n2.mass, n2.r_p);
    n2 = nuc;
    n2.r_n = x;
    CALL0(nutmm_nucleus_check(&n2));
    n2 = nuc;
    n2.mass = x;
    CALL0(nutmm_nucleus_check(&n2));
    a2 = atom;
    a2.binding[0] = x;
    CALL0(nutmm_atom_check(&a2));
    a2 = atom;
    a2.occupancy[1] = x;
    CALL0(nutmm_atom_check(&a2));
    CALL(nutmm_atom_step_e(&atom, x, &S), S);
    CALL(nutmm_atom_step_e(NULL, x, &S), S);
    VALUE(nutmm_atom_step(&atom, x));
    const double per[1] = {x};
    CALL0(nutmm_target_alloc_custom("c", 1, &nuc, per, 0, NULL, NULL, &t));
    nutmm_target_free(t);
    t = NULL;
    CALL0(nutmm_target_alloc_custom(NULL, 0, NULL, NULL, 1, &atom, per, &t));
    nutmm_target_free(t);
    t = NULL;
    n2 = nuc;
    n2.r_p = x;
    const double one[1] = {1.0};
    CALL0(nutmm_target_alloc_custom("c", 1, &n2, one, 1, &atom, one, &t));
    if (t)
      CALL(nutmm_target_nucleus_e(t, 0, &(const nutmm_nucleus *){NULL}, &S), S);
    nutmm_target_free(t);
    t = NULL;
  }
  cur_bad = 0;
  CALL(nutmm_nucleus_init(&n2, 54, 131, 130.9, 4.78e-13, 3), n2.mass);
  CALL0(nutmm_nucleus_init(&n2, 0, 131, 130.9, 4.78e-13, 3));
  CALL0(nutmm_nucleus_init(&n2, 54, 20, 130.9, 4.78e-13, 3));
  CALL0(nutmm_nucleus_init(&n2, 54, 131, 130.9, 4.78e-13, -1));
  CALL0(nutmm_nucleus_init(&n2, 1 << 30, 1 << 30, 130.9, 4.78e-13, 0));
  CALL0(nutmm_nucleus_init(NULL, 54, 131, 130.9, 4.78e-13, 3));
  CALL0(nutmm_nucleus_check(NULL));
  a2 = atom;
  a2.n_shells = SIZE_MAX;
  CALL0(nutmm_atom_check(&a2));
  CALL0(nutmm_atom_check(NULL));
  CALL0(nutmm_atom_step_e(&atom, 1.0, NULL));
  const char *names[] = {"", "Cs999", "Cs0", "Xx", "xe", "Xe-", "-131Xe", "131", "Cs133Cs133",
                         "Al2O3", "Al1001", "O99999999999999999999", "LAr", "LXe",
                         "HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH", "Xe(alt)", "Ca W O4", "\t"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    CALL0(nutmm_target_alloc(names[i], &t));
    if (t) {
      double m = nutmm_target_molar_mass(t);
      REQUIRE(isfinite(m) && m > 0.0, "target '%s': molar mass %g", names[i], m);
    }
    nutmm_target_free(t);
    t = NULL;
    CALL(nutmm_nucleus_lookup(names[i], &n2), n2.mass);
    CALL0(nutmm_atom_lookup(names[i], &a2));
  }
  ck_assert_int_eq(nutmm_target_alloc("Cs999", &t), NUTMM_ENOTFOUND); /* issue 10 */
  ck_assert_ptr_null(t);
  CALL0(nutmm_target_alloc(NULL, &t));
  CALL0(nutmm_target_alloc("Xe", NULL));
  CALL0(nutmm_nucleus_lookup(NULL, &n2));
  CALL0(nutmm_nucleus_lookup("Xe131", NULL));
  CALL0(nutmm_atom_lookup(NULL, &a2));
  CALL0(nutmm_target_alloc_custom("c", 0, NULL, NULL, 0, NULL, NULL, &t));
  CALL0(nutmm_target_alloc_custom("c", 1, &nuc, (const double[]){1.0}, 0, NULL, NULL, NULL));
  const nutmm_nucleus *np;
  const nutmm_atom *ap;
  CALL0(nutmm_target_nucleus_e(xe, SIZE_MAX, &np, &S));
  CALL0(nutmm_target_nucleus_e(NULL, 0, &np, &S));
  CALL0(nutmm_target_atom_e(xe, 5, &ap, &S));
  CALL0(nutmm_target_atom_e(xe, 0, NULL, NULL));
  CALL(nutmm_target_atom_e(xe, 0, &ap, &S), S);
}


/* A user cross section whose coefficients are a bad number (user_c) times 1e-40. */
static double user_c = 1.0;
static int user_xsec(const nutmm_xsec_point *pt, nutmm_species s, double m4, void *params,
                     double c[3], double *E_min)
{
  (void)pt;
  (void)s;
  (void)m4;
  (void)params;
  (void)E_min;
  c[0] = 1e-40 * user_c;
  c[1] = c[2] = 0.0;
  return NUTMM_SUCCESS;
}

/* Functions added with the speed work (plan-once points, user hooks, Lindhard quenching,
 * reactor power). */
static void probe_points_and_hooks(void)
{
  double x, c[3], Em, v, counts[NB], Ef[NUTMM_REACTOR_NISOTOPES];
  nutmm_xsec_point pt;
  FOR_BAD(x)
  {
    CALL(nutmm_xsec_point_nucleus(x, &nuc, &xo, &pt), pt.Fp, pt.Fn, pt.Q_W, pt.M);
    CALL(nutmm_xsec_point_electron(x, &atom, &pt), pt.S, pt.M);
    CALL(nutmm_xsec_point_electron(x, NULL, &pt), pt.S, pt.M);
    nutmm_xsec_point pts[2];
    int okn = nutmm_xsec_point_nucleus(x > 0.0 ? x : 1e-5, &nuc, &xo, &pts[0]);
    int oke = nutmm_xsec_point_electron(x > 0.0 ? x : 1e-2, &atom, &pts[1]);
    for (int k = 0; k < 2; k++) {
      if ((k == 0 ? okn : oke) != NUTMM_SUCCESS)
        continue;
      for (int p = 0; p < 3; p++) {
        CALL(nutmm_xsec_point_coef(&pts[k], (nutmm_process)p, NUTMM_NU_E, 0.01, &xo, c, &Em),
             c[0], c[1], c[2], Em);
        CALL(nutmm_xsec_point_coef(&pts[k], (nutmm_process)p, NUTMM_NU_MU, x, &xo, c, &Em),
             c[0], c[1], c[2], Em);
      }
    }
    nutmm_xsec_point bad = pts[0];
    bad.Fp = x;
    bad.Q_W = x;
    if (okn == NUTMM_SUCCESS)
      CALL(nutmm_xsec_point_coef(&bad, NUTMM_PROCESS_DIPOLE, NUTMM_NU_E, 0.01, &xo, c, &Em),
           c[0], c[1], c[2], Em);
    CALL0(nutmm_detector_set_quench_lindhard(det, x, 0.16, 1.0));
    CALL0(nutmm_detector_set_quench_lindhard(det, 32.0, x, 1.0));
    CALL0(nutmm_detector_set_quench_lindhard(det, 32.0, 0.16, x));
    VALUE(nutmm_lindhard_k(x, 73.0));
    VALUE(nutmm_lindhard_k(32.0, x));
    nutmm_flux *f = NULL;
    nutmm_reactor_yield y;
    CALL0(nutmm_flux_reactor_power_alloc(NULL, x, 2.8e3, &f, &y));
    if (f)
      CALL(nutmm_flux_total(f, 0, &v), v, y.energy_per_fission, y.fissions_per_second,
           y.nu_per_fission, y.nu_per_second);
    nutmm_flux_free(f);
    f = NULL;
    CALL0(nutmm_flux_reactor_power_alloc(NULL, 3e9, x, &f, NULL));
    if (f)
      CALL(nutmm_flux_total(f, 0, &v), v);
    nutmm_flux_free(f);
    f = NULL;
    /* user cross sections through the rate engine, with a bad coefficient and m4 */
    user_c = x;
    nutmm_xsec_user ux = {user_xsec, NULL, (int)(b_ % 2)};
    CALL(nutmm_rate_user(rate, ws, &ux, 0.01, NULL, counts), counts[0], counts[1], counts[2],
         counts[3]);
    CALL(nutmm_rate_user(rate_e, ws_e, &ux, 0.0, NULL, counts), counts[0], counts[3]);
    CALL(nutmm_rate_user_differential(rate, &ux, 1e-4, 0.0, NULL, &v), v);
    user_c = 1.0;
    CALL(nutmm_rate_user(rate, ws, &ux, x, NULL, counts), counts[0], counts[1], counts[2],
         counts[3]);
    CALL(nutmm_rate_user_differential(rate, &ux, x, 0.01, NULL, &v), v);
    CALL(nutmm_rate_user_differential(rate_e, &ux, 1e-2, x, NULL, &v), v);
  }
  cur_bad = 0;
  /* restore the shared detector's quenching (the probes above changed it) */
  CALL0(nutmm_detector_set_quench_none(det));
  CALL(nutmm_flux_reactor_fission_energy(Ef), Ef[0], Ef[1], Ef[2], Ef[3]);
  CALL0(nutmm_flux_reactor_fission_energy(NULL));
  CALL0(nutmm_xsec_point_nucleus(1e-5, NULL, NULL, &pt));
  CALL0(nutmm_xsec_point_nucleus(1e-5, &nuc, NULL, NULL));
  CALL0(nutmm_xsec_point_electron(1e-2, &atom, NULL));
  CALL0(nutmm_xsec_point_coef(NULL, NUTMM_PROCESS_SM, NUTMM_NU_E, 0.0, NULL, c, &Em));
  ck_assert_int_eq(nutmm_xsec_point_nucleus(1e-5, &nuc, NULL, &pt), NUTMM_SUCCESS);
  CALL0(nutmm_xsec_point_coef(&pt, (nutmm_process)7, NUTMM_NU_E, 0.0, NULL, c, &Em));
  CALL0(nutmm_xsec_point_coef(&pt, NUTMM_PROCESS_SM, (nutmm_species)40, 0.0, NULL, c, &Em));
  CALL(nutmm_xsec_point_coef(&pt, NUTMM_PROCESS_SM, NUTMM_NU_E, 0.0, NULL, NULL, NULL), 0.0);
  pt.channel = (nutmm_channel)5;
  CALL0(nutmm_xsec_point_coef(&pt, NUTMM_PROCESS_SM, NUTMM_NU_E, 0.0, NULL, c, &Em));
  ncalls++;
  (void)nutmm_xsec_species_dependent((nutmm_channel)9, (nutmm_process)9);
  (void)nutmm_xsec_species_dependent(NUTMM_CHANNEL_ELECTRON, NUTMM_PROCESS_SM);
  nutmm_xsec_user none = {NULL, NULL, 0};
  CALL0(nutmm_rate_user(rate, ws, &none, 0.0, NULL, counts));
  CALL0(nutmm_rate_user(rate, ws, NULL, 0.0, NULL, counts));
  CALL0(nutmm_rate_user_differential(rate, NULL, 1e-4, 0.0, NULL, &v));
  CALL0(nutmm_detector_set_quench_lindhard(NULL, 32.0, 0.16, 1.0));
  VALUE(nutmm_lindhard_k(32.0, 73.0));
  CALL0(nutmm_flux_reactor_power_alloc(NULL, 3e9, 2.8e3, NULL, NULL));
}

/* Data lookup and the table reader. */
static void probe_data(void)
{
  char buf[4096];
  nutmm_table *t = NULL;
  double x, col[64];
  cur_bad = 0;
  CALL0(nutmm_data_path("solar/pp.dat", buf, sizeof buf));
  CALL0(nutmm_data_path("no/such/file.dat", buf, sizeof buf));
  CALL0(nutmm_data_path("solar", buf, sizeof buf)); /* a directory */
  CALL0(nutmm_data_path("solar/pp.dat", buf, 3));
  CALL0(nutmm_data_path("solar/pp.dat", buf, 0));
  CALL0(nutmm_data_path(NULL, buf, sizeof buf));
  CALL0(nutmm_data_path("solar/pp.dat", NULL, 10));
  CALL0(nutmm_data_path_in("/nonexistent", "solar/pp.dat", buf, sizeof buf));
  CALL0(nutmm_data_path_in("/dev/null", "x", buf, sizeof buf));
  CALL0(nutmm_data_path_in("", "x", buf, sizeof buf));
  CALL0(nutmm_data_path_in(NULL, "x", buf, sizeof buf));
  CALL0(nutmm_table_read("/nonexistent", &t));
  CALL0(nutmm_table_read("/", &t));
  CALL0(nutmm_table_read("/dev/null", &t));
  CALL0(nutmm_table_read("/dev/zero", &t)); /* a device: refused, not read forever */
  CALL0(nutmm_table_read(NULL, &t));
  CALL0(nutmm_table_read("/dev/null", NULL));
  CALL0(nutmm_table_read_data("no/such.dat", &t));
  CALL0(nutmm_table_read_data(NULL, &t));
  ck_assert_int_eq(nutmm_table_read_data("solar/pp.dat", &t), NUTMM_SUCCESS);
  CALL(nutmm_table_double(t, 0, 0, &x), x);
  CALL0(nutmm_table_double(t, SIZE_MAX, 0, &x));
  CALL0(nutmm_table_double(t, 0, SIZE_MAX, &x));
  CALL0(nutmm_table_double(NULL, 0, 0, &x));
  CALL0(nutmm_table_double(t, 0, 0, NULL));
  CALL0(nutmm_table_require_cols(t, SIZE_MAX));
  CALL0(nutmm_table_require_cols(NULL, 1));
  CALL0(nutmm_table_column(NULL, 0, 1, col));
  CALL0(nutmm_table_column(t, 0, 1, NULL));
  CALL0(nutmm_table_column(t, SIZE_MAX, 1, NULL));
  ck_assert_uint_eq(nutmm_table_cols(t, SIZE_MAX), 0);
  ck_assert_uint_eq(nutmm_table_line(t, SIZE_MAX), 0);
  ck_assert_ptr_null(nutmm_table_string(t, 0, SIZE_MAX));
  ck_assert_ptr_nonnull(nutmm_table_path(t));
  nutmm_table_free(t);
}

/* Infallible functions: accessors (documented results on NULL / out of range), destructors
 * (NULL is a no-op), the error functions.  They must not crash on NULL. */
static void probe_accessors(void)
{
  cur_bad = 0;
  ck_assert_uint_eq(nutmm_table_rows(NULL), 0);
  ck_assert_uint_eq(nutmm_table_cols(NULL, 0), 0);
  ck_assert_uint_eq(nutmm_table_line(NULL, 0), 0);
  ck_assert_ptr_null(nutmm_table_path(NULL));
  ck_assert_ptr_null(nutmm_table_string(NULL, 0, 0));
  nutmm_table_free(NULL);
  ck_assert_uint_eq(nutmm_detector_nbins(NULL), 0);
  (void)nutmm_detector_edges(NULL);
  nutmm_detector_free(NULL);
  ck_assert_uint_eq(nutmm_response_nbins(NULL), 0);
  ck_assert_uint_eq(nutmm_response_npoints(NULL), 0);
  ck_assert_ptr_null(nutmm_response_matrix(NULL));
  ck_assert_ptr_null(nutmm_response_edges(NULL));
  nutmm_response_free(NULL);
  ck_assert_uint_eq(nutmm_flux_ncomponents(NULL), 0);
  ck_assert_uint_eq(nutmm_rate_nbins(NULL), 0);
  ck_assert_uint_eq(nutmm_rate_ncomponents(NULL), 0);
  ck_assert_uint_eq(nutmm_rate_nnodes(NULL), 0);
  ck_assert(nutmm_rate_nnodes(rate) > 0);
  ck_assert_uint_eq(nutmm_rate_nbins(rate), NB);
  nutmm_rate_free(NULL);
  nutmm_rate_workspace_free(NULL);
  ck_assert_uint_eq(nutmm_chi2_nbins(NULL), 0);
  ck_assert_uint_eq(nutmm_chi2_n_backgrounds(NULL), 0);
  ck_assert_uint_eq(nutmm_chi2_n_nuisances(NULL), 0);
  nutmm_chi2_free(NULL);
  ck_assert_ptr_nonnull(nutmm_target_name(NULL));
  ck_assert(nutmm_target_molar_mass(NULL) == 0.0);
  ck_assert_uint_eq(nutmm_target_n_nuclei(NULL), 0);
  ck_assert_ptr_null(nutmm_target_nucleus(NULL, 0));
  ck_assert_ptr_null(nutmm_target_nucleus(xe, SIZE_MAX));
  ck_assert(nutmm_target_nuclei_per_kg(xe, SIZE_MAX) == 0.0);
  ck_assert_uint_eq(nutmm_target_n_atoms(NULL), 0);
  ck_assert_ptr_null(nutmm_target_atom(xe, SIZE_MAX));
  ck_assert(nutmm_target_atoms_per_kg(NULL, 0) == 0.0);
  ck_assert(nutmm_target_atom_electrons_per_kg(xe, SIZE_MAX) == 0.0);
  ck_assert(nutmm_target_electrons_per_kg(NULL) == 0.0);
  ck_assert(isfinite(nutmm_target_electrons_per_kg(xe)));
  nutmm_target_free(NULL);
  ck_assert_ptr_nonnull(nutmm_strerror(123456));
  ck_assert_ptr_nonnull(nutmm_strerror(-99));
  nutmm_error_clear();
  ck_assert_str_eq(nutmm_error_reason(), "");
  /* issue 10: a NULL format must not crash; a NULL func is "?" */
  const char *no_fmt = NULL;
  ck_assert_int_eq(nutmm_error_set(NUTMM_EDOM, "f", no_fmt), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "f: "));
  ck_assert_int_eq(nutmm_error_set(NUTMM_EDOM, NULL, "%s", "x"), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_error_chain(NUTMM_EDOM, NULL), NUTMM_EDOM);
  char longname[5000];
  memset(longname, 'a', sizeof longname - 1);
  longname[sizeof longname - 1] = '\0';
  ck_assert_int_eq(nutmm_error_chain(NUTMM_EDOM, longname), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_error_set(NUTMM_EDOM, longname, "%s", longname), NUTMM_EDOM);
  for (int i = 0; i < 100; i++)
    nutmm_error_chain(NUTMM_EDOM, "nutmm_some_function");
  ck_assert(strlen(nutmm_error_reason()) < 4096);
  for (int j = 1; j <= NUTMM_TMM_NTERMS; j++) {
    int k, l;
    const char *label;
    ck_assert_int_eq(nutmm_tmm_table_row(j, &k, &l, &label), NUTMM_SUCCESS);
  }
}

/* The array forms (xsec_array.c, array.c) with a bad value at one of three points, and the
 * version and struct-size queries. */
/* COHERENT CsI 2017 pi-DAR (the library has no defaults for it) */
static const nutmm_pidar_options pidar_csi = {0.08, 1.76e23, 19.3 * NUTMM_METER};

static void probe_arrays(void)
{
  double x, o3[3], F3[3];
  nutmm_mueff me[3];
  nutmm_flux *f = NULL;
  nutmm_target *tg = NULL;
  nutmm_detector *det = NULL;
  nutmm_rate *r = NULL;
  ck_assert_int_eq(nutmm_flux_pidar_alloc(&pidar_csi, &f), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_target_alloc("Ar", &tg), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(det, 0.005, 0.1, 4), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_rate_alloc(tg, f, det, NULL, &r), NUTMM_SUCCESS);
  FOR_BAD(x)
  {
    const double E[3] = {10.0, x, 30.0}, T[3] = {1e-5, x, 2e-5}, Eok[3] = {10.0, 20.0, 30.0};
    const double Tok[3] = {1e-5, 1e-5, 2e-5}, Ee[3] = {1.0, x, 2.0}, Te[3] = {0.1, x, 0.2};
#define O3 o3[0], o3[1], o3[2]
    CALL(nutmm_xsec_cevns_array(3, E, Tok, &nuc, &xo, o3), O3);
    CALL(nutmm_xsec_cevns_array(3, Eok, T, &nuc, &xo, o3), O3);
    CALL(nutmm_xsec_dipole_nucleus_array(3, Eok, Tok, x, &nuc, &xo, o3), O3);
    CALL(nutmm_xsec_dipole_nucleus_array(3, E, T, 1.0, &nuc, &xo, o3), O3);
    CALL(nutmm_xsec_int_nucleus_array(3, E, T, 1.0, &nuc, &xo, o3), O3);
    CALL(nutmm_xsec_int_nucleus_array(3, Eok, Tok, x, &nuc, &xo, o3), O3);
    CALL(nutmm_xsec_ees_array(3, Ee, Te, NUTMM_NU_E, &atom, &xo, o3), O3);
    CALL(nutmm_xsec_dipole_electron_array(3, Ee, Te, 0.01, &atom, &xo, o3), O3);
    CALL(nutmm_xsec_dipole_electron_array(3, Ee, Te, x, NULL, &xo, o3), O3);
    CALL(nutmm_xsec_int_electron_array(3, Ee, Te, 0.01, NUTMM_NU_MU, &atom, &xo, o3), O3);
    CALL(nutmm_xsec_int_electron_array(3, Ee, Te, x, NUTMM_NUBAR_E, NULL, &xo, o3), O3);
    CALL(nutmm_formfactor_eval_array(NULL, &nuc, 3, E, o3, F3), O3, F3[0], F3[1], F3[2]);
    CALL(nutmm_formfactor_eval_T_array(&xo.ff, &nuc, 3, T, o3, NULL), O3);
    CALL(nutmm_flux_eval_array(f, 1, 3, E, o3), O3);
    CALL(nutmm_flux_eval_species_array(f, NUTMM_FLUX_ANY, NUTMM_FLUX_ANY, 3, E, o3), O3);
    CALL(nutmm_rate_differential_array(r, NUTMM_PROCESS_DIPOLE, 3, T, 1.0, NULL, o3), O3);
    CALL(nutmm_rate_differential_array(r, NUTMM_PROCESS_DIPOLE, 3, Tok, x, NULL, o3), O3);
    nutmm_tmm bad[3] = {lam, lam, lam};
    bad[1].Lambda[2] = x;
    CALL(nutmm_mueff2_array(&mix, 3, bad, NUTMM_NU_E, me), me[0].total, me[1].total,
         me[2].sterile);
#undef O3
  }
  CALL0(nutmm_xsec_cevns_array(1, NULL, NULL, &nuc, &xo, o3));
  CALL0(nutmm_xsec_cevns_array(2, o3, o3, NULL, &xo, F3));
  CALL0(nutmm_mueff2_array(&mix, 2, NULL, NUTMM_NU_E, me));
  CALL0(nutmm_flux_eval_array(NULL, 0, 1, o3, F3));
  CALL0(nutmm_rate_differential_array(NULL, NUTMM_PROCESS_SM, 1, o3, 0.0, NULL, F3));
  {
    const double T1[1] = {0.01};
    CALL0(nutmm_rate_differential_array(r, (nutmm_process)7, 1, T1, 0.0, NULL, F3));
  }
  nutmm_rate_free(r);
  nutmm_detector_free(det);
  nutmm_target_free(tg);
  nutmm_flux_free(f);

  size_t sz;
  int ma, mi, pa;
  nutmm_version_numbers(&ma, &mi, &pa);
  nutmm_version_numbers(NULL, NULL, NULL);
  ck_assert_ptr_nonnull(nutmm_version());
  CALL0(nutmm_struct_size(NULL, &sz));
  CALL0(nutmm_struct_size("nutmm_mixing", NULL));
  CALL0(nutmm_struct_size("", &sz));
  CALL0(nutmm_struct_size("nutmm_no_such_type", &sz));
  ck_assert_ptr_null(nutmm_struct_name((size_t)-1));
  ck_assert_uint_gt(nutmm_struct_count(), 0);
}

/* coupling.h, analysis.h, scan.h and the model/workspace calls of stats.h: a small analysis
 * of its own (it adopts its rate plan), every numeric argument bad in turn. */
static void probe_analysis(void)
{
  double x, v, D[NB], In[NB], tot[NB], sm[NB], bk[NB], wd[2], wi[2], ds[6], is[6], dm[4], im[4];
  nutmm_target *tg = NULL;
  nutmm_flux *fl = NULL;
  nutmm_detector *dt = NULL;
  nutmm_rate *rt = NULL;
  nutmm_rate_options ro;
  nutmm_rate_options_default(&ro);
  ck_assert_int_eq(nutmm_target_alloc("Xe", &tg), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_alloc(&fl), NUTMM_SUCCESS);
  const double E[] = {0.0, 1.0, 2.0, 5.0}, phi[] = {1.0, 2.0, 1.0, 0.0};
  ck_assert_int_eq(nutmm_flux_add_table(fl, NUTMM_NU_E, 0, "t", 4, E, phi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_add_line(fl, NUTMM_NU_E, 0, "l", 0.8, 1.0), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_alloc(&dt), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(dt, 1e-5, 3e-4, NB), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_rate_alloc(tg, fl, dt, &ro, &rt), NUTMM_SUCCESS);
  nutmm_analysis *an = NULL;
  ck_assert_int_eq(nutmm_analysis_alloc("probe", NB, &an), NUTMM_SUCCESS);
  const nutmm_analysis_rate_options plan = {NULL, NULL, 1};
  ck_assert_int_eq(nutmm_analysis_add_rate(an, rt, tg, fl, dt, &plan), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_analysis_rate_sm(an, sm), NUTMM_SUCCESS);
  double obs[NB], var[NB], edges[NB + 1] = {1e-5, 1e-4, 2e-4, 2.5e-4, 3e-4};
  for (size_t i = 0; i < NB; i++)
    obs[i] = var[i] = sm[i] + 1.0;
  nutmm_chi2 *m = NULL;
  ck_assert_int_eq(nutmm_chi2_alloc(NB, 1, 2, &m), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_form(m, NUTMM_CHI2_GAUSSIAN, NUTMM_PULLS_PRODUCT), 0);
  ck_assert_int_eq(nutmm_chi2_set_observed(m, obs), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(m, var), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_background(m, 0, obs), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(m, 0, 0.1, NUTMM_CHI2_SIGNAL, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(m, 1, 0.1, 0, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_nuisance_add_target(m, 1, NUTMM_CHI2_SIGNAL), NUTMM_SUCCESS);
  nutmm_chi2 *mc = NULL;
  ck_assert_int_eq(nutmm_chi2_clone(m, &mc), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_analysis_set_likelihood(an, mc), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_analysis_set_sm(an, sm), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_analysis_set_bins(an, edges, 1.0, "T"), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_analysis_set_background_name(an, 0, "b"), NUTMM_SUCCESS);
  nutmm_analysis_workspace *aw = NULL;
  ck_assert_int_eq(nutmm_analysis_workspace_alloc(an, &aw), NUTMM_SUCCESS);
  nutmm_chi2_workspace *cw = NULL;
  ck_assert_int_eq(nutmm_chi2_workspace_alloc(m, &cw), NUTMM_SUCCESS);
  const nutmm_analysis *ca = an;
  nutmm_scan_options so;
  nutmm_scan_options_default(&so);
  nutmm_limit_options lo;
  nutmm_limit_options_default(&lo);
  nutmm_interval iv;
  nutmm_scan_point pt[2];
  FOR_BAD(x)
  {
    nutmm_coupling c, c2;
    nutmm_coupling_init(&c);
    CALL0(nutmm_coupling_set_flavor(&c, "e", x));
    CALL0(nutmm_coupling_set_u4(&c, NUTMM_FLAVOR_E, x));
    CALL0(nutmm_coupling_set_lambda(&c, 1, x, 0.0));
    CALL0(nutmm_coupling_set_lambda(&c, 2, 1e-11, x));
    CALL0(nutmm_coupling_scaled(&c, x, &c2));
    nutmm_coupling_init(&c);
    c.mu[0] = x;
    CALL(nutmm_coupling_weights(&c, rt, wd, wi), wd[0], wd[1], wi[0], wi[1]);
    CALL(nutmm_coupling_species_weights(&c, ds, is, dm, im), ds[0], is[0], dm[0], im[0]);
    nutmm_coupling_init(&c);
    nutmm_coupling_set_flavor(&c, "e", 1e-10);
    CALL(nutmm_analysis_signal(an, aw, x, &c, D, In), D[0], D[3], In[0]);
    CALL(nutmm_analysis_spectrum(an, aw, x, &c, sm, D, In, bk, tot), tot[0], tot[3]);
    CALL(nutmm_analysis_chi2(an, aw, x, &c, &v, NULL), v);
    nutmm_analysis_workspace *aws[1] = {aw};
    CALL(nutmm_combined_chi2(&ca, aws, 1, x, &c, &v), v);
    if (isfinite(x) && x > 0.0)
      nutmm_coupling_set_flavor(&c, "e", x);
    CALL(nutmm_analysis_spectrum(an, aw, 0.01, &c, sm, D, In, bk, tot), tot[0], tot[3]);
    CALL(nutmm_analysis_chi2(an, aw, 0.01, &c, &v, NULL), v);
    double arr[NB] = {1.0, x, 2.0, 3.0}, ed[NB + 1] = {0.0, 1.0, x, 3.0, 4.0};
    CALL0(nutmm_analysis_set_sm(an, arr));
    ck_assert_int_eq(nutmm_analysis_set_sm(an, sm), NUTMM_SUCCESS);
    CALL0(nutmm_analysis_set_bins(an, ed, 1.0, "T"));
    CALL0(nutmm_analysis_set_bins(an, edges, x, "T"));
    const nutmm_signal_parts p1 = {arr, NULL, NULL}, p2 = {NULL, arr, arr}, p0 = {sm, NULL, NULL};
    double xi[2] = {x, 0.0};
    CALL(nutmm_chi2_eval_parts(m, cw, &p1, 1.0, &v, NULL), v);
    CALL(nutmm_chi2_eval_parts(m, cw, &p2, 1.0, &v, NULL), v);
    CALL(nutmm_chi2_eval_parts(m, cw, &p0, x, &v, NULL), v);
    CALL(nutmm_chi2_eval_fixed_parts(m, cw, &p0, 1.0, xi, &v), v);
    CALL(nutmm_chi2_predict_parts(m, cw, &p2, 1.0, NULL, tot, D), tot[0], D[0]);
    CALL(nutmm_chi2_bestfit_parts(m, cw, &p2, &v, NULL), v);
    lo.delta = x;
    CALL(nutmm_chi2_interval_parts(m, cw, &p2, &lo, &iv), iv.mu_high);
    nutmm_limit_options_default(&lo);
    double m4[2] = {0.01, x}, g[3];
    so.delta = 0.0;
    CALL0(nutmm_scan(&ca, 1, &c, m4, 2, &so, pt, NULL));
    so.delta = x;
    m4[1] = 0.1;
    CALL0(nutmm_scan(&ca, 1, &c, m4, 2, &so, pt, NULL));
    nutmm_scan_options_default(&so);
    so.unit = x;
    CALL0(nutmm_scan_minimum(&ca, 1, &c, m4, 2, &so, pt, &v, NULL));
    nutmm_scan_options_default(&so);
    CALL(nutmm_scan_grid_log(x, 1.0, 3, g), g[0], g[1], g[2]);
    CALL(nutmm_scan_grid_log(1e-3, x, 3, g), g[0], g[1], g[2]);
    /* the full coupling (coupling.h) and the linear templates (analysis.h) */
    nutmm_coupling f;
    nutmm_coupling_init(&f);
    CALL0(nutmm_coupling_set_tmm(&f, 1, 2, x, 0.0));
    CALL0(nutmm_coupling_set_tmm(&f, 2, 4, 1e-11, x));
    f.lambda.Lambda[0] = x;
    CALL(nutmm_coupling_light_weights(&f, ds, dm), ds[0], ds[3], dm[0], dm[1]);
    CALL(nutmm_coupling_light_component_weights(&f, rt, wd), wd[0], wd[1]);
    double B[3 * NUTMM_ANALYSIS_NSLOTS * NB];
    double *B4 = B, *I4 = B + NUTMM_ANALYSIS_NSLOTS * NB, *B0 = B + 2 * NUTMM_ANALYSIS_NSLOTS * NB;
    CALL(nutmm_analysis_basis(an, aw, x, B4, I4), B4[0], B4[NB], I4[0]);
    ck_assert_int_eq(nutmm_analysis_basis(an, aw, 0.01, B4, I4), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_analysis_basis(an, aw, 0.0, B0, NULL), NUTMM_SUCCESS);
    nutmm_coupling_init(&f);
    ck_assert_int_eq(nutmm_coupling_set_tmm(&f, 1, 2, 1e-10, 0.0), NUTMM_SUCCESS);
    f.lambda.Lambda[3] = x; /* lambda_14 */
    CALL(nutmm_analysis_signal_basis(an, B4, I4, B0, &f, D, In), D[0], D[3], In[0]);
    nutmm_signal_weights sw;
    CALL(nutmm_signal_weights_compute(&f, &sw), sw.dipole[0], sw.dipole[3], sw.light[0]);
    if (nutmm_signal_weights_compute(&f, &sw) == NUTMM_SUCCESS)
      CALL(nutmm_analysis_signal_weighted(an, B4, I4, B0, &sw, D, In), D[0], D[3], In[0]);
    /* weights filled by hand */
    nutmm_coupling_init(&f);
    ck_assert_int_eq(nutmm_coupling_set_lambda(&f, 1, 1e-10, 0.0), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_signal_weights_compute(&f, &sw), NUTMM_SUCCESS);
    sw.dipole[1] = x;
    CALL(nutmm_analysis_signal_weighted(an, B4, I4, B0, &sw, D, In), D[0], D[3], In[0]);
    sw.dipole[1] = 0.0;
    sw.light[2] = x;
    CALL(nutmm_analysis_signal_weighted(an, B4, I4, B0, &sw, D, In), D[0], D[3], In[0]);
  }
  {
    nutmm_coupling f;
    nutmm_coupling_init(&f);
    CALL0(nutmm_coupling_set_tmm(&f, 3, 2, 1.0, 0.0));
    CALL0(nutmm_coupling_set_tmm(&f, 0, 5, 1.0, 0.0));
    CALL0(nutmm_coupling_set_tmm(NULL, 1, 2, 1.0, 0.0));
    CALL0(nutmm_coupling_light_weights(NULL, ds, dm));
    CALL0(nutmm_coupling_light_component_weights(&f, NULL, wd));
    f.mode = (nutmm_coupling_mode)7;
    CALL0(nutmm_coupling_light_weights(&f, ds, dm));
    nutmm_coupling_init(&f);
    ck_assert_int_eq(nutmm_coupling_set_tmm(&f, 1, 2, 1e-10, 0.0), NUTMM_SUCCESS);
    double B[NUTMM_ANALYSIS_NSLOTS * NB];
    CALL0(nutmm_analysis_basis(NULL, aw, 0.1, B, NULL));
    ck_assert_int_eq(nutmm_analysis_basis(an, aw, 0.1, B, NULL), NUTMM_SUCCESS);
    CALL0(nutmm_analysis_signal_basis(an, B, NULL, NULL, &f, D, In)); /* full: needs dipole0 */
    CALL0(nutmm_analysis_signal_basis(an, NULL, NULL, B, &f, D, In));
    nutmm_signal_weights sw;
    CALL0(nutmm_signal_weights_compute(NULL, &sw));
    CALL0(nutmm_signal_weights_compute(&f, NULL));
    ck_assert_int_eq(nutmm_signal_weights_compute(&f, &sw), NUTMM_SUCCESS);
    CALL0(nutmm_analysis_signal_weighted(an, B, NULL, NULL, &sw, D, In)); /* full: dipole0 */
    CALL0(nutmm_analysis_signal_weighted(an, NULL, NULL, B, &sw, D, In));
    CALL0(nutmm_analysis_signal_weighted(NULL, B, NULL, B, &sw, D, In));
    CALL0(nutmm_analysis_signal_weighted(an, B, NULL, B, NULL, D, In));
  }
  /* NULL and size probes */
  nutmm_analysis *az = NULL;
  CALL0(nutmm_analysis_alloc("x", 0, &az));
  nutmm_analysis *a0 = NULL;
  CALL0(nutmm_analysis_alloc(NULL, 2, &a0));
  CALL0(nutmm_analysis_add_rate(NULL, NULL, NULL, NULL, NULL, NULL));
  CALL0(nutmm_analysis_set_likelihood(NULL, NULL));
  nutmm_chi2_workspace *wz = NULL;
  CALL0(nutmm_chi2_workspace_alloc(NULL, &wz));
  CALL0(nutmm_chi2_set_form(m, (nutmm_chi2_form)9, NUTMM_PULLS_LINEAR));
  CALL0(nutmm_scan(&ca, 0, NULL, NULL, 0, NULL, NULL, NULL));
  (void)nutmm_scan_status_name((nutmm_scan_status)99);
  (void)nutmm_analysis_name(NULL);
  (void)nutmm_analysis_nbins(NULL);
  (void)nutmm_analysis_n_backgrounds(NULL);
  (void)nutmm_analysis_n_nuisances(NULL);
  (void)nutmm_analysis_has_interference(NULL);
  (void)nutmm_analysis_likelihood(NULL);
  (void)nutmm_analysis_edges(NULL);
  (void)nutmm_analysis_edge_unit(NULL);
  (void)nutmm_analysis_edge_stem(NULL);
  (void)nutmm_analysis_background_name(an, 99);
  (void)nutmm_analysis_workspace_chi2(NULL);
  (void)nutmm_chi2_observed_values(NULL);
  (void)nutmm_chi2_background_values(m, 99);
  CALL0(nutmm_analysis_observed(an, obs));
  CALL0(nutmm_analysis_background(an, 99, obs));
  CALL0(nutmm_analysis_sm(an, sm));
  CALL0(nutmm_analysis_set_background_name(an, 99, "b"));
  nutmm_chi2_workspace_free(cw);
  nutmm_chi2_workspace_free(NULL);
  nutmm_analysis_workspace_free(aw);
  nutmm_analysis_workspace_free(NULL);
  nutmm_chi2_free(m);
  nutmm_analysis_free(an);
  nutmm_analysis_free(NULL);
}

/* ---- the table of covered functions -------------------------------------------------------- */

typedef struct {
  const char *name;
  void (*probe)(void);
} entry;

static const entry covered[] = {
    /* version.h and the array forms */
    {"nutmm_version", probe_arrays}, {"nutmm_version_numbers", probe_arrays},
    {"nutmm_struct_size", probe_arrays}, {"nutmm_struct_count", probe_arrays},
    {"nutmm_struct_name", probe_arrays}, {"nutmm_xsec_cevns_array", probe_arrays},
    {"nutmm_xsec_ees_array", probe_arrays}, {"nutmm_xsec_dipole_nucleus_array", probe_arrays},
    {"nutmm_xsec_dipole_electron_array", probe_arrays},
    {"nutmm_xsec_int_electron_array", probe_arrays},
    {"nutmm_xsec_int_nucleus_array", probe_arrays},
    {"nutmm_formfactor_eval_array", probe_arrays},
    {"nutmm_formfactor_eval_T_array", probe_arrays}, {"nutmm_flux_eval_array", probe_arrays},
    {"nutmm_flux_eval_species_array", probe_arrays}, {"nutmm_mueff2_array", probe_arrays},
    {"nutmm_rate_differential_array", probe_arrays},
    /* coupling.h, analysis.h, scan.h, stats.h model/workspace calls */
    {"nutmm_scan_status_name", probe_analysis},
    {"nutmm_scan_options_default", probe_analysis},
    {"nutmm_scan", probe_analysis},
    {"nutmm_scan_minimum", probe_analysis},
    {"nutmm_scan_grid_log", probe_analysis},
    {"nutmm_combined_chi2", probe_analysis},
    {"nutmm_coupling_init", probe_analysis},
    {"nutmm_coupling_set_flavor", probe_analysis},
    {"nutmm_coupling_set_u4", probe_analysis},
    {"nutmm_coupling_set_lambda", probe_analysis},
    {"nutmm_coupling_scaled", probe_analysis},
    {"nutmm_coupling_weights", probe_analysis},
    {"nutmm_coupling_species_weights", probe_analysis},
    {"nutmm_coupling_set_tmm", probe_analysis},
    {"nutmm_coupling_light_weights", probe_analysis},
    {"nutmm_coupling_light_component_weights", probe_analysis},
    {"nutmm_analysis_basis", probe_analysis},
    {"nutmm_analysis_signal_basis", probe_analysis},
    {"nutmm_signal_weights_compute", probe_analysis},
    {"nutmm_analysis_signal_weighted", probe_analysis},
    {"nutmm_analysis_alloc", probe_analysis},
    {"nutmm_analysis_free", probe_analysis},
    {"nutmm_analysis_add_rate", probe_analysis},
    {"nutmm_analysis_set_sm", probe_analysis},
    {"nutmm_analysis_rate_sm", probe_analysis},
    {"nutmm_analysis_set_likelihood", probe_analysis},
    {"nutmm_analysis_set_bins", probe_analysis},
    {"nutmm_analysis_set_background_name", probe_analysis},
    {"nutmm_analysis_name", probe_analysis},
    {"nutmm_analysis_nbins", probe_analysis},
    {"nutmm_analysis_n_backgrounds", probe_analysis},
    {"nutmm_analysis_n_nuisances", probe_analysis},
    {"nutmm_analysis_has_interference", probe_analysis},
    {"nutmm_analysis_likelihood", probe_analysis},
    {"nutmm_analysis_edges", probe_analysis},
    {"nutmm_analysis_edge_unit", probe_analysis},
    {"nutmm_analysis_edge_stem", probe_analysis},
    {"nutmm_analysis_background_name", probe_analysis},
    {"nutmm_analysis_observed", probe_analysis},
    {"nutmm_analysis_background", probe_analysis},
    {"nutmm_analysis_sm", probe_analysis},
    {"nutmm_analysis_workspace_alloc", probe_analysis},
    {"nutmm_analysis_workspace_free", probe_analysis},
    {"nutmm_analysis_signal", probe_analysis},
    {"nutmm_analysis_spectrum", probe_analysis},
    {"nutmm_analysis_chi2", probe_analysis},
    {"nutmm_analysis_workspace_chi2", probe_analysis},
    {"nutmm_chi2_set_form", probe_analysis},
    {"nutmm_chi2_workspace_alloc", probe_analysis},
    {"nutmm_chi2_workspace_free", probe_analysis},
    {"nutmm_chi2_observed_values", probe_analysis},
    {"nutmm_chi2_background_values", probe_analysis},
    {"nutmm_chi2_eval_parts", probe_analysis},
    {"nutmm_chi2_eval_fixed_parts", probe_analysis},
    {"nutmm_chi2_predict_parts", probe_analysis},
    {"nutmm_chi2_bestfit_parts", probe_analysis},
    {"nutmm_chi2_interval_parts", probe_analysis},
    /* data.h */
    {"nutmm_data_path", probe_data}, {"nutmm_data_path_in", probe_data},
    {"nutmm_table_read", probe_data}, {"nutmm_table_read_data", probe_data},
    {"nutmm_table_free", probe_accessors}, {"nutmm_table_rows", probe_accessors},
    {"nutmm_table_cols", probe_accessors}, {"nutmm_table_line", probe_accessors},
    {"nutmm_table_path", probe_accessors}, {"nutmm_table_string", probe_accessors},
    {"nutmm_table_double", probe_data}, {"nutmm_table_require_cols", probe_data},
    {"nutmm_table_column", probe_data},
    /* detector.h */
    {"nutmm_detector_alloc", probe_detector}, {"nutmm_detector_free", probe_accessors},
    {"nutmm_detector_set_quench_none", probe_detector},
    {"nutmm_detector_set_quench_constant", probe_detector},
    {"nutmm_detector_set_quench_poly", probe_detector},
    {"nutmm_detector_set_quench_linear_qf", probe_detector},
    {"nutmm_detector_set_quench_user", probe_detector},
    {"nutmm_detector_set_light_yield", probe_detector},
    {"nutmm_detector_set_resolution_none", probe_detector},
    {"nutmm_detector_set_resolution_constant", probe_detector},
    {"nutmm_detector_set_resolution_sqrt_linear", probe_detector},
    {"nutmm_detector_set_resolution_user", probe_detector},
    {"nutmm_detector_set_kernel_norm", probe_detector},
    {"nutmm_detector_set_efficiency_none", probe_detector},
    {"nutmm_detector_set_efficiency_logistic", probe_detector},
    {"nutmm_detector_set_efficiency_table", probe_detector},
    {"nutmm_detector_set_efficiency_file", probe_detector},
    {"nutmm_detector_set_efficiency_data", probe_detector},
    {"nutmm_detector_set_efficiency_user", probe_detector},
    {"nutmm_detector_set_threshold", probe_detector},
    {"nutmm_detector_set_bins", probe_detector},
    {"nutmm_detector_set_bins_uniform", probe_detector},
    {"nutmm_bin_edges_uniform", probe_detector}, {"nutmm_detector_nbins", probe_accessors},
    {"nutmm_detector_edges", probe_accessors}, {"nutmm_detector_quench", probe_detector},
    {"nutmm_detector_quench_inverse", probe_detector},
    {"nutmm_detector_observable", probe_detector},
    {"nutmm_detector_true_energy", probe_detector}, {"nutmm_detector_sigma", probe_detector},
    {"nutmm_detector_efficiency", probe_detector},
    {"nutmm_detector_kernel_integral", probe_detector},
    {"nutmm_detector_bin_fractions", probe_detector},
    {"nutmm_detector_true_edges", probe_detector},
    {"nutmm_detector_true_breakpoints", probe_detector},
    {"nutmm_detector_true_window", probe_detector},
    {"nutmm_detector_bin_true_window", probe_detector},
    {"nutmm_detector_true_range", probe_detector}, {"nutmm_response_alloc", probe_response},
    {"nutmm_response_free", probe_accessors}, {"nutmm_response_apply", probe_response},
    {"nutmm_response_nbins", probe_accessors}, {"nutmm_response_npoints", probe_accessors},
    {"nutmm_response_matrix", probe_accessors}, {"nutmm_response_edges", probe_accessors},
    /* error.h */
    {"nutmm_strerror", probe_accessors}, {"nutmm_error_reason", probe_accessors},
    {"nutmm_error_clear", probe_accessors}, {"nutmm_error_set", probe_accessors},
    {"nutmm_error_chain", probe_accessors},
    /* flux.h */
    {"nutmm_flux_alloc", probe_flux_object}, {"nutmm_flux_free", probe_flux_object},
    {"nutmm_flux_add_table", probe_flux_object}, {"nutmm_flux_add_line", probe_flux_object},
    {"nutmm_flux_add_table_file", probe_flux_object},
    {"nutmm_flux_add_lines_file", probe_flux_object}, {"nutmm_flux_scale", probe_flux_object},
    {"nutmm_flux_scale_component", probe_flux_object},
    {"nutmm_flux_set_norm", probe_flux_object}, {"nutmm_flux_get_norm", probe_flux_object},
    {"nutmm_flux_ncomponents", probe_accessors}, {"nutmm_flux_component", probe_flux_object},
    {"nutmm_flux_find", probe_flux_object}, {"nutmm_flux_eval_e", probe_flux_object},
    {"nutmm_flux_eval", probe_flux_object}, {"nutmm_flux_eval_species", probe_flux_object},
    {"nutmm_flux_total", probe_flux_object}, {"nutmm_flux_total_species", probe_flux_object},
    {"nutmm_flux_endpoint", probe_flux_object}, {"nutmm_flux_moments", probe_flux_object},
    {"nutmm_flux_moments_species", probe_flux_object},
    {"nutmm_flux_point_source_e", probe_flux_numbers},
    {"nutmm_flux_point_source", probe_flux_numbers},
    {"nutmm_flux_cylinder_average_e", probe_flux_numbers},
    {"nutmm_flux_cylinder_average", probe_flux_numbers},
    {"nutmm_flux_decays_e", probe_flux_numbers}, {"nutmm_flux_decays", probe_flux_numbers},
    {"nutmm_flux_solar_options_default", probe_flux_sources},
    {"nutmm_solar_source_name", probe_flux_sources},
    {"nutmm_flux_solar_alloc", probe_flux_sources},
    {"nutmm_flux_reactor_options_default", probe_flux_sources},
    {"nutmm_flux_reactor_alloc", probe_flux_sources},
    {"nutmm_flux_pidar_alloc", probe_flux_sources},
    {"nutmm_flux_cr51_options_default", probe_flux_sources},
    {"nutmm_flux_cr51_summary", probe_flux_sources},
    {"nutmm_flux_cr51_alloc", probe_flux_sources},
    /* formfactor.h */
    {"nutmm_ff_options_default", probe_formfactor}, {"nutmm_ff_sphere", probe_formfactor},
    {"nutmm_ff_helm_e", probe_formfactor}, {"nutmm_ff_helm", probe_formfactor},
    {"nutmm_ff_kn_e", probe_formfactor}, {"nutmm_ff_kn", probe_formfactor},
    {"nutmm_ff_eval", probe_formfactor},
    {"nutmm_ff_eval_T", probe_formfactor},
    /* kinematics.h */
    {"nutmm_kin_tmax_e", probe_kinematics}, {"nutmm_kin_tmax", probe_kinematics},
    {"nutmm_kin_threshold_e", probe_kinematics}, {"nutmm_kin_threshold", probe_kinematics},
    {"nutmm_kin_emin_e", probe_kinematics}, {"nutmm_kin_emin", probe_kinematics},
    {"nutmm_kin_recoil_range", probe_kinematics}, {"nutmm_kin_allowed", probe_kinematics},
    {"nutmm_kin_cos_recoil", probe_kinematics},
    /* mixing.h, tmm.h */
    {"nutmm_mixing_params_default", probe_mixing_tmm},
    {"nutmm_mixing_from_params", probe_mixing_tmm},
    {"nutmm_mixing_from_matrix", probe_mixing_tmm}, {"nutmm_mixing_rephase", probe_mixing_tmm},
    {"nutmm_solar_pei", probe_mixing_tmm}, {"nutmm_solar_pee", probe_mixing_tmm},
    {"nutmm_tmm_zero", probe_mixing_tmm}, {"nutmm_tmm_set_Lambda", probe_mixing_tmm},
    {"nutmm_tmm_from_Lambda", probe_mixing_tmm}, {"nutmm_tmm_get_Lambda", probe_mixing_tmm},
    {"nutmm_tmm_set", probe_mixing_tmm}, {"nutmm_tmm_get", probe_mixing_tmm},
    {"nutmm_tmm_matrix", probe_mixing_tmm}, {"nutmm_tmm_norm2", probe_mixing_tmm},
    {"nutmm_tmm_rephase", probe_mixing_tmm}, {"nutmm_tmm_absorb_majorana", probe_mixing_tmm},
    {"nutmm_mueff2", probe_mixing_tmm}, {"nutmm_tmm_amplitudes", probe_mixing_tmm},
    {"nutmm_tmm_interference", probe_mixing_tmm}, {"nutmm_mueff2_truncated", probe_mixing_tmm},
    {"nutmm_mueff2_small_mixing", probe_mixing_tmm},
    {"nutmm_mueff2_sterile_block", probe_mixing_tmm},
    {"nutmm_tmm_table_fill", probe_mixing_tmm}, {"nutmm_tmm_table_sum", probe_mixing_tmm},
    {"nutmm_tmm_table_row", probe_mixing_tmm}, {"nutmm_mueff2_solar_pei", probe_mixing_tmm},
    {"nutmm_mueff2_solar", probe_mixing_tmm},
    /* rate.h */
    {"nutmm_rate_options_default", probe_rate}, {"nutmm_rate_alloc", probe_rate},
    {"nutmm_rate_free", probe_accessors}, {"nutmm_rate_workspace_alloc", probe_rate},
    {"nutmm_rate_workspace_free", probe_accessors}, {"nutmm_rate_nbins", probe_accessors},
    {"nutmm_rate_ncomponents", probe_accessors}, {"nutmm_rate_nnodes", probe_accessors},
    {"nutmm_rate_weights_species", probe_rate}, {"nutmm_rate_weights_mass", probe_rate},
    {"nutmm_rate_sm", probe_rate}, {"nutmm_rate_dipole", probe_rate},
    {"nutmm_rate_interference", probe_rate}, {"nutmm_rate_binned", probe_rate},
    {"nutmm_rate_differential", probe_rate},
    /* stats.h */
    {"nutmm_chi2_alloc", probe_stats}, {"nutmm_chi2_asimov_alloc", probe_stats},
    {"nutmm_chi2_clone", probe_stats}, {"nutmm_chi2_free", probe_accessors},
    {"nutmm_chi2_nbins", probe_accessors}, {"nutmm_chi2_n_backgrounds", probe_accessors},
    {"nutmm_chi2_n_nuisances", probe_accessors}, {"nutmm_chi2_set_observed", probe_stats},
    {"nutmm_chi2_set_sigma2", probe_stats}, {"nutmm_chi2_set_background", probe_stats},
    {"nutmm_chi2_set_nuisance", probe_stats}, {"nutmm_chi2_nuisance_add_target", probe_stats},
    {"nutmm_chi2_set_signal", probe_stats}, {"nutmm_chi2_eval", probe_stats},
    {"nutmm_chi2_eval_fixed", probe_stats}, {"nutmm_chi2_predict", probe_stats},
    {"nutmm_delta_chi2_e", probe_stats}, {"nutmm_delta_chi2", probe_stats},
    {"nutmm_limit_options_default", probe_stats}, {"nutmm_chi2_bestfit", probe_stats},
    {"nutmm_chi2_interval", probe_stats}, {"nutmm_chi2_upper_limit", probe_stats},
    /* target.h */
    {"nutmm_nucleus_init", probe_target}, {"nutmm_nucleus_check", probe_target},
    {"nutmm_nucleus_lookup", probe_target}, {"nutmm_atom_lookup", probe_target},
    {"nutmm_atom_check", probe_target}, {"nutmm_atom_step_e", probe_target},
    {"nutmm_atom_step", probe_target}, {"nutmm_target_alloc", probe_target},
    {"nutmm_target_alloc_custom", probe_target}, {"nutmm_target_free", probe_accessors},
    {"nutmm_target_name", probe_accessors}, {"nutmm_target_molar_mass", probe_accessors},
    {"nutmm_target_n_nuclei", probe_accessors}, {"nutmm_target_nucleus", probe_accessors},
    {"nutmm_target_nuclei_per_kg", probe_accessors}, {"nutmm_target_n_atoms", probe_accessors},
    {"nutmm_target_atom", probe_accessors}, {"nutmm_target_atoms_per_kg", probe_accessors},
    {"nutmm_target_atom_electrons_per_kg", probe_accessors},
    {"nutmm_target_electrons_per_kg", probe_accessors},
    {"nutmm_target_nucleus_e", probe_target}, {"nutmm_target_atom_e", probe_target},
    /* types.h (static inline) */
    {"nutmm_species_flavor", probe_accessors}, {"nutmm_species_is_anti", probe_accessors},
    /* added with the plan-once work: points, user hooks, Lindhard, reactor power */
    {"nutmm_xsec_point_nucleus", probe_points_and_hooks},
    {"nutmm_xsec_point_electron", probe_points_and_hooks},
    {"nutmm_xsec_point_coef", probe_points_and_hooks},
    {"nutmm_xsec_species_dependent", probe_points_and_hooks},
    {"nutmm_rate_user", probe_points_and_hooks},
    {"nutmm_rate_user_differential", probe_points_and_hooks},
    {"nutmm_detector_set_quench_lindhard", probe_points_and_hooks},
    {"nutmm_lindhard_k", probe_points_and_hooks},
    {"nutmm_flux_reactor_fission_energy", probe_points_and_hooks},
    {"nutmm_flux_reactor_power_alloc", probe_points_and_hooks},
    /* xsec.h */
    {"nutmm_xsec_options_default", probe_xsec}, {"nutmm_xsec_coef_eval", probe_xsec},
    {"nutmm_xsec_weak_charge", probe_xsec}, {"nutmm_xsec_cevns_coef", probe_xsec},
    {"nutmm_xsec_cevns_e", probe_xsec}, {"nutmm_xsec_cevns", probe_xsec},
    {"nutmm_xsec_ees_couplings", probe_xsec}, {"nutmm_xsec_ees_coef", probe_xsec},
    {"nutmm_xsec_ees_e", probe_xsec}, {"nutmm_xsec_ees", probe_xsec},
    {"nutmm_xsec_dipole_nucleus_coef", probe_xsec}, {"nutmm_xsec_dipole_nucleus_e", probe_xsec},
    {"nutmm_xsec_dipole_nucleus", probe_xsec}, {"nutmm_xsec_dipole_electron_coef", probe_xsec},
    {"nutmm_xsec_dipole_electron_e", probe_xsec}, {"nutmm_xsec_dipole_electron", probe_xsec},
    {"nutmm_xsec_int_electron_coef", probe_xsec}, {"nutmm_xsec_int_electron_e", probe_xsec},
    {"nutmm_xsec_int_electron", probe_xsec}, {"nutmm_xsec_int_nucleus_coef", probe_xsec},
    {"nutmm_xsec_int_nucleus_e", probe_xsec}, {"nutmm_xsec_int_nucleus", probe_xsec},
};
#define NCOVERED (sizeof covered / sizeof covered[0])

static int listed(const char *name)
{
  for (size_t i = 0; i < NCOVERED; i++)
    if (strcmp(covered[i].name, name) == 0)
      return 1;
  return 0;
}

/* Names of the functions declared in the headers in include/nutmm/: an identifier nutmm_xxx followed by
 * '(' outside comments and preprocessor lines (function-pointer typedefs read "(*nutmm_"). */
static size_t declared_functions(char names[][64], size_t max)
{
  char dirpath[1024];
  snprintf(dirpath, sizeof dirpath, "%s/nutmm", NUTMM_INCLUDE_DIR);
  DIR *dir = opendir(dirpath);
  ck_assert_msg(dir != NULL, "cannot open %s", dirpath);
  size_t n = 0;
  struct dirent *e;
  static char text[1 << 20];
  while ((e = readdir(dir)) != NULL) {
    size_t len = strlen(e->d_name);
    if (len < 3 || strcmp(e->d_name + len - 2, ".h") != 0)
      continue;
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dirpath, e->d_name);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    size_t got = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[got] = '\0';
    /* blank out comments and preprocessor lines */
    for (char *p = text; *p; p++) {
      if (p[0] == '/' && p[1] == '*') {
        char *q = strstr(p + 2, "*/");
        char *end = q ? q + 2 : p + strlen(p);
        memset(p, ' ', (size_t)(end - p));
        p = end - 1;
      } else if (p[0] == '/' && p[1] == '/') {
        while (*p && *p != '\n')
          *p++ = ' ';
      } else if (*p == '#' && (p == text || p[-1] == '\n')) {
        while (*p && *p != '\n') { /* continuation lines end with a backslash */
          if (p[0] == '\\' && p[1] == '\n')
            *p++ = ' ';
          *p++ = ' ';
        }
      }
    }
    for (char *p = strstr(text, "nutmm_"); p; p = strstr(p + 1, "nutmm_")) {
      if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_' ||
                       (p[-1] == '*' && p > text + 1 && p[-2] == '(')))
        continue;
      size_t k = 0;
      while (isalnum((unsigned char)p[k]) || p[k] == '_')
        k++;
      size_t j = k;
      while (p[j] == ' ' || p[j] == '\t' || p[j] == '\n')
        j++;
      if (p[j] != '(' || k >= 64)
        continue;
      ck_assert_uint_lt(n, max);
      memcpy(names[n], p, k);
      names[n][k] = '\0';
      n++;
    }
  }
  closedir(dir);
  return n;
}

START_TEST(test_every_function_listed)
{
  static char names[1024][64];
  size_t n = declared_functions(names, 1024);
  ck_assert_msg(n > 200, "read only %zu declarations from %s", n, NUTMM_INCLUDE_DIR);
  char missing[4096] = "";
  for (size_t i = 0; i < n; i++)
    if (!listed(names[i]) && strlen(missing) + strlen(names[i]) + 2 < sizeof missing) {
      strcat(missing, " ");
      strcat(missing, names[i]);
    }
  ck_assert_msg(missing[0] == '\0',
                "public functions not in the bad-input table of %s (see its top comment):%s",
                __FILE__, missing);
  for (size_t i = 0; i < NCOVERED; i++) {
    int found = 0;
    for (size_t j = 0; j < n && !found; j++)
      found = strcmp(covered[i].name, names[j]) == 0;
    ck_assert_msg(found, "table entry %s is declared in no public header", covered[i].name);
  }
}
END_TEST

/* Each distinct probe once (a loop test over the table's distinct probes). */
static void (*probes[64])(void);
static size_t nprobes;

START_TEST(test_probe)
{
  setup();
  ncalls = 0;
  probes[_i]();
  ck_assert_msg(ncalls > 0 || probes[_i] == probe_accessors || probes[_i] == probe_data,
                "probe made no checked calls");
  fprintf(stderr, "probe %d: %ld checked calls\n", _i, ncalls);
  teardown();
}
END_TEST

int main(void)
{
  for (size_t i = 0; i < NCOVERED; i++) {
    size_t k = 0;
    while (k < nprobes && probes[k] != covered[i].probe)
      k++;
    if (k == nprobes)
      probes[nprobes++] = covered[i].probe;
  }
  Suite *s = suite_create("api_badinput");
  TCase *tc = tcase_create("walk");
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, test_every_function_listed);
  tcase_add_loop_test(tc, test_probe, 0, (int)nprobes);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
