/* Combined analyses by name (experiments.h): the paper's Sec. 4 argument -- the fundamental
 * lambda_ij make experiments with different beams comparable and combinable. */
#include <stdio.h>
#include <string.h>

#include "nutmm/experiments.h"

/* The shipped combinations.  To add an experiment, add its name to a member list. */
static const nutmm_combination named[] = {
    {"current", "experiments with data and upper limits: COHERENT CsI and LAr, TEXONO, XENONnT",
     "coherent-csi coherent-lar texono xenonnt"},
    {"future", "the paper's projected sensitivities: 51Cr CENS, 51Cr-LXe, CENNS-750",
     "cr51-cens cr51-lxe cenns750"},
};
#define N_NAMED (sizeof named / sizeof named[0])

size_t nutmm_combination_count(void) { return N_NAMED; }

const nutmm_combination *nutmm_combination_at(size_t i) { return i < N_NAMED ? &named[i] : NULL; }

/* Split `spec` at spaces, commas and '+' into words of at most NUTMM_EXP_WORD_MAX - 1. */
static int split(const char *spec, char words[][NUTMM_EXP_WORD_MAX], size_t max, size_t *n)
{
  *n = 0;
  for (const char *p = spec; *p;) {
    while (*p == ' ' || *p == ',' || *p == '+' || *p == '\t')
      p++;
    if (!*p)
      break;
    const char *q = p;
    while (*q && *q != ' ' && *q != ',' && *q != '+' && *q != '\t')
      q++;
    if ((size_t)(q - p) >= NUTMM_EXP_WORD_MAX || *n == max)
      return nutmm_error_set(NUTMM_EBADLEN, "nutmm_combination_members",
                             "'%s': more than %zu members or a name too long", spec, max);
    memcpy(words[*n], p, (size_t)(q - p));
    words[(*n)++][q - p] = '\0';
    p = q;
  }
  return NUTMM_SUCCESS;
}

int nutmm_combination_members(const char *spec, int allow_excess,
                              const nutmm_experiment *members[NUTMM_COMBINATION_MAX], size_t *n)
{
  if (!spec || !members || !n)
    return nutmm_error_set(NUTMM_EFAULT, __func__, "NULL argument");
  *n = 0;
  char words[NUTMM_COMBINATION_MAX][NUTMM_EXP_WORD_MAX];
  size_t nw;
  int s = split(spec, words, NUTMM_COMBINATION_MAX, &nw);
  if (s)
    return s;
  for (size_t i = 0; nw == 1 && i < N_NAMED; i++)
    if (strcmp(words[0], named[i].name) == 0) { /* a named combination is its list */
      if ((s = split(named[i].members, words, NUTMM_COMBINATION_MAX, &nw)))
        return s;
      break;
    }
  if (nw == 0)
    return nutmm_error_set(NUTMM_EBADLEN, __func__, "empty combination");
  for (size_t k = 0; k < nw; k++) {
    const nutmm_experiment *e = nutmm_experiment_find(words[k]);
    if (!e)
      return nutmm_error_set(NUTMM_ENOTFOUND, __func__,
                             "'%s' is neither a combination (current, future) nor an experiment",
                             words[k]);
    for (size_t j = 0; j < k; j++)
      if (members[j] == e)
        return nutmm_error_set(NUTMM_EINVAL, __func__, "%s appears twice", e->name);
    /* An experiment whose analysis is an allowed band from the global minimum (two_sided:
     * XENON1T's excess, Fig. 3) prefers a non-zero moment: summed into a combined upper
     * limit it would pull the best fit away from zero and turn the limit into a band. */
    if (e->two_sided && !allow_excess)
      return nutmm_error_set(NUTMM_EINVAL, __func__,
                             "%s: its data show an excess (an allowed region, not an upper "
                             "limit); it is kept out of combined limits -- ask for it with "
                             "allow_excess (nutmm-scan: allow-excess 1)", e->name);
    members[k] = e;
  }
  *n = nw;
  return NUTMM_SUCCESS;
}

int nutmm_combination_build(const char *spec, int allow_excess, const nutmm_mixing_params *mix,
                            int interference, nutmm_analysis *an[NUTMM_COMBINATION_MAX],
                            size_t *n)
{
  const nutmm_experiment *m[NUTMM_COMBINATION_MAX];
  size_t nm = 0;
  if (!an || !n)
    return nutmm_error_set(NUTMM_EFAULT, __func__, "NULL argument");
  *n = 0;
  int s = nutmm_combination_members(spec, allow_excess, m, &nm);
  for (size_t k = 0; k < nm && !s; k++) {
    nutmm_exp_options o;
    s = nutmm_experiment_options_default(m[k], &o);
    if (!s && mix)
      o.mix = *mix;
    o.interference = interference != 0;
    if (!s)
      s = nutmm_experiment_build(m[k]->name, &o, &an[k]);
    if (!s)
      *n = k + 1;
  }
  if (s) {
    for (size_t k = 0; k < *n; k++)
      nutmm_analysis_free(an[k]);
    *n = 0;
    return nutmm_error_chain(s, __func__);
  }
  return NUTMM_SUCCESS;
}
