# Data and 60-digit reference for tests/analysis/near-collinear.test.ts: y ~ x1 + x2 with x2 = x1 + 1e-6·noise
# (κ(X) ~ 1e6), the open question of the first trial against R. estimatr's robust SEs are off here by ~κ²ε
# (median 1e-4, up to 56 % over 100 such designs in the second trial); the reference is the sandwich computed
# literally in mpmath at 60 significant digits on the doubles the CSV holds: M = (X'X)⁻¹, HC0–HC3 with leverages
# h = diag(X M X'), CR0 / stata (G(n−1)/((G−1)(n−k))) and CR2 with A_g = (I − H_gg)^(−1/2) (eigenvalues ≤ 1e-12
# dropped, as estimatr and clubSandwich).
# Usage, from the repository root: python3 tests/analysis/r/near-collinear.py   (numpy, mpmath 1.3)
import csv, json
import numpy as np
from mpmath import mp, mpf, matrix, sqrt, eigsy, diag
mp.dps = 60
rng = np.random.default_rng(20261203)
n = 60
x1 = rng.normal(size=n); x2 = x1 + 1e-6 * rng.normal(size=n)
y = 1 + x1 + rng.normal(size=n) * (1 + np.abs(x1))
cl = rng.integers(0, 9, n)
path = 'tests/analysis/fixtures/near_collinear.csv'
with open(path, 'w', newline='') as f:
    w = csv.writer(f); w.writerow(['y', 'x1', 'x2', 'cl'])
    for i in range(n): w.writerow([repr(float(y[i])), repr(float(x1[i])), repr(float(x2[i])), f'c{cl[i]}'])
rows = list(csv.DictReader(open(path)))
X = matrix([[1, mpf(float(r['x1'])), mpf(float(r['x2']))] for r in rows]); k = 3
Y = matrix([mpf(float(r['y'])) for r in rows])
M = (X.T * X) ** -1; b = M * (X.T * Y); e = Y - X * b
h = [(X[i, :] * M * X[i, :].T)[0] for i in range(n)]
def hc(kind):
    meat = matrix(k, k)
    for i in range(n):
        om = {'HC0': e[i] ** 2, 'HC1': e[i] ** 2, 'HC2': e[i] ** 2 / (1 - h[i]), 'HC3': e[i] ** 2 / (1 - h[i]) ** 2}[kind]
        meat += X[i, :].T * X[i, :] * om
    V = M * meat * M
    return V * n / (n - k) if kind == 'HC1' else V
def cr(kind):
    groups = {}
    for i, r in enumerate(rows): groups.setdefault(r['cl'], []).append(i)
    G = len(groups); meat = matrix(k, k)
    for idx in groups.values():
        Xg = matrix([[X[i, j] for j in range(k)] for i in idx]); eg = matrix([e[i] for i in idx])
        if kind == 'CR2':
            E, Q = eigsy(mp.eye(len(idx)) - Xg * M * Xg.T)
            eg = Q * diag([0 if v <= mpf('1e-12') else 1 / sqrt(v) for v in E]) * Q.T * eg
        u = Xg.T * eg; meat += u * u.T
    V = M * meat * M
    return V * (G * (n - 1)) / ((G - 1) * (n - k)) if kind == 'stata' else V
out = {'estimate': [float(b[j]) for j in range(k)]}
for kind in ['HC0', 'HC1', 'HC2', 'HC3']: out[kind] = [float(sqrt(hc(kind)[j, j])) for j in range(k)]
for kind in ['CR0', 'stata', 'CR2']: out[kind] = [float(sqrt(cr(kind)[j, j])) for j in range(k)]
json.dump(out, open('tests/analysis/fixtures/near_collinear.expected.json', 'w'), indent=1)
