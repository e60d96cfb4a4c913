"""Bad input never crashes the interpreter: every public call given garbage either works or
raises nutmm.Error (never a bare TypeError, ValueError, OverflowError or a crash)."""
import itertools
import unittest

import numpy as np

import nutmm
from nutmm_testutil import TestCase

GARBAGE = [None, "x", float("nan"), float("inf"), -1, 2 ** 80, [], [[1.0, 2.0], [3.0]],
           np.ones((3, 3)), object(), 1 + 2j, True]


def calls():
    """(name, callable taking one garbage argument) for each argument slot of the API."""
    mix, lam = nutmm.Mixing(), nutmm.TMM().set(1, 4, 1e-10)
    cs = nutmm.Nucleus.lookup("Cs133")
    flux = nutmm.Flux.pidar()
    det = (nutmm.Detector().quench_csi().light_yield(13348.0).acceptance_csi2017()
           .bins_uniform(6.0, 30.0, 12))
    rate = nutmm.Rate(nutmm.Target("CsI"), flux, det, exposure=1.0)
    chi = nutmm.Chi2(3).set_observed([1.0, 2.0, 3.0]).set_sigma2([1.0, 1.0, 1.0])
    return [
        ("Mixing", lambda g: nutmm.Mixing(theta14=g)),
        ("Mixing.from_matrix", lambda g: nutmm.Mixing.from_matrix(g)),
        ("Mixing.rephase", lambda g: mix.rephase(chi=g)),
        ("Mixing.solar_pee", lambda g: mix.solar_pee(g)),
        ("TMM", lambda g: nutmm.TMM(g)),
        ("TMM.set i", lambda g: nutmm.TMM().set(g, 2, 1.0)),
        ("TMM.set value", lambda g: nutmm.TMM().set(1, 2, g)),
        ("TMM.rephase", lambda g: lam.rephase(g)),
        ("mueff2 species", lambda g: nutmm.mueff2(mix, lam, g)),
        ("mueff2 lambda", lambda g: nutmm.mueff2(mix, g, "nu_e")),
        ("mueff2 mixing", lambda g: nutmm.mueff2(g, lam, "nu_e")),
        ("TmmTable", lambda g: nutmm.TmmTable(mix, lam, g)),
        ("mueff2_solar", lambda g: nutmm.mueff2_solar(mix, lam, g)),
        ("Nucleus", lambda g: nutmm.Nucleus(g, 133, 132.9, 4.8e-13)),
        ("Nucleus.lookup", lambda g: nutmm.Nucleus.lookup(g)),
        ("Nucleus.r_n", lambda g: setattr(nutmm.Nucleus.lookup("Ar40"), "r_n", g)),
        ("Atom", lambda g: nutmm.Atom(g)),
        ("Atom.step", lambda g: nutmm.Atom("Xe").step(g)),
        ("Target", lambda g: nutmm.Target(g)),
        ("Target.custom", lambda g: nutmm.Target.custom([cs], g)),
        ("cevns E", lambda g: nutmm.cevns(g, 0.01, cs)),
        ("cevns nucleus", lambda g: nutmm.cevns(30.0, 0.01, g)),
        ("cevns option", lambda g: nutmm.cevns(30.0, 0.01, cs, sin2w=g)),
        ("cevns formfactor", lambda g: nutmm.cevns(30.0, 0.01, cs, formfactor=g)),
        ("dipole_nucleus m4", lambda g: nutmm.dipole_nucleus(30.0, 0.01, g, cs)),
        ("ees species", lambda g: nutmm.ees(1.0, 0.1, g)),
        ("dipole_electron atom", lambda g: nutmm.dipole_electron(1.0, 0.1, 0.01, g)),
        ("formfactor", lambda g: nutmm.formfactor(g, cs)),
        ("kin_emin", lambda g: nutmm.kin_emin(g, 0.511, 0.0)),
        ("Flux.pidar", lambda g: nutmm.Flux.pidar(L=g)),
        ("Flux.solar", lambda g: nutmm.Flux.solar(refine=g)),
        ("Flux.reactor", lambda g: nutmm.Flux.reactor(fission_fraction=g)),
        ("Flux.reactor_power", lambda g: nutmm.Flux.reactor_power(g, 2800.0)),
        ("lindhard_k", lambda g: nutmm.lindhard_k(g, 73)),
        ("Detector.quench_lindhard", lambda g: nutmm.Detector().quench_lindhard(32, g, 0.1)),
        ("Flux.cr51", lambda g: nutmm.Flux.cr51(geometry=g)),
        ("Flux.add_table", lambda g: nutmm.Flux().add_table("nu_e", "t", g, [1.0, 2.0])),
        ("Flux.add_line", lambda g: nutmm.Flux().add_line("nu_e", g, 1.0, 1.0)),
        ("Flux.eval", lambda g: flux.eval(1.0, g)),
        ("Flux.eval_species", lambda g: flux.eval_species(1.0, g)),
        ("Flux.moments", lambda g: flux.moments(0, g)),
        ("Flux.scale", lambda g: nutmm.Flux.pidar().scale(g)),
        ("Detector.bins", lambda g: nutmm.Detector().bins(g)),
        ("Detector.bins_uniform", lambda g: nutmm.Detector().bins_uniform(0.0, 1.0, g)),
        ("Detector.quench_poly", lambda g: nutmm.Detector().quench_poly(g, 0.1)),
        ("Detector.efficiency_table", lambda g: nutmm.Detector().efficiency_table("true", g, g)),
        ("Detector.threshold", lambda g: nutmm.Detector().threshold(g, 0.1)),
        ("Detector.sigma", lambda g: det.sigma(g)),
        ("Detector.bin_fractions", lambda g: det.bin_fractions(g)),
        ("Detector.response", lambda g: det.response(g, [1.0])),
        ("Rate", lambda g: nutmm.Rate(nutmm.Target("CsI"), flux, det, nsigma=g)),
        ("Rate detector", lambda g: nutmm.Rate(nutmm.Target("CsI"), flux, g)),
        ("Rate.dipole", lambda g: rate.dipole(g)),
        ("Rate.dipole w", lambda g: rate.dipole(10.0, g)),
        ("Rate.differential", lambda g: rate.differential("sm", g)),
        ("Rate.weights_species", lambda g: rate.weights_species(g)),
        ("Chi2", lambda g: nutmm.Chi2(g)),
        ("Chi2.set_signal", lambda g: chi.set_signal(g)),
        ("Chi2.eval", lambda g: chi.eval(g)),
        ("Chi2.set_nuisance", lambda g: nutmm.Chi2(3, 0, 1).set_nuisance(0, 0.1, g)),
        ("delta_chi2", lambda g: nutmm.delta_chi2(0.9, g)),
    ]


class TestGarbage(TestCase):
    def test_every_slot(self):
        for (name, fn), g in itertools.product(calls(), GARBAGE):
            with self.subTest(call=name, arg=repr(g)[:40]):
                try:
                    fn(g)
                except nutmm.Error as e:
                    self.assertTrue(e.reason)


if __name__ == "__main__":
    unittest.main()
