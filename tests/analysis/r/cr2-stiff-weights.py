# 60-digit reference for tests/analysis/cr2-stiff-weights.test.ts (see cr2-stiff-weights.R beside it): estimatr's
# weighted CR2 (src/lm_robust_helper.cpp lm_variance_cr2) computed literally with n × n matrices in mpmath at 60
# significant digits — weights normalised to mean 1, M = (X'WX)⁻¹, H = X M X'W, A_s = ([(I − H)(I − H)']_ss)^(+−1/2)
# (eigenvalues ≤ 1e-12 dropped), V = M Σ X_s'W_s A_s e_s e_s' A_s W_s X_s M, df_j = (tr P)²/‖P‖²_F with
# P_st = v_s'[(I − H)(I − H)']_st v_t, v_s = A_s W_s X_s M e_j. Model y ~ f * x with f's levels sorted (R's order).
# Usage, from the repository root: python3 tests/analysis/r/cr2-stiff-weights.py tests/analysis/fixtures/cr2_stiff_weights.csv
# High-precision CR2 (estimatr's weighted form, literal n x n) with mpmath: python3 ref.py FILE.csv
import csv, sys
import mpmath as mp
mp.mp.dps = 60
rows = list(csv.DictReader(open(sys.argv[1])))
levels = sorted(set(r['f'] for r in rows))
def xrow(r):
    x = mp.mpf(r['x']); d = [mp.mpf(1 if r['f'] == l else 0) for l in levels[1:]]
    return [mp.mpf(1)] + d + [x] + [di * x for di in d]
X = mp.matrix([xrow(r) for r in rows]); n, p = X.rows, X.cols
y = mp.matrix([mp.mpf(r['y']) for r in rows])
w = [mp.mpf(r['w']) for r in rows]; mw = sum(w) / n; w = [wi / mw for wi in w]
W = mp.diag(w)
M = mp.inverse(X.T * W * X)
beta = M * X.T * W * y
e = y - X * beta
H = X * M * X.T * W
L = mp.eye(n) - H
LL = L * L.T
cl = [r['cl'] for r in rows]; groups = sorted(set(cl))
idx = {g: [i for i in range(n) if cl[i] == g] for g in groups}
A = {}
for g in groups:
    I = idx[g]; B = mp.matrix(len(I), len(I))
    for a, i in enumerate(I):
        for b, k in enumerate(I): B[a, b] = LL[i, k]
    E, Q = mp.eigsy(B)
    f = mp.matrix(len(I), len(I))
    for q in range(len(I)):
        if E[q] > mp.mpf('1e-12'): f[q, q] = 1 / mp.sqrt(E[q])
    A[g] = Q * f * Q.T
V = mp.matrix(p, p); vs = {}
for g in groups:
    I = idx[g]
    Xs = mp.matrix([[X[i, j] for j in range(p)] for i in I]); Ws = mp.diag([w[i] for i in I]); es = mp.matrix([e[i] for i in I])
    h = M * Xs.T * Ws * A[g] * es
    V += h * h.T
    vs[g] = A[g] * Ws * Xs * M  # n_s x p: column j is v_s for coefficient j
out = []
for j in range(p):
    P = mp.matrix(len(groups), len(groups))
    for a, g in enumerate(groups):
        for b, t in enumerate(groups):
            s = mp.mpf(0)
            for ia, i in enumerate(idx[g]):
                for ib, k in enumerate(idx[t]): s += vs[g][ia, j] * LL[i, k] * vs[t][ib, j]
            P[a, b] = s
    tr = sum(P[a, a] for a in range(len(groups))); fr = sum(P[a, b] ** 2 for a in range(len(groups)) for b in range(len(groups)))
    out.append((mp.sqrt(V[j, j]), tr * tr / fr))
for se, df in out: print(mp.nstr(se, 15), mp.nstr(df, 15))
