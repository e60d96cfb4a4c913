#!/usr/bin/env python3
"""Check of the dipole-portal cross sections of the libnutmm physics manual (doc/physics/xsec.md,
sections phys-xsec-dipole and phys-xsec-interference) by explicit Dirac traces, pure Python.

nu(k, massless, left-handed) + X(P, mass M) -> nu_4(k', mass m4) + X(P').  Magnetic vertex
mu sigma^{ab} q_b P_L, photon coupled to a point charge 1 of X; weak amplitude
(G_F/sqrt2) [nu_4 gamma^r (1 - gamma5) nu] [X gamma_r (c_V - c_A gamma5) X].
Prints, at random points inside the kinematic window, the ratios
  trace result / eq. (17) bracket   (spin-1/2 X, alpha mu^2 factored out),
  trace result / eq. (18) bracket   (spin-0 X, current (P + P')^a),
  trace result / eq. (20) with c_A = 0, and with c_V = 0  (prefactor G_F e mu m4 / (4 sqrt2 pi),
  i.e. G_F alpha m4 mu_hat / (2 sqrt2 m_e) for mu = mu_hat mu_B).
Expected: 1, 1, and one common sign (the eta convention of the manual).
Then, for m4 = 0, the ratios to eq. (14) (EES, nu_e couplings of eq. (15)) and to eq. (11) with
the full kinematic factor 1 - T/E - M T/(2E^2) + T^2/(2E^2) and Q_W = c_V (phys-xsec-cevns):
expected 1 and 1.
Run: python3 doc/physics/traces.py
"""
import math, cmath, random
class Mt:
    def __init__(s, a): s.a = [list(map(complex, r)) for r in a]
    def __matmul__(s, o): return Mt([[sum(s.a[i][k]*o.a[k][j] for k in range(4)) for j in range(4)] for i in range(4)])
    def __add__(s, o): return Mt([[s.a[i][j]+o.a[i][j] for j in range(4)] for i in range(4)])
    def __sub__(s, o): return Mt([[s.a[i][j]-o.a[i][j] for j in range(4)] for i in range(4)])
    def __mul__(s, c): return Mt([[s.a[i][j]*c for j in range(4)] for i in range(4)])
    __rmul__ = __mul__
    def __truediv__(s, c): return s * (1/c)
    def H(s): return Mt([[s.a[j][i].conjugate() for j in range(4)] for i in range(4)])
    def tr(s): return sum(s.a[i][i] for i in range(4))
def eye(): return Mt([[1 if i == j else 0 for j in range(4)] for i in range(4)])
def blk(A, B, C, D): return Mt([A[0]+B[0], A[1]+B[1], C[0]+D[0], C[1]+D[1]])
I2 = [[1, 0], [0, 1]]; Z2 = [[0, 0], [0, 0]]
def neg(A): return [[-x for x in r] for r in A]
sx = [[0, 1], [1, 0]]; sy = [[0, -1j], [1j, 0]]; sz = [[1, 0], [0, -1]]
g0 = blk(I2, Z2, Z2, neg(I2))
G = [g0] + [blk(Z2, s_, neg(s_), Z2) for s_ in (sx, sy, sz)]
g5 = (G[0] @ G[1] @ G[2] @ G[3]) * 1j
ETA = [1., -1., -1., -1.]
PL = (eye() - g5) / 2
def slash(p):
    r = Mt([[0]*4 for _ in range(4)])
    for m in range(4): r = r + G[m] * (ETA[m] * p[m])
    return r
def sigma(a, b): return (G[a] @ G[b] - G[b] @ G[a]) * 0.5j
def bar(Gm): return g0 @ Gm.H() @ g0
def dot(a, b): return sum(ETA[m]*a[m]*b[m] for m in range(4))
def kin(E, T, M, m4):
    p = math.sqrt(T * T + 2 * M * T)
    c = (m4 ** 2 + 2 * T * (E + M)) / (2 * E * p)
    s = math.sqrt(max(0.0, 1 - c * c))
    k = [E, 0, 0, E]; P = [M, 0, 0, 0.]
    Pp = [M + T, p * s, 0, p * c]; kp = [k[i] + P[i] - Pp[i] for i in range(4)]
    return k, kp, P, Pp
def mag_vertex(q):
    out = []
    for a in range(4):
        r = Mt([[0]*4 for _ in range(4)])
        for b in range(4): r = r + sigma(a, b) * (ETA[b] * q[b])
        out.append(r @ PL)
    return out
def bracket17(E, T, M, m4):
    return 1/T - 1/E - m4**2/(2*E*T*M)*(1 - T/(2*E) + M/(2*E)) + m4**4*(T - M)/(8*E**2*T**2*M**2)
def bracket18(E, T, M, m4):
    return bracket17(E, T, M, m4) + (2*M*T + m4**2)*(M*T - m4**2)/(8*E**2*M**2*T)
