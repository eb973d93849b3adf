# Exact reference for tests/analysis/hc3-near-leverage.test.ts (estimatr's values beside it: hc3-near-leverage.R):
# weighted HC2 and HC3 standard errors computed in rational arithmetic (Python's fractions; the data are decimals and
# integer weights, so every step is exact), the square root last at 40 digits (mpmath). Weighted as estimatr weights:
# M = (X'WX)⁻¹, h_i = w_i x_i'M x_i, meat Σ w_i² e_i² / (1 − h_i)^k x_i x_i' (k = 1 for HC2, 2 for HC3), V = M meat M.
# Model y ~ XCOL + k (k's levels a, b, c; a the reference), weights WCOL.
# Usage, from the repository root:
#   python3 tests/analysis/r/hc3-near-leverage.py tests/analysis/fixtures/leverage-near-one-43.csv x wk
#   python3 tests/analysis/r/hc3-near-leverage.py tests/analysis/fixtures/leverage-near-one-43.csv far3 wk4
import csv, sys
from fractions import Fraction as F
import mpmath
mpmath.mp.dps = 40
path, xcol, wcol = sys.argv[1:4]
rows = list(csv.DictReader(open(path)))
X = [[F(1), F(r[xcol]), F(int(r['k'] == 'b')), F(int(r['k'] == 'c'))] for r in rows]
y = [F(r['y']) for r in rows]
w = [F(r[wcol]) for r in rows]
n, p = len(rows), 4

def inverse(A):
    m = len(A)
    M = [row[:] + [F(int(i == j)) for j in range(m)] for i, row in enumerate(A)]
    for c in range(m):
        pivot = next(r for r in range(c, m) if M[r][c] != 0)
        M[c], M[pivot] = M[pivot], M[c]
        M[c] = [v / M[c][c] for v in M[c]]
        for r in range(m):
            if r != c and M[r][c] != 0:
                f = M[r][c]
                M[r] = [a - f * b for a, b in zip(M[r], M[c])]
    return [row[m:] for row in M]

A = inverse([[sum(w[i] * X[i][a] * X[i][b] for i in range(n)) for b in range(p)] for a in range(p)])
Xwy = [sum(w[i] * X[i][a] * y[i] for i in range(n)) for a in range(p)]
beta = [sum(A[a][b] * Xwy[b] for b in range(p)) for a in range(p)]
e = [y[i] - sum(X[i][a] * beta[a] for a in range(p)) for i in range(n)]
h = [w[i] * sum(X[i][a] * A[a][b] * X[i][b] for a in range(p) for b in range(p)) for i in range(n)]
print('largest leverage: 1 -', mpmath.nstr(mpmath.mpf((1 - max(h)).numerator) / (1 - max(h)).denominator, 6))
mpf = lambda q: mpmath.mpf(q.numerator) / q.denominator
print('estimates', [mpmath.nstr(mpf(b), 17) for b in beta])
for name, k in (('HC2', 1), ('HC3', 2)):
    meat = [[sum(w[i] ** 2 * e[i] ** 2 / (1 - h[i]) ** k * X[i][a] * X[i][b] for i in range(n)) for b in range(p)] for a in range(p)]
    AM = [[sum(A[a][c] * meat[c][b] for c in range(p)) for b in range(p)] for a in range(p)]
    V = [[sum(AM[a][c] * A[c][b] for c in range(p)) for b in range(p)] for a in range(p)]
    print(name, [mpmath.nstr(mpmath.sqrt(mpf(V[a][a])), 17) for a in range(p)])
