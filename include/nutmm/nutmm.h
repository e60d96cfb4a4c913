/** @file
 * @brief libnutmm -- umbrella header: includes every public module.
 *
 * Data flows one way through the modules, each header knowing only those
 * to its left:
 * ~~~
 *   mixing/tmm -> target + formfactor -> kinematics -> xsec
 *     -> flux x detector -> rate -> stats
 * ~~~
 */
#ifndef NUTMM_H
#define NUTMM_H

#include "nutmm/version.h"
#include "nutmm/units.h"
#include "nutmm/error.h"
#include "nutmm/types.h"
#include "nutmm/data.h"
#include "nutmm/mixing.h"
#include "nutmm/tmm.h"
#include "nutmm/target.h"
#include "nutmm/formfactor.h"
#include "nutmm/kinematics.h"
#include "nutmm/xsec.h"
#include "nutmm/flux.h"
#include "nutmm/detector.h"
#include "nutmm/rate.h"
#include "nutmm/stats.h"
#include "nutmm/coupling.h"
#include "nutmm/analysis.h"
#include "nutmm/scan.h"

#endif /* NUTMM_H */
