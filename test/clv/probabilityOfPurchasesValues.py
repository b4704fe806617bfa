"""Reference values of test/clv/probabilityOfPurchases.test.ts ("against independent values"):
MBG/NBD and BG/BB P(X(t) = n) from the published sums with mpmath at 30 digits; Pareto/NBD
from the individual-level P(X(t) = n | lambda, mu) (Fader & Hardie 2006 eq. 4) integrated
over the gamma(r, alpha) x gamma(s, beta) mixing distributions with mpmath.quad at 20 digits.
Run: python3 test/clv/probabilityOfPurchasesValues.py (a few minutes)."""
import mpmath as mp

mp.mp.dps = 30
F = mp.mpf
# The parameters of test/clv/models.ts, and Pareto/NBD with alpha and beta swapped.
MBG, PNBD, PNBD_SWAPPED, BGBB = (
    {name: F(value) for name, value in zip(names, values.split())}
    for names, values in (
        (("r", "alpha", "a", "b"), "0.525 6.183 0.891 1.614"),
        (("r", "alpha", "s", "beta"), "0.553 10.58 0.606 11.67"),
        (("r", "alpha", "s", "beta"), "0.553 11.67 0.606 10.58"),
        (("alpha", "beta", "gamma", "delta"), "1.204 0.75 0.657 2.783"),
    )
)


def mbg_pmf(p, n, t):
    r, al, a, b = p["r"], p["alpha"], p["a"], p["b"]
    B = mp.beta
    nbd = lambda j: mp.gamma(r + j) / (mp.gamma(r) * mp.factorial(j)) * (al / (al + t)) ** r * (t / (al + t)) ** j
    # Alive after the first purchase and n more, no further purchase; or dropped out right after the n-th.
    return B(a, b + n + 1) / B(a, b) * nbd(n) + B(a + 1, b + n) / B(a, b) * (1 - sum(nbd(j) for j in range(n)))


def pnbd_pmf(p, x, t):
    r, al, s, be = p["r"], p["alpha"], p["s"], p["beta"]

    def individual(lam, mu):
        v = (lam * t) ** x * mp.exp(-lam * t) / mp.factorial(x) * mp.exp(-mu * t)
        lm = lam + mu
        return v + lam**x * mu / lm ** (x + 1) * (1 - mp.exp(-lm * t) * sum((lm * t) ** i / mp.factorial(i) for i in range(x + 1)))

    # Substituting u = lambda^r and w = mu^s removes the densities' singularities at 0.
    def f(u, w):
        lam, mu = u ** (1 / r), w ** (1 / s)
        return individual(lam, mu) * al**r * mp.exp(-al * lam) / mp.gamma(r + 1) * be**s * mp.exp(-be * mu) / mp.gamma(s + 1)

    cuts = [0, F(1) / 100, 1, 10, mp.inf]
    return mp.quad(f, cuts, cuts)


def bgbb_pmf(p, k, n):
    al, be, ga, de = p["alpha"], p["beta"], p["gamma"], p["delta"]
    B, C = mp.beta, mp.binomial
    v = C(n, k) * B(al + k, be + n - k) / B(al, be) * B(ga, de + n) / B(ga, de)
    for i in range(k, n):
        v += C(i, k) * B(al + k, be + i - k) / B(al, be) * B(ga + 1, de + i) / B(ga, de)
    return v


for n in (0, 1, 2, 5):
    print("mbg-nbd", n, 39, mp.nstr(mbg_pmf(MBG, n, 39), 20))
for k in (0, 1, 3, 6):
    print("bg-bb", k, 6, mp.nstr(bgbb_pmf(BGBB, k, 6), 20))
mp.mp.dps = 20
for n in (0, 1, 3, 8):
    print("pareto-nbd", n, 39, mp.nstr(pnbd_pmf(PNBD, n, 39), 15))
for n in (0, 2, 8):
    print("pareto-nbd swapped", n, 20, mp.nstr(pnbd_pmf(PNBD_SWAPPED, n, 20), 15))
