/* libnutmm -- the library's version and the sizes of its public structs (version.h). */
#include "nutmm/version.h"

#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "nutmm/nutmm.h"

const char *nutmm_version(void) { return NUTMM_VERSION; }

void nutmm_version_numbers(int *major, int *minor, int *patch)
{
  if (major)
    *major = NUTMM_VERSION_MAJOR;
  if (minor)
    *minor = NUTMM_VERSION_MINOR;
  if (patch)
    *patch = NUTMM_VERSION_PATCH;
}

/* Every public struct and enum of the headers, so that a binding can compare its own
 * layout with the library's.  Add a line when a public type is added. */
#define NUTMM_TYPE(t) {#t, sizeof(t)}
static const struct {
  const char *name;
  size_t size;
} public_types[] = {
    NUTMM_TYPE(nutmm_flavor),          NUTMM_TYPE(nutmm_species),
    NUTMM_TYPE(nutmm_mixing_params),
    NUTMM_TYPE(nutmm_mixing),          NUTMM_TYPE(nutmm_tmm),
    NUTMM_TYPE(nutmm_mueff),           NUTMM_TYPE(nutmm_tmm_table),
    NUTMM_TYPE(nutmm_nucleus),         NUTMM_TYPE(nutmm_atom),
    NUTMM_TYPE(nutmm_ff_model),        NUTMM_TYPE(nutmm_ff_nucleon),
    NUTMM_TYPE(nutmm_ff_options),      NUTMM_TYPE(nutmm_dipole_spin),
    NUTMM_TYPE(nutmm_xsec_options),    NUTMM_TYPE(nutmm_flux_norm),
    NUTMM_TYPE(nutmm_flux_info),       NUTMM_TYPE(nutmm_solar_source),
    NUTMM_TYPE(nutmm_solar_mode),      NUTMM_TYPE(nutmm_solar_options),
    NUTMM_TYPE(nutmm_reactor_isotope), NUTMM_TYPE(nutmm_reactor_low),
    NUTMM_TYPE(nutmm_reactor_options), NUTMM_TYPE(nutmm_pidar_options),
    NUTMM_TYPE(nutmm_cr51_geometry),   NUTMM_TYPE(nutmm_cr51_options),
    NUTMM_TYPE(nutmm_cr51_summary),    NUTMM_TYPE(nutmm_eff_space),
    NUTMM_TYPE(nutmm_eff_outside),     NUTMM_TYPE(nutmm_kernel_norm),
    NUTMM_TYPE(nutmm_channel),         NUTMM_TYPE(nutmm_process),
    NUTMM_TYPE(nutmm_rate_options),    NUTMM_TYPE(nutmm_limit_options),
    NUTMM_TYPE(nutmm_interval),        NUTMM_TYPE(nutmm_xsec_point),
    NUTMM_TYPE(nutmm_xsec_user),       NUTMM_TYPE(nutmm_reactor_yield),
    NUTMM_TYPE(nutmm_chi2_form),       NUTMM_TYPE(nutmm_chi2_pulls),
    NUTMM_TYPE(nutmm_signal_parts),    NUTMM_TYPE(nutmm_coupling),
    NUTMM_TYPE(nutmm_coupling_mode),   NUTMM_TYPE(nutmm_analysis_rate_options),
    NUTMM_TYPE(nutmm_scan_options),    NUTMM_TYPE(nutmm_scan_point),
    NUTMM_TYPE(nutmm_scan_reference),  NUTMM_TYPE(nutmm_scan_status),
    NUTMM_TYPE(nutmm_signal_weights),
};
#undef NUTMM_TYPE

#define N_PUBLIC_TYPES (sizeof public_types / sizeof public_types[0])

size_t nutmm_struct_count(void) { return N_PUBLIC_TYPES; }

const char *nutmm_struct_name(size_t i) { return i < N_PUBLIC_TYPES ? public_types[i].name : NULL; }

int nutmm_struct_size(const char *name, size_t *size)
{
  NUTMM_CHECK_PTR(name);
  NUTMM_CHECK_PTR(size);
  for (size_t i = 0; i < N_PUBLIC_TYPES; i++)
    if (strcmp(name, public_types[i].name) == 0) {
      *size = public_types[i].size;
      return NUTMM_SUCCESS;
    }
  char known[1024];
  size_t len = 0;
  known[0] = '\0';
  for (size_t i = 0; i < N_PUBLIC_TYPES && len + 1 < sizeof known; i++)
    len += (size_t)snprintf(known + len, sizeof known - len, "%s%s", i ? ", " : "",
                            public_types[i].name);
  NUTMM_FAIL(NUTMM_ENOTFOUND, "'%s' is not a public type of libnutmm %s (known: %s)", name,
             NUTMM_VERSION, known);
}
