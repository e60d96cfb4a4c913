/* The experiments by name, their options and the shared setting check (experiments.h). */
#include <stdio.h>
#include <string.h>

#include "assembly.h"

static const nutmm_experiment *const all[] = {
    &nutmm_exp_xenon1t, &nutmm_exp_coherent_csi, &nutmm_exp_coherent_lar, &nutmm_exp_texono,
    &nutmm_exp_cenns750, &nutmm_exp_cr51_cens, &nutmm_exp_cr51_lxe, &nutmm_exp_xenonnt};
#define N_EXPERIMENTS (sizeof all / sizeof all[0])

size_t nutmm_experiment_count(void) { return N_EXPERIMENTS; }

int nutmm_experiment_struct_size(const char *name, size_t *size)
{
  static const struct {
    const char *name;
    size_t size;
  } types[] = {{"nutmm_exp_setting", sizeof(nutmm_exp_setting)},
               {"nutmm_exp_options", sizeof(nutmm_exp_options)},
               {"nutmm_experiment", sizeof(nutmm_experiment)},
               {"nutmm_combination", sizeof(nutmm_combination)}};
  if (!name || !size)
    return nutmm_error_set(NUTMM_EFAULT, __func__, "%s is NULL", name ? "size" : "name");
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (strcmp(name, types[i].name) == 0) {
      *size = types[i].size;
      return NUTMM_SUCCESS;
    }
  return nutmm_error_set(NUTMM_ENOTFOUND, __func__, "'%s' is not a public type of "
                         "libnutmm-experiments (nutmm_exp_setting, nutmm_exp_options, "
                         "nutmm_experiment, nutmm_combination)", name);
}

const nutmm_experiment *nutmm_experiment_at(size_t i) { return i < N_EXPERIMENTS ? all[i] : NULL; }

const nutmm_experiment *nutmm_experiment_find(const char *name)
{
  for (size_t i = 0; name && i < N_EXPERIMENTS; i++)
    if (strcmp(all[i]->name, name) == 0)
      return all[i];
  nutmm_error_set(NUTMM_ENOTFOUND, __func__,
                  "no experiment '%s' (xenon1t, coherent-csi, coherent-lar, texono, cenns750, "
                  "cr51-cens, cr51-lxe, xenonnt)",
                  name ? name : "(null)");
  return NULL;
}

/* Whether `word` is one of the space-separated words of `list`. */
static int in_list(const char *list, const char *word)
{
  size_t n = strlen(word);
  for (const char *p = list; p && *p;) {
    while (*p == ' ')
      p++;
    const char *q = p;
    while (*q && *q != ' ')
      q++;
    if (q > p && (size_t)(q - p) == n && strncmp(p, word, n) == 0)
      return 1;
    p = q;
  }
  return 0;
}

static void first_word(const char *list, char *buf)
{
  size_t i = 0;
  while (list && list[i] && list[i] != ' ' && i + 1 < NUTMM_EXP_WORD_MAX) {
    buf[i] = list[i];
    i++;
  }
  buf[i] = '\0';
}

int nutmm_experiment_options_default(const nutmm_experiment *e, nutmm_exp_options *o)
{
  if (!e || !o)
    return nutmm_error_set(NUTMM_EFAULT, __func__, "%s is NULL", e ? "o" : "e");
  memset(o, 0, sizeof *o);
  first_word(e->targets, o->target);
  first_word(e->configs, o->config);
  for (size_t k = 0; k < e->n_settings && k < NUTMM_EXP_MAX_SETTINGS; k++)
    o->set[k] = e->settings[k].value;
  nutmm_mixing_params_default(&o->mix);
  o->interference = 1;
  return NUTMM_SUCCESS;
}

int nutmm_experiment_set(const nutmm_experiment *e, nutmm_exp_options *o, const char *name,
                         double value)
{
  if (!e || !o || !name)
    return nutmm_error_set(NUTMM_EFAULT, __func__, "NULL argument");
  for (size_t k = 0; k < e->n_settings; k++)
    if (strcmp(e->settings[k].name, name) == 0) {
      if (!isfinite(value))
        return nutmm_error_set(NUTMM_EDOM, __func__, "%s = %g is not finite", name, value);
      o->set[k] = value;
      return NUTMM_SUCCESS;
    }
  char names[512] = "";
  for (size_t k = 0; k < e->n_settings; k++) {
    size_t l = strlen(names);
    snprintf(names + l, sizeof names - l, "%s%s", k ? ", " : "", e->settings[k].name);
  }
  return nutmm_error_set(NUTMM_ENOTFOUND, __func__, "%s has no setting '%s' (%s)", e->name, name,
                         e->n_settings ? names : "none");
}

