/* libnutmm -- TMM matrix and effective moments (arXiv:2109.09545 section 2.1; physics manual phys-tmm). */
#include <complex.h>
#include <math.h>
#include <stddef.h>

#include "internal.h"
#include "mixing_internal.h"
#include "nutmm/tmm.h"

/* ---- index maps (physics manual phys-tmm-lambda, eq. 2) ----------------------------------- */

/* lambda_ij = LSIGN[i][j] * Lambda[LIDX[i][j]] (0-based i, j; LIDX = -1 on the
 * diagonal): lambda_23 = L1, lambda_13 = -L2, lambda_12 = L3, lambda_14 = L4,
 * lambda_24 = L5, lambda_34 = L6, lambda_ji = -lambda_ij. */
static const int LIDX[4][4] = {{-1, 2, 1, 3}, {2, -1, 0, 4}, {1, 0, -1, 5}, {3, 4, 5, -1}};
static const double LSIGN[4][4] = {{0, 1, -1, 1}, {-1, 0, 1, 1}, {1, -1, 0, 1}, {-1, -1, -1, 0}};

/* The index pair (a, b) (0-based) of lambda_ab = +-Lambda_k, for k = 0..5. */
static const int KPAIR[6][2] = {{1, 2}, {0, 2}, {0, 1}, {0, 3}, {1, 3}, {2, 3}};

/* Table rows (physics manual phys-tmm-tables): the pair (k, l), 0-based, k <= l, and the label. */
static const struct {
  int k, l;
  const char *label;
} ROWS[NUTMM_TMM_NTERMS] = {
    {0, 0, "|L1|^2"},   {1, 1, "|L2|^2"},   {2, 2, "|L3|^2"},   {3, 3, "|L4|^2"},
    {4, 4, "|L5|^2"},   {5, 5, "|L6|^2"},   {0, 1, "|L1||L2|"}, {0, 2, "|L1||L3|"},
    {0, 3, "|L1||L4|"}, {0, 4, "|L1||L5|"}, {0, 5, "|L1||L6|"}, {1, 2, "|L2||L3|"},
    {1, 3, "|L2||L4|"}, {1, 4, "|L2||L5|"}, {1, 5, "|L2||L6|"}, {2, 3, "|L3||L4|"},
    {2, 4, "|L3||L5|"}, {2, 5, "|L3||L6|"}, {3, 4, "|L4||L5|"}, {3, 5, "|L4||L6|"},
    {4, 5, "|L5||L6|"},
};

static double abs2(double complex z) { return creal(z) * creal(z) + cimag(z) * cimag(z); }

/* All six Lambda_k finite? Reason recorded under func. */
static int check_lam(const char *func, const nutmm_tmm *t)
{
  for (int k = 0; k < 6; k++)
    if (!isfinite(creal(t->Lambda[k])) || !isfinite(cimag(t->Lambda[k])))
      return nutmm_error_set(NUTMM_EDOM, func, "Lambda_%d is not finite", k + 1);
  return NUTMM_SUCCESS;
}

/* Common argument checks of the species-based functions.  On success *alpha is
 * the row of U (0 = e, 1 = mu, 2 = tau). */
static int check_args(const char *func, const nutmm_mixing *mix, const nutmm_tmm *lam,
                      nutmm_species s, const void *out, int *alpha)
{
  if (mix == NULL)
    return nutmm_error_set(NUTMM_EFAULT, func, "mix is NULL");
  if (lam == NULL)
    return nutmm_error_set(NUTMM_EFAULT, func, "lam is NULL");
  if (out == NULL)
    return nutmm_error_set(NUTMM_EFAULT, func, "output pointer is NULL");
  if ((int)s < 0 || (int)s >= NUTMM_N_SPECIES)
    return nutmm_error_set(NUTMM_EINVAL, func, "species %d is not a nutmm_species", (int)s);
  *alpha = (int)nutmm_species_flavor(s);
  return check_lam(func, lam);
}

