# Power of the two-sample t test (power.t.test's formula, two-sided, strict = FALSE) where the df is below 1, to 40
# digits with mpmath: P(T' > c), T' noncentral t with df nu = 2(n - 1) and ncp d = sqrt(n/2) |delta| / sd, c the
# central t quantile 1 - alpha/2. R's pt(q, df, ncp) loses accuracy there (the fourth R trial: power.t.test(n = 1.01,
# delta = 25, sd = 2.5) prints 0.0276 for 0.0526; at n = 1.1 it is off by 4e-6 relative), so the expected values of
# tests/analysis/power-small-df.test.ts come from this script:
#   python3 tests/analysis/r/power-small-df.py > tests/analysis/fixtures/power_small_df.json
# P(T' > c) = E over V ~ chi2(nu) of P(Z > c sqrt(V/nu) - d), integrated over u = log V (for small nu the mass of
# log V spreads over hundreds of units below 0).
import json
import mpmath as mp

mp.mp.dps = 40


def t_quantile_upper(tail, nu):
    """t with P(T > t) = tail (central t, df nu), via the regularized incomplete beta, solved in log t."""
    f = lambda lt: mp.betainc(nu / 2, mp.mpf(1) / 2, 0, nu / (nu + mp.e ** (2 * lt)), regularized=True) / 2 - tail
    lo, hi = mp.mpf(-5), mp.mpf(2000)  # f decreases in log t: bisection to 2^-200 of the bracket
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if f(mid) > 0 else (lo, mid)
    return mp.e ** ((lo + hi) / 2)


def upper_tail(c, nu, d):
    norm = 2 ** (nu / 2) * mp.gamma(nu / 2)
    g = lambda u: mp.e ** (u * nu / 2 - mp.e ** u / 2) / norm * mp.ncdf(d - c * mp.sqrt(mp.e ** u / nu))
    # The normal cdf steps from 1 to 0 near u0, where c sqrt(V/nu) = d: break the range there as well.
    u0 = mp.log(nu * d * d / (c * c))
    points = sorted(set([mp.mpf(p) for p in (-20000, -5000, -2000, -1000, -500, -200, -100, -50, -20, -10, -5, 0, 2, 5, 8)] + [u0 + k for k in (-20, -5, -1, 0, 1, 5, 20)]))
    value, error = mp.quad(g, points, error=True)
    assert error < mp.mpf(10) ** -25, error
    return value


cases = []
for n, delta, sd, alpha in [('1.01', 25, '2.5', '0.05'), ('1.05', 25, '2.5', '0.05'), ('1.0778484875', -25, '2.5', '0.05'),
                            ('1.1', 25, '2.5', '0.05'), ('1.2', 3, 1, '0.01'), ('1.45', 2, 1, '0.1')]:
    n, delta, sd, alpha = mp.mpf(n), mp.mpf(delta), mp.mpf(sd), mp.mpf(alpha)
    nu = 2 * (n - 1)
    c = t_quantile_upper(alpha / 2, nu)
    power = upper_tail(c, nu, mp.sqrt(n / 2) * abs(delta) / sd)
    cases.append({'n': float(n), 'effect': float(delta), 'sd': float(sd), 'alpha': float(alpha), 'df': float(nu), 'power': mp.nstr(power, 20)})
print(json.dumps(cases, indent=1))
