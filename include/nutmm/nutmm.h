/* libnutmm -- umbrella header: includes every public module.
 *
 * Data flows one way through the modules, each header knowing only those
 * to its left:
 *   mixing/tmm -> target + formfactor -> kinematics -> xsec
 *     -> flux x detector -> rate -> stats
 */
#ifndef NUTMM_H
#define NUTMM_H

#include "nutmm/units.h"
#include "nutmm/error.h"
#include "nutmm/types.h"
#include "nutmm/data.h"

#endif /* NUTMM_H */