#define TRY_ARGS(mix, lam, s, out, alpha)                                                          \
  do {                                                                                             \
    int st_ = check_args(__func__, (mix), (lam), (s), (out), (alpha));                             \
    if (st_ != NUTMM_SUCCESS)                                                                      \
      return st_;                                                                                  \
  } while (0)

/* A non-finite result can only come from a non-finite entry of U. */
#define CHECK_RESULT(x)                                                                            \
  do {                                                                                             \
    if (!isfinite(x))                                                                              \
      NUTMM_FAIL(NUTMM_EDOM, "non-finite result: the mixing matrix has a non-finite entry");       \
  } while (0)

/* ---- the TMM matrix --------------------------------------------------- */

void nutmm_tmm_zero(nutmm_tmm *t)
{
  if (t == NULL)
    return;
  for (int k = 0; k < 6; k++)
    t->Lambda[k] = 0.0;
}

int nutmm_tmm_set_Lambda(nutmm_tmm *t, int k, double modulus, double zeta)
{
  NUTMM_CHECK_PTR(t);
  if (k < 1 || k > 6)
    NUTMM_FAIL(NUTMM_EBADLEN, "k = %d is not in 1..6", k);
  NUTMM_CHECK_NONNEG(modulus);
  NUTMM_CHECK_FINITE(zeta);
  t->Lambda[k - 1] = modulus * cexp(I * zeta); /* eq. (3) */
  return NUTMM_SUCCESS;
}

int nutmm_tmm_from_Lambda(const double absL[6], const double zeta[6], nutmm_tmm *t)
{
  NUTMM_CHECK_PTR(absL);
  NUTMM_CHECK_PTR(t);
  nutmm_tmm tmp;
  for (int k = 1; k <= 6; k++)
    NUTMM_TRY(nutmm_tmm_set_Lambda(&tmp, k, absL[k - 1], zeta != NULL ? zeta[k - 1] : 0.0));
  *t = tmp;
  return NUTMM_SUCCESS;
}

int nutmm_tmm_get_Lambda(const nutmm_tmm *t, int k, double complex *Lambda)
{
  NUTMM_CHECK_PTR(t);
  NUTMM_CHECK_PTR(Lambda);
  if (k < 1 || k > 6)
    NUTMM_FAIL(NUTMM_EBADLEN, "k = %d is not in 1..6", k);
  NUTMM_TRY(check_lam(__func__, t));
  *Lambda = t->Lambda[k - 1];
  return NUTMM_SUCCESS;
}

int nutmm_tmm_set(nutmm_tmm *t, int i, int j, double re, double im)
{
  NUTMM_CHECK_PTR(t);
  if (i < 1 || i > 4 || j < 1 || j > 4)
    NUTMM_FAIL(NUTMM_EBADLEN, "(i, j) = (%d, %d) is not in 1..4", i, j);
  if (i == j)
    NUTMM_FAIL(NUTMM_EINVAL, "lambda_%d%d is a diagonal entry, zero by antisymmetry", i, j);
  if (!isfinite(re) || !isfinite(im))
    NUTMM_FAIL(NUTMM_EDOM, "lambda_%d%d is not finite", i, j);
  double complex value = CMPLX(re, im);
  /* eq. (2): lambda_ij = sign * Lambda_k with sign = +-1, so Lambda_k = sign * value. */
  t->Lambda[LIDX[i - 1][j - 1]] = LSIGN[i - 1][j - 1] * value;
  return NUTMM_SUCCESS;
}

int nutmm_tmm_get(const nutmm_tmm *t, int i, int j, double complex *value)
{
  NUTMM_CHECK_PTR(t);
  NUTMM_CHECK_PTR(value);
  if (i < 1 || i > 4 || j < 1 || j > 4)
    NUTMM_FAIL(NUTMM_EBADLEN, "(i, j) = (%d, %d) is not in 1..4", i, j);
  NUTMM_TRY(check_lam(__func__, t));
  *value = i == j ? 0.0 : LSIGN[i - 1][j - 1] * t->Lambda[LIDX[i - 1][j - 1]];
  return NUTMM_SUCCESS;
}

