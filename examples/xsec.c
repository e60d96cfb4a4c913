/* nutmm-xsec: tables of dsigma/dT (cm^2/MeV) for one process, target and neutrino energy
 * (arXiv:2109.09545 eqs. 11-20).  All physics is in the library (nutmm/target.h, formfactor.h,
 * kinematics.h, xsec.h); this program parses options and prints TSV.  --help for usage. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nutmm/error.h"
#include "nutmm/kinematics.h"
#include "nutmm/target.h"
#include "nutmm/types.h"
#include "nutmm/units.h"
#include "nutmm/xsec.h"

enum proc { CEVNS, EES, DIP_N, DIP_E, INT_E, INT_N };
static const char *const proc_name[] = {"cevns", "ees", "dipole-nucleus", "dipole-electron",
                                        "interference", "interference-nucleus"};
static const char *const species_name[] = {"nu_e", "nu_mu", "nu_tau", "nubar_e", "nubar_mu",
                                           "nubar_tau"};

static void usage(FILE *f)
{
  fputs("Usage: nutmm-xsec --process P --E MeV [options]\n"
        "Prints dsigma/dT (cm^2/MeV) over a grid of recoil energies T as TSV: one column per\n"
        "nucleus (nuclear processes) or per element (electron processes, per electron), and the\n"
        "mean over the target's nuclei (number-weighted) or electrons.\n"
        "Process:\n"
        "  --process P      cevns | ees | dipole-nucleus | dipole-electron |\n"
        "                   interference (electrons) | interference-nucleus\n"
        "  --target NAME    CsI, Xe, Ar40, CaWO4, LAr, ... (default CsI for nuclear, Xe for\n"
        "                   electron processes)\n"
        "  --E MeV          neutrino energy (required)\n"
        "  --species S      nu_e nu_mu nu_tau nubar_e nubar_mu nubar_tau (default nu_e; EES and\n"
        "                   electron interference)\n"
        "  --m4 MeV         sterile neutrino mass (default 0)\n"
        "  --mu V           effective moment, mu_B: dipole results are times mu^2 (default 1e-10)\n"
        "  --rew V          Re W, mu_B: interference results are times Re W (default = mu)\n"
        "Grid (T in MeV):\n"
        "  --tmin T --tmax T   range (default: tmax = largest T_+ over the target, tmin = 1e-4 tmax\n"
        "                   for --log, tmax/points for --lin)\n"
        "  --points N       number of rows (default 50)\n"
        "  --log | --lin    spacing (default --log)\n"
        "Physics options:\n"
        "  --ff M           helm | kn | none (default helm)    --kn-coef FM   R_A/A^{1/3} (1.23)\n"
        "  --sin2w X        weak mixing angle (default 0.2387)\n"
        "  --spin S         half | zero | auto: nuclear dipole eq. 17, 18 or by nuclear spin\n"
        "  --full-kinematics   CEvNS with the full BMR factor\n"
        "  --radiative      CEvNS with radiatively corrected couplings\n"
        "  --free           electrons free (no stepping function S(T) of eq. 16)\n"
        "  --eta +1|-1      interference sign (default +1)\n"
        "  --help           this text\n",
        f);
}

static int parse_num(const char *s, double *x)
{
  char *end;
  if (s == NULL || *s == '\0')
    return -1;
  *x = strtod(s, &end);
  return (*end == '\0' && isfinite(*x)) ? 0 : -1;
}

static int fail(const char *what)
{
  fprintf(stderr, "nutmm-xsec: %s: %s\n", what, nutmm_error_reason());
  return EXIT_FAILURE;
}

static int bad_arg(const char *opt, const char *val)
{
  fprintf(stderr, "nutmm-xsec: bad value '%s' for %s (see --help)\n", val ? val : "", opt);
  return EXIT_FAILURE;
}

/* One process at (E, T) for nucleus i or atom i of the target, scaled by mu^2 or Re W. */
static int eval(enum proc p, const nutmm_target *t, size_t i, int free_e, double E, double T,
                double m4, nutmm_species s, double mu, double rew, const nutmm_xsec_options *o,
                double *v)
{
  const nutmm_nucleus *n = nutmm_target_nucleus(t, i);
  const nutmm_atom *a = free_e ? NULL : nutmm_target_atom(t, i);
  int st;
  switch (p) {
  case CEVNS:
    return nutmm_xsec_cevns_e(E, T, n, o, v);
  case EES:
    return nutmm_xsec_ees_e(E, T, s, a, o, v);
  case DIP_N:
    st = nutmm_xsec_dipole_nucleus_e(E, T, m4, n, o, v);
    *v *= mu * mu;
    return st;
  case DIP_E:
    st = nutmm_xsec_dipole_electron_e(E, T, m4, a, o, v);
    *v *= mu * mu;
    return st;
  case INT_E:
    st = nutmm_xsec_int_electron_e(E, T, m4, s, a, o, v);
    *v *= rew;
    return st;
  default:
    st = nutmm_xsec_int_nucleus_e(E, T, m4, n, o, v);
    *v *= rew;
    return st;
  }
}

