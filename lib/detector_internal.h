/* libnutmm -- private link between lib/detector.c (the detector configuration) and
 * lib/response.c (kernel integrals and the response matrix).  Not installed. */
#ifndef NUTMM_DETECTOR_INTERNAL_H
#define NUTMM_DETECTOR_INTERNAL_H

#include <stddef.h>

#include "internal.h"
#include "nutmm/detector.h"

enum { Q_NONE, Q_CONST, Q_LINEAR, Q_POLY, Q_USER, Q_LINDHARD };
enum { RES_NONE, RES_CONST, RES_SQRTLIN, RES_USER };
enum { EFF_NONE, EFF_LOGISTIC, EFF_TABLE, EFF_USER };

/* One efficiency slot (observable or true space). */
typedef struct {
  int kind;
  double a, k, v0, vthr; /* logistic */
  double *v, *e;         /* table abscissae and values */
  size_t n;
  int outside;
  nutmm_efficiency_fn fn; /* user hook */
  void *user;
  double thr; /* hard threshold Theta(v - thr); 0 = none */
} eff_slot;

struct nutmm_detector {
  /* quenching */
  int qkind;
  double qc[NUTMM_QUENCH_POLY_MAX]; /* const: qc[0]; linear: a = qc[0], b = qc[1]; poly */
  size_t qn;
  double qTmax;     /* validity range of the map (MeV); INFINITY if unbounded */
  double qE0, qEmax; /* E_ee(0), E_ee(T_max) for poly / user maps */
  nutmm_quench_fn qfn;
  void *quser;
  /* light yield (PE per MeV of E_ee); 0 = off */
  double ly;
  /* resolution */
  int rkind;
  double ra, rb;
  nutmm_sigma_fn rfn;
  void *ruser;
  int knorm;
  /* efficiencies, indexed by nutmm_eff_space */
  eff_slot eff[2];
  /* binning */
  double *edges;
  size_t nbins;
};

/* x_true(T) = LY E_ee(T) (or E_ee(T)) for T already validated (0 <= T <= qTmax). */
NUTMM_INTERNAL int nutmm_detector_observable_eval_(const nutmm_detector *d, double T, double *x);

/* sigma(x) of the resolution for x >= 0 validated. */
NUTMM_INTERNAL int nutmm_detector_sigma_eval_(const nutmm_detector *d, double x, double *s);

/* Efficiency of a slot at v, including its threshold. */
NUTMM_INTERNAL int nutmm_detector_eff_eval_(const eff_slot *s, double v, double *eps);

#endif /* NUTMM_DETECTOR_INTERNAL_H */