def check_dipole(E, T, M, m4, spin):
    k, kp, P, Pp = kin(E, T, M, m4)
    q = [k[i] - kp[i] for i in range(4)]; q2 = dot(q, q)
    V = mag_vertex(q)
    A = slash(kp) + eye()*m4; B = slash(k)
    L = [[(A @ V[a] @ B @ bar(V[b])).tr() for b in range(4)] for a in range(4)]
    if spin == 0.5:
        C = slash(Pp) + eye()*M; D = slash(P) + eye()*M
        Hm = [[0.5*(C @ G[a] @ D @ G[b]).tr() for b in range(4)] for a in range(4)]
    else:
        s_ = [P[i] + Pp[i] for i in range(4)]
        Hm = [[s_[a]*s_[b] for b in range(4)] for a in range(4)]
    M2 = sum(L[a][b]*Hm[a][b]*ETA[a]*ETA[b] for a in range(4) for b in range(4)).real / q2**2
    return M2 / (32*math.pi*M*E*E) * 4*math.pi
def check_int(E, T, M, m4, cV, cA):
    k, kp, P, Pp = kin(E, T, M, m4)
    q = [k[i] - kp[i] for i in range(4)]; q2 = dot(q, q)
    V = mag_vertex(q)
    Wn = [G[r] @ (eye() - g5) for r in range(4)]
    We = [G[r] @ (eye()*cV - g5*cA) for r in range(4)]
    A = slash(kp) + eye()*m4; B = slash(k); C = slash(Pp) + eye()*M; D = slash(P) + eye()*M
    tot = 0
    for r in range(4):
        for a in range(4):
            tot += ETA[r]*ETA[a] * (A @ Wn[r] @ B @ bar(V[a])).tr() * (C @ We[r] @ D @ bar(G[a])).tr()
    val = 2 * (tot / 2).imag / math.sqrt(2) / q2   # M_mag carries a relative factor i (photon propagator and charge vertex)
    dsdT = val / (32*math.pi*M*E*E)
    ref = m4/(4*math.sqrt(2)*math.pi) * (cV*(M - T)*(2*M*T + m4**2)/(M*T*E*E) - cA*(4*M*E - 2*M*T - m4**2)/(M*E*E))
    return dsdT, ref
random.seed(1)
for trial in range(6):
    M = [0.511, 37000., 5.0][trial % 3]; E = random.uniform(1, 40)
    m4max = -M + math.sqrt(M*M + 2*M*E)   # E_thr(m4) = E
    m4 = random.uniform(0.05, 0.95) * m4max
    b = (2*E*E*M - m4*m4*(E+M)); Dd = b*b - M*(2*E+M)*m4**4
    Tlo = (b - math.sqrt(Dd))/(2*M*(2*E+M)); Thi = (b + math.sqrt(Dd))/(2*M*(2*E+M))
    T = random.uniform(Tlo, Thi)
    r17 = check_dipole(E, T, M, m4, 0.5) / bracket17(E, T, M, m4)
    r18 = check_dipole(E, T, M, m4, 0) / bracket18(E, T, M, m4)
    i1 = check_int(E, T, M, m4, 1.0, 0.0); i2 = check_int(E, T, M, m4, 0.0, 1.0)
    print(f"M={M:g} E={E:.3g} m4={m4:.3g} T={T:.3g}: eq17 {r17:.12f} eq18 {r18:.12f} int-cV {i1[0]/i1[1]:.12f} int-cA {i2[0]/i2[1]:.12f}")

# SM checks (m4 = 0): eq. (14) for EES and the full-kinematics CEvNS factor of phys-xsec-cevns.
def check_weak(E, T, M, cV, cA):
    k, kp, P, Pp = kin(E, T, M, 0.0)
    Wn = [G[r] @ (eye() - g5) for r in range(4)]
    We = [G[r] @ (eye()*cV - g5*cA) for r in range(4)]
    A = slash(kp); B = slash(k); C = slash(Pp) + eye()*M; D = slash(P) + eye()*M
    tot = 0
    for r in range(4):
        for s_ in range(4):
            tot += ETA[r]*ETA[s_] * (A @ Wn[r] @ B @ bar(Wn[s_])).tr() * (C @ We[r] @ D @ bar(We[s_])).tr()
    M2 = (tot / 2).real / 2          # (G_F/sqrt2)^2 = G_F^2/2, target spin average 1/2; per G_F^2
    return M2 / (32*math.pi*M*E*E)
for (E, T, M) in ((1.0, 0.1, 0.511), (5.0, 1.7, 0.511), (30.0, 0.01, 37000.0)):
    gV, gA = 0.5 + 2*0.2387, 0.5          # nu_e on electrons, eq. (15)
    gL, gR = (gV + gA)/2, (gV - gA)/2
    ees = 2*M/math.pi*(gL**2 + gR**2*(1 - T/E)**2 - gL*gR*M*T/E**2)
    cevns = M/math.pi*(1 - T/E - M*T/(2*E*E) + T*T/(2*E*E))    # eq. (11) with Q_W = c_V = 1, full factor
    print(f"E={E} T={T} M={M}: eq14 {check_weak(E, T, M, gV, gA)/ees:.12f}  "
          f"CEvNS full factor {check_weak(E, T, M, 1.0, 0.0)/cevns:.12f}")