/* lambda_ij from Lambda (eq. 2), without checks. */
static void build_matrix(const nutmm_tmm *t, double complex lam[4][4])
{
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++)
      lam[i][j] = i == j ? 0.0 : LSIGN[i][j] * t->Lambda[LIDX[i][j]];
}

int nutmm_tmm_matrix(const nutmm_tmm *t, double complex lam[4][4])
{
  NUTMM_CHECK_PTR(t);
  NUTMM_CHECK_PTR(lam);
  NUTMM_TRY(check_lam(__func__, t));
  build_matrix(t, lam);
  return NUTMM_SUCCESS;
}

int nutmm_tmm_norm2(const nutmm_tmm *t, double *norm2)
{
  NUTMM_CHECK_PTR(t);
  NUTMM_CHECK_PTR(norm2);
  NUTMM_TRY(check_lam(__func__, t));
  double s = 0.0;
  for (int k = 0; k < 6; k++)
    s += abs2(t->Lambda[k]);
  *norm2 = s;
  NUTMM_CHECK_RESULT(*norm2, "Lambda_1 = %g%+gi, ... (a non-finite or huge moment)",
                     creal(t->Lambda[0]), cimag(t->Lambda[0]));
  return NUTMM_SUCCESS;
}

/* Lambda_k -> e^{i sgn (phi_a + phi_b)} Lambda_k for lambda_ab = +-Lambda_k. */
static int rephase(const char *func, const nutmm_tmm *t, const double phi[4], double sgn,
                   nutmm_tmm *out)
{
  if (t == NULL || phi == NULL || out == NULL)
    return nutmm_error_set(NUTMM_EFAULT, func, "%s is NULL",
                           t == NULL ? "t" : (phi == NULL ? "phi" : "out"));
  for (int a = 0; a < 4; a++)
    if (!isfinite(phi[a]))
      return nutmm_error_set(NUTMM_EDOM, func, "phi[%d] = %g is not finite", a, phi[a]);
  if (check_lam(func, t) != NUTMM_SUCCESS)
    return NUTMM_EDOM;
  for (int k = 0; k < 6; k++)
    out->Lambda[k] = t->Lambda[k] * cexp(I * sgn * (phi[KPAIR[k][0]] + phi[KPAIR[k][1]]));
  return NUTMM_SUCCESS;
}

int nutmm_tmm_rephase(const nutmm_tmm *t, const double phi[4], nutmm_tmm *out)
{
  /* physics manual phys-mixing-majorana: lambda -> D lambda D, D = diag(e^{i phi}). */
  return rephase(__func__, t, phi, +1.0, out);
}

int nutmm_tmm_absorb_majorana(const nutmm_tmm *t, const double phi[4], nutmm_tmm *out)
{
  /* physics manual phys-mixing-majorana: lambda'_ab = e^{-i(phi_a + phi_b)} lambda_ab. */
  return rephase(__func__, t, phi, -1.0, out);
}

/* ---- effective moments ------------------------------------------------ */

/* A_j(alpha) = sum_i U*_{alpha i} lambda_ij (physics manual phys-tmm-mueff), neutrino
 * convention, for the matrix L of lambda (build_matrix). */
static void amplitudes_of(const nutmm_mixing *mix, const double complex L[4][4], int alpha,
                          double complex A[4])
{
  for (int j = 0; j < 4; j++) {
    double complex s = 0.0;
    for (int i = 0; i < 4; i++)
      s += conj(mix->U[alpha][i]) * L[i][j];
    A[j] = s;
  }
}

static void amplitudes(const nutmm_mixing *mix, const nutmm_tmm *lam, int alpha,
                       double complex A[4])
{
  double complex L[4][4];
  build_matrix(lam, L);
  amplitudes_of(mix, (const double complex(*)[4])L, alpha, A);
}