static int set_word(const char *list, const char *word, char *dst, const char *what,
                    const char *exp, const char *func)
{
  if (!word || !list || !in_list(list, word) || strlen(word) >= NUTMM_EXP_WORD_MAX)
    return nutmm_error_set(NUTMM_ENOTFOUND, func, "%s: %s '%s' not one of: %s", exp, what,
                           word ? word : "(null)", list ? list : "(none)");
  strcpy(dst, word);
  return NUTMM_SUCCESS;
}

int nutmm_experiment_set_target(const nutmm_experiment *e, nutmm_exp_options *o,
                                const char *target)
{
  if (!e || !o)
    return nutmm_error_set(NUTMM_EFAULT, __func__, "NULL argument");
  return set_word(e->targets, target, o->target, "target", e->name, __func__);
}

int nutmm_experiment_set_config(const nutmm_experiment *e, nutmm_exp_options *o,
                                const char *config)
{
  if (!e || !o)
    return nutmm_error_set(NUTMM_EFAULT, __func__, "NULL argument");
  return set_word(e->configs, config, o->config, "configuration", e->name, __func__);
}

int nutmm_experiment_build(const char *name, const nutmm_exp_options *o, nutmm_analysis **a)
{
  if (!a)
    return nutmm_error_set(NUTMM_EFAULT, __func__, "a is NULL");
  *a = NULL;
  const nutmm_experiment *e = nutmm_experiment_find(name);
  if (!e)
    return NUTMM_ENOTFOUND;
  nutmm_exp_options def;
  if (!o) {
    nutmm_experiment_options_default(e, &def);
    o = &def;
  }
  if ((e->targets && !in_list(e->targets, o->target)) ||
      (e->configs && !in_list(e->configs, o->config)))
    return nutmm_error_set(NUTMM_ENOTFOUND, __func__, "%s: target '%s' or configuration '%s' "
                           "unknown", e->name, o->target, o->config);
  int s = e->build(e, o, a);
  return s ? nutmm_error_chain(s, e->name) : NUTMM_SUCCESS;
}

int exp_check(const nutmm_experiment *e, const nutmm_exp_options *o, size_t k, double lo,
              int closed, double hi, int whole)
{
  double v = o->set[k];
  if (isfinite(v) && (closed ? v >= lo : v > lo) && v <= hi && (!whole || v == floor(v)))
    return NUTMM_SUCCESS;
  char upper[48] = "";
  if (hi < INFINITY)
    snprintf(upper, sizeof upper, " and <= %g", hi);
  return nutmm_error_set(NUTMM_EDOM, "settings", "--set %s=%g: %s must be %s %s %g%s (%s)",
                         e->settings[k].name, v, e->settings[k].name,
                         whole ? "a whole number" : "finite and", closed ? ">=" : ">", lo, upper,
                         e->settings[k].unit);
}

int exp_discard(int s, nutmm_rate *r, nutmm_target *tg, nutmm_flux *f, nutmm_detector *d,
                nutmm_chi2 *chi)
{
  nutmm_chi2_free(chi);
  nutmm_rate_free(r);
  nutmm_detector_free(d);
  nutmm_flux_free(f);
  nutmm_target_free(tg);
  return s;
}

int exp_assemble(const char *name, size_t nbins, nutmm_rate *r, nutmm_target *tg, nutmm_flux *f,
                 nutmm_detector *d, const nutmm_analysis_rate_options *plan, nutmm_chi2 *chi,
                 const double *sm, const double *edges, double unit, const char *stem,
                 const char *const *bkg_names, nutmm_analysis **a)
{
  int s = nutmm_analysis_alloc(name, nbins, a);
  if (s)
    return exp_discard(s, r, tg, f, d, chi);
  if ((s = nutmm_analysis_add_rate(*a, r, tg, f, d, plan))) { /* adopted, freed */
    nutmm_chi2_free(chi);
    goto fail;
  }
  if ((s = nutmm_analysis_set_likelihood(*a, chi)))
    goto fail;
  if (sm && (s = nutmm_analysis_set_sm(*a, sm)))
    goto fail;
  if ((s = nutmm_analysis_set_bins(*a, edges, unit, stem)))
    goto fail;
  for (size_t c = 0; bkg_names && bkg_names[c]; c++)
    if ((s = nutmm_analysis_set_background_name(*a, c, bkg_names[c])))
      goto fail;
  return NUTMM_SUCCESS;
fail:
  nutmm_analysis_free(*a);
  *a = NULL;
  return s;
}