int main(int argc, char **argv)
{
  int proc = -1, species = 0, points = 50, logscale = 1, free_e = 0;
  const char *target_name = NULL;
  double E = NAN, m4 = 0.0, mu = 1e-10, rew = NAN, tmin = NAN, tmax = NAN, x;
  nutmm_xsec_options o;
  nutmm_xsec_options_default(&o);

  for (int a = 1; a < argc; a++) {
    const char *opt = argv[a];
    if (!strcmp(opt, "--help") || !strcmp(opt, "-h")) {
      usage(stdout);
      return EXIT_SUCCESS;
    }
    if (!strcmp(opt, "--log")) {
      logscale = 1;
      continue;
    }
    if (!strcmp(opt, "--lin")) {
      logscale = 0;
      continue;
    }
    if (!strcmp(opt, "--free")) {
      free_e = 1;
      continue;
    }
    if (!strcmp(opt, "--full-kinematics")) {
      o.full_kinematics = 1;
      continue;
    }
    if (!strcmp(opt, "--radiative")) {
      o.radiative_couplings = 1;
      continue;
    }
    if (a + 1 >= argc) {
      fprintf(stderr, "nutmm-xsec: unknown option or missing value: %s (see --help)\n", opt);
      return EXIT_FAILURE;
    }
    const char *val = argv[++a];
    if (!strcmp(opt, "--process")) {
      for (int k = 0; k < 6; k++)
        if (!strcmp(val, proc_name[k]))
          proc = k;
      if (!strcmp(val, "interference-electron"))
        proc = INT_E;
      if (proc < 0)
        return bad_arg(opt, val);
    } else if (!strcmp(opt, "--target")) {
      target_name = val;
    } else if (!strcmp(opt, "--species")) {
      species = -1;
      for (int k = 0; k < NUTMM_N_SPECIES; k++)
        if (!strcmp(val, species_name[k]))
          species = k;
      if (species < 0)
        return bad_arg(opt, val);
    } else if (!strcmp(opt, "--ff")) {
      if (!strcmp(val, "helm"))
        o.ff.model = NUTMM_FF_HELM;
      else if (!strcmp(val, "kn"))
        o.ff.model = NUTMM_FF_KLEIN_NYSTRAND;
      else if (!strcmp(val, "none"))
        o.ff.model = NUTMM_FF_NONE;
      else
        return bad_arg(opt, val);
    } else if (!strcmp(opt, "--spin")) {
      if (!strcmp(val, "half"))
        o.dipole_spin = NUTMM_DIPOLE_SPIN_HALF;
      else if (!strcmp(val, "zero"))
        o.dipole_spin = NUTMM_DIPOLE_SPIN_ZERO;
      else if (!strcmp(val, "auto"))
        o.dipole_spin = NUTMM_DIPOLE_SPIN_AUTO;
      else
        return bad_arg(opt, val);
    } else if (!strcmp(opt, "--points")) {
      if (parse_num(val, &x) || x < 2 || x > 1e6 || x != floor(x))
        return bad_arg(opt, val);
      points = (int)x;
    } else if (!strcmp(opt, "--eta")) {
      if (parse_num(val, &x) || (x != 1.0 && x != -1.0))
        return bad_arg(opt, val);
      o.eta = (int)x;
    } else {
      if (parse_num(val, &x))
        return bad_arg(opt, val);
      if (!strcmp(opt, "--E"))
        E = x;
      else if (!strcmp(opt, "--m4"))
        m4 = x;
      else if (!strcmp(opt, "--mu"))
        mu = x;
      else if (!strcmp(opt, "--rew"))
        rew = x;
      else if (!strcmp(opt, "--tmin"))
        tmin = x;
      else if (!strcmp(opt, "--tmax"))
        tmax = x;
      else if (!strcmp(opt, "--sin2w"))
        o.sin2w = x;
      else if (!strcmp(opt, "--kn-coef"))
        o.ff.kn_coef = x * NUTMM_FM;
      else {
        fprintf(stderr, "nutmm-xsec: unknown option %s (see --help)\n", opt);
        return EXIT_FAILURE;
      }
    }
  }
  if (proc < 0 || isnan(E)) {
    fputs("nutmm-xsec: --process and --E are required (see --help)\n", stderr);
    return EXIT_FAILURE;
  }
  if (!(E > 0.0) || m4 < 0.0) {
    fprintf(stderr, "nutmm-xsec: need E > 0 and m4 >= 0 (got E = %g, m4 = %g MeV)\n", E, m4);
    return EXIT_FAILURE;
  }
  if (isnan(rew))
    rew = mu;
  int electron = proc == EES || proc == DIP_E || proc == INT_E;
  if (!target_name)
    target_name = electron ? "Xe" : "CsI";
  double m4p = (proc == CEVNS || proc == EES) ? 0.0 : m4; /* the SM has a massless final state */

  nutmm_target *t = NULL;
  if (nutmm_target_alloc(target_name, &t))
    return fail("target");
  size_t ncol = electron ? nutmm_target_n_atoms(t) : nutmm_target_n_nuclei(t);
  if (ncol == 0) {
    fprintf(stderr, "nutmm-xsec: target '%s' has no %s\n", target_name,
            electron ? "electrons" : "nuclei");
    nutmm_target_free(t);
    return EXIT_FAILURE;
  }
  /* default T range: the largest upper recoil edge over the target */
  if (isnan(tmax)) {
    tmax = 0.0;
    for (size_t i = 0; i < ncol; i++) {
      double M = electron ? NUTMM_ME : nutmm_target_nucleus(t, i)->mass, lo, hi;
      if (nutmm_kin_recoil_range(E, M, m4p, &lo, &hi) == NUTMM_SUCCESS)
        tmax = fmax(tmax, hi);
    }
    if (tmax == 0.0) {
      fprintf(stderr, "nutmm-xsec: E = %g MeV is below the production threshold for m4 = %g MeV\n",
              E, m4p);
      nutmm_target_free(t);
      return EXIT_FAILURE;
    }
  }
  if (isnan(tmin))
    tmin = logscale ? 1e-4 * tmax : tmax / points;
  if (!(tmin > 0.0) || !(tmax > tmin)) {
    fprintf(stderr, "nutmm-xsec: need 0 < tmin < tmax (got %g, %g MeV)\n", tmin, tmax);
    nutmm_target_free(t);
    return EXIT_FAILURE;
  }

  /* weights of the mean column: nuclei per kg or electrons per kg */
  double wsum = 0.0;
  for (size_t i = 0; i < ncol; i++)
    wsum += electron ? nutmm_target_atom_electrons_per_kg(t, i) : nutmm_target_nuclei_per_kg(t, i);

  printf("# nutmm-xsec: process %s, target %s, E = %g MeV, m4 = %g MeV, species %s\n",
         proc_name[proc], nutmm_target_name(t), E, m4p, species_name[species]);
  printf("# dipole x mu^2 with mu = %g mu_B; interference x Re W = %g mu_B (eta = %+d); "
         "sin2w = %g; form factor %s; %s electrons\n",
         mu, rew, o.eta, o.sin2w,
         o.ff.model == NUTMM_FF_HELM ? "Helm" : o.ff.model == NUTMM_FF_NONE ? "none" : "Klein-Nystrand",
         free_e ? "free" : "bound (eq. 16)");
  printf("# columns: T [MeV], dsigma/dT [cm^2/MeV] per %s of each kind, mean per %s\n",
         electron ? "electron" : "nucleus", electron ? "electron" : "nucleus");
  printf("T_MeV");
  for (size_t i = 0; i < ncol; i++)
    printf("\t%s", electron ? nutmm_target_atom(t, i)->symbol : nutmm_target_nucleus(t, i)->name);
  printf("\tmean\n");

  for (int k = 0; k < points; k++) {
    double f = (double)k / (points - 1);
    double T = logscale ? tmin * pow(tmax / tmin, f) : tmin + (tmax - tmin) * f;
    double mean = 0.0;
    printf("%.12e", T);
    for (size_t i = 0; i < ncol; i++) {
      double v;
      if (eval((enum proc)proc, t, i, free_e, E, T, m4, (nutmm_species)species, mu, rew, &o, &v)) {
        nutmm_target_free(t);
        return fail("cross section");
      }
      double w = electron ? nutmm_target_atom_electrons_per_kg(t, i) : nutmm_target_nuclei_per_kg(t, i);
      mean += w * v;
      printf("\t%.12e", v);
    }
    printf("\t%.12e\n", wsum > 0.0 ? mean / wsum : 0.0);
  }
  nutmm_target_free(t);
  return EXIT_SUCCESS;
}
