/* Shared helpers for the Check tests. */
#ifndef NUTMM_TESTUTIL_H
#define NUTMM_TESTUTIL_H

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* |a - b| <= rel * |b| (or <= rel when b == 0), with both values in the message. */
#define ck_assert_rel(a, b, rel)                                                            \
  do {                                                                                     \
    double ca_ = (a), cb_ = (b), cr_ = (rel);                                              \
    double lim_ = cb_ == 0.0 ? cr_ : cr_ * fabs(cb_);                                      \
    ck_assert_msg(isfinite(ca_) && fabs(ca_ - cb_) <= lim_,                                 \
                  "%s = %.15g, expected %s = %.15g (rel. dev. %.3g > %.3g)", #a, ca_, #b, cb_, \
                  cb_ != 0.0 ? fabs(ca_ - cb_) / fabs(cb_) : fabs(ca_), cr_);              \
  } while (0)

#define ck_assert_abs(a, b, tol)                                                            \
  do {                                                                                     \
    double ca_ = (a), cb_ = (b), ct_ = (tol);                                              \
    ck_assert_msg(isfinite(ca_) && fabs(ca_ - cb_) <= ct_,                                  \
                  "%s = %.15g, expected %.15g +- %.3g", #a, ca_, cb_, ct_);                  \
  } while (0)

/* Run one suite; exit status for meson. */
static inline int nutmm_test_run(Suite *s)
{
  SRunner *sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