int nutmm_tmm_amplitudes(const nutmm_mixing *mix, const nutmm_tmm *lam, nutmm_species s,
                         double complex A[4])
{
  int alpha = 0;
  TRY_ARGS(mix, lam, s, A, &alpha);
  double complex a[4];
  amplitudes(mix, lam, alpha, a);
  double chk = 0.0;
  for (int j = 0; j < 4; j++) {
    /* physics manual phys-tmm-mueff: the antineutrino couples through lambda^dagger = -lambda^*. */
    A[j] = nutmm_species_is_anti(s) ? -conj(a[j]) : a[j];
    chk += abs2(a[j]);
  }
  CHECK_RESULT(chk);
  return NUTMM_SUCCESS;
}

int nutmm_mueff2(const nutmm_mixing *mix, const nutmm_tmm *lam, nutmm_species s, nutmm_mueff *out)
{
  int alpha = 0;
  TRY_ARGS(mix, lam, s, out, &alpha);
  double complex A[4];
  amplitudes(mix, lam, alpha, A);
  /* eq. (6), split by final state (physics manual phys-tmm-mueff); identical for nubar. */
  const double act = abs2(A[0]) + abs2(A[1]) + abs2(A[2]);
  const double ster = abs2(A[3]);
  CHECK_RESULT(act + ster);
  out->total = act + ster;
  out->sterile = ster;
  out->active = act;
  return NUTMM_SUCCESS;
}

int nutmm_tmm_interference(const nutmm_mixing *mix, const nutmm_tmm *lam, nutmm_species s,
                           double complex *W)
{
  int alpha = 0;
  TRY_ARGS(mix, lam, s, W, &alpha);
  double complex A[4];
  amplitudes(mix, lam, alpha, A);
  /* physics manual phys-tmm-mueff: W = U_{alpha 4} A_4(alpha); nubar: complex conjugate. */
  const double complex w = mix->U[alpha][3] * A[3];
  CHECK_RESULT(abs2(w));
  *W = nutmm_species_is_anti(s) ? conj(w) : w;
  return NUTMM_SUCCESS;
}

int nutmm_tmm_species_all_(const nutmm_mixing *mix, const nutmm_tmm *lam,
                           double sterile[NUTMM_N_SPECIES], double active[NUTMM_N_SPECIES],
                           double complex W[NUTMM_N_SPECIES])
{
  NUTMM_CHECK_PTR(mix);
  NUTMM_CHECK_PTR(lam);
  NUTMM_TRY(check_lam(__func__, lam));
  double complex L[4][4], A[3][4];
  build_matrix(lam, L);
  for (int alpha = 0; alpha < 3; alpha++)
    amplitudes_of(mix, (const double complex(*)[4])L, alpha, A[alpha]);
  for (int s = 0; s < NUTMM_N_SPECIES; s++) {
    const int alpha = (int)nutmm_species_flavor((nutmm_species)s);
    const double complex *a = A[alpha];
    /* as nutmm_mueff2 (eq. (6)) and nutmm_tmm_interference (W = U_a4 A_4, nubar: conj) */
    const double act = abs2(a[0]) + abs2(a[1]) + abs2(a[2]), ster = abs2(a[3]);
    CHECK_RESULT(act + ster);
    const double complex w = mix->U[alpha][3] * a[3];
    CHECK_RESULT(abs2(w));
    if (sterile)
      sterile[s] = ster;
    if (active)
      active[s] = act;
    if (W)
      W[s] = nutmm_species_is_anti((nutmm_species)s) ? conj(w) : w;
  }
  return NUTMM_SUCCESS;
}

int nutmm_mueff2_truncated(const nutmm_mixing *mix, const nutmm_tmm *lam, nutmm_species s,
                           double *mu2)
{
  int alpha = 0;
  TRY_ARGS(mix, lam, s, mu2, &alpha);
  /* eqs. (7)-(8), reading A (physics manual phys-tmm-truncated): sum_i (|U_ai|^2 + |U_a4|^2) |L_{3+i}|^2. */
  const double u4 = abs2(mix->U[alpha][3]);
  double r = 0.0;
  for (int i = 0; i < 3; i++)
    r += (abs2(mix->U[alpha][i]) + u4) * abs2(lam->Lambda[3 + i]);
  CHECK_RESULT(r);
  *mu2 = r;
  return NUTMM_SUCCESS;
}

int nutmm_mueff2_small_mixing(const nutmm_mixing_params *p, const nutmm_tmm *lam, nutmm_species s,
                              double *mu2)
{
  NUTMM_CHECK_PTR(p);
  nutmm_mixing_params p3 = *p;
  /* eqs. (9)-(10): the small active-sterile mixing limit of eqs. (7)-(8). */
  p3.theta14 = p3.theta24 = p3.theta34 = 0.0;
  p3.delta14 = p3.delta24 = 0.0;
  nutmm_mixing mix;
  NUTMM_TRY(nutmm_mixing_from_params(&p3, &mix));
  NUTMM_TRY(nutmm_mueff2_truncated(&mix, lam, s, mu2));
  return NUTMM_SUCCESS;
}

int nutmm_mueff2_sterile_block(const nutmm_mixing *mix, const nutmm_tmm *lam, nutmm_species s,
                               double *mu2)
{
  int alpha = 0;
  TRY_ARGS(mix, lam, s, mu2, &alpha);
  /* Reading B (physics manual phys-tmm-truncated): |U_a4|^2 sum_{k>3}|L_k|^2 + |sum_{i<=3} U*_ai L_{3+i}|^2. */
  const double ls = abs2(lam->Lambda[3]) + abs2(lam->Lambda[4]) + abs2(lam->Lambda[5]);
  double complex a = 0.0;
  for (int i = 0; i < 3; i++)
    a += conj(mix->U[alpha][i]) * lam->Lambda[3 + i];
  const double r = abs2(mix->U[alpha][3]) * ls + abs2(a);
  CHECK_RESULT(r);
  *mu2 = r;
  return NUTMM_SUCCESS;
}

/* ---- Tables 1-2 ------------------------------------------------------- */

int nutmm_tmm_table_fill(const nutmm_mixing *mix, const nutmm_tmm *lam, nutmm_species s,
                         nutmm_tmm_table *t)
{
  int alpha = 0;
  TRY_ARGS(mix, lam, s, t, &alpha);
  double complex a[4];
  double q[4];
  for (int i = 0; i < 4; i++) {
    a[i] = conj(mix->U[alpha][i]); /* a_i = U*_{alpha i} */
    q[i] = abs2(a[i]);
  }
  /* Generic table, physics manual phys-tmm-tables (rows in the order of ROWS). */
  const double complex K[NUTMM_TMM_NTERMS] = {
      q[1] + q[2],              /*  1 |L1|^2 */
      q[0] + q[2],              /*  2 |L2|^2 */
      q[0] + q[1],              /*  3 |L3|^2 */
      q[0] + q[3],              /*  4 |L4|^2 */
      q[1] + q[3],              /*  5 |L5|^2 */
      q[2] + q[3],              /*  6 |L6|^2 */
      -2.0 * conj(a[0]) * a[1], /*  7 |L1||L2| */
      -2.0 * conj(a[0]) * a[2], /*  8 |L1||L3| */
      0.0,                      /*  9 |L1||L4| */
      +2.0 * conj(a[3]) * a[2], /* 10 |L1||L5| */
      -2.0 * conj(a[3]) * a[1], /* 11 |L1||L6| */
      -2.0 * conj(a[1]) * a[2], /* 12 |L2||L3| */
      -2.0 * conj(a[3]) * a[2], /* 13 |L2||L4| */
      0.0,                      /* 14 |L2||L5| */
      +2.0 * conj(a[3]) * a[0], /* 15 |L2||L6| */
      +2.0 * conj(a[3]) * a[1], /* 16 |L3||L4| */
      -2.0 * conj(a[3]) * a[0], /* 17 |L3||L5| */
      0.0,                      /* 18 |L3||L6| */
      +2.0 * a[0] * conj(a[1]), /* 19 |L4||L5| */
      +2.0 * a[0] * conj(a[2]), /* 20 |L4||L6| */
      +2.0 * a[1] * conj(a[2]), /* 21 |L5||L6| */
  };
  double sum = 0.0;
  for (int j = 0; j < NUTMM_TMM_NTERMS; j++) {
    const double complex Lk = lam->Lambda[ROWS[j].k], Ll = lam->Lambda[ROWS[j].l];
    const double mk = cabs(Lk), ml = cabs(Ll);
    t->K[j] = K[j];
    t->prod[j] = mk * ml;
    if (ROWS[j].k == ROWS[j].l) {
      t->coef[j] = creal(K[j]);
    } else {
      /* c = Re[K_kl e^{i(zeta_k - zeta_l)}] (physics manual phys-tmm-tables); e^{i zeta} = L/|L|, 1 for L = 0. */
      const double complex ek = mk > 0.0 ? Lk / mk : 1.0, el = ml > 0.0 ? Ll / ml : 1.0;
      t->coef[j] = creal(K[j] * ek * conj(el));
    }
    sum += t->coef[j] * t->prod[j];
  }
  CHECK_RESULT(sum);
  return NUTMM_SUCCESS;
}

int nutmm_tmm_table_sum(const nutmm_tmm_table *t, double *mu2)
{
  NUTMM_CHECK_PTR(t);
  NUTMM_CHECK_PTR(mu2);
  double s = 0.0;
  for (int j = 0; j < NUTMM_TMM_NTERMS; j++)
    s += t->coef[j] * t->prod[j]; /* eq. (6), table form */
  *mu2 = s;
  NUTMM_CHECK_RESULT(*mu2, "a table with %d terms (a non-finite coef or prod entry?)",
                     NUTMM_TMM_NTERMS);
  return NUTMM_SUCCESS;
}

int nutmm_tmm_table_row(int j, int *k, int *l, const char **label)
{
  if (j < 1 || j > NUTMM_TMM_NTERMS)
    NUTMM_FAIL(NUTMM_EBADLEN, "row j = %d is not in 1..%d", j, NUTMM_TMM_NTERMS);
  if (k != NULL)
    *k = ROWS[j - 1].k + 1;
  if (l != NULL)
    *l = ROWS[j - 1].l + 1;
  if (label != NULL)
    *label = ROWS[j - 1].label;
  return NUTMM_SUCCESS;
}

/* ---- solar (eq. 5) ---------------------------------------------------- */

int nutmm_mueff2_solar_pei(const double P[4], const nutmm_tmm *lam, nutmm_mueff *out)
{
  NUTMM_CHECK_PTR(P);
  NUTMM_CHECK_PTR(lam);
  NUTMM_CHECK_PTR(out);
  double psum = 0.0;
  for (int i = 0; i < 4; i++) {
    if (!isfinite(P[i]) || P[i] < 0.0 || P[i] > 1.0)
      NUTMM_FAIL(NUTMM_EDOM, "P[%d] = %g is not a probability", i, P[i]);
    psum += P[i];
  }
  if (psum > 1.0 + 1e-9)
    NUTMM_FAIL(NUTMM_EDOM, "sum of P_ei = %.12g exceeds 1", psum);
  int st = check_lam(__func__, lam);
  if (st != NUTMM_SUCCESS)
    return st;
  double complex L[4][4];
  build_matrix(lam, L);
  /* eq. (5) split by final state (physics manual phys-tmm-solar): the interference averages out. */
  double act = 0.0, ster = 0.0;
  for (int i = 0; i < 4; i++) {
    act += P[i] * (abs2(L[i][0]) + abs2(L[i][1]) + abs2(L[i][2]));
    ster += P[i] * abs2(L[i][3]);
  }
  out->total = act + ster;
  out->sterile = ster;
  out->active = act;
  return NUTMM_SUCCESS;
}

int nutmm_mueff2_solar(const nutmm_mixing_params *p, const nutmm_tmm *lam, double E, double n_e,
                       nutmm_mueff *out)
{
  double P[4];
  NUTMM_TRY(nutmm_solar_pei(p, E, n_e, P));
  NUTMM_TRY(nutmm_mueff2_solar_pei(P, lam, out));
  return NUTMM_SUCCESS;
}
