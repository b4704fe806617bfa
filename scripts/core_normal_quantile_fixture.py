"""Generate test/fixtures/core_normal_quantile.json: the standard normal quantile Phi^-1(p) at
30 significant digits with mpmath, for test/core/stats/distributions.test.ts. Each p is the
double written in the file (JSON keeps it exact), and the reference is the quantile of that
double, solved from erfc at 50 digits: Phi(x) = erfc(-x / sqrt 2) / 2 = p in the lower half,
erfc(x / sqrt 2) / 2 = 1 - p (exact in mpmath) in the upper half.
Run: python3 scripts/core_normal_quantile_fixture.py"""
import json
import random
import mpmath

mpmath.mp.dps = 50


def quantile(p):
    p = mpmath.mpf(p)  # the exact binary value of the double
    if p == mpmath.mpf(0.5):
        return mpmath.mpf(0)
    lower = p < 0.5
    tail = p if lower else 1 - p
    # solve log(Q(s)) = log(tail) for s > 0, Q the upper tail; x = -s below 1/2, s above
    f = lambda s: mpmath.log(mpmath.erfc(s / mpmath.sqrt(2)) / 2) - mpmath.log(tail)
    s0 = mpmath.sqrt(-2 * mpmath.log(tail))  # above the root; bisect down to a bracket
    lo, hi = mpmath.mpf(0), s0 + 1
    for _ in range(60):
        mid = (lo + hi) / 2
        if f(mid) > 0:
            lo = mid
        else:
            hi = mid
    s = mpmath.findroot(f, (lo, hi), solver="anderson")
    assert abs(f(s)) < mpmath.mpf(10) ** -40, (p, f(s))
    return -s if lower else s


# the values of the brief, their mirror images where 1 - p is still below 1 as a double,
# and the upper points of the two-sided levels used by the intervals
named = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.02425, 0.1, 0.3, 0.5]
named += [1 - p for p in named if 1 - p < 1 and p != 0.5]
named += [0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999]
named += [1 - (1 - level) / 2 for level in [0.8, 0.9, 0.95, 0.99, 0.995, 0.999]]
named += [0.075, 0.925, 0.07499999999999998, 0.925 + 2 ** -53]  # around |p - 1/2| = 0.425
subnormal = [2.2250738585072014e-308, 1e-310, 1e-315, 1e-320, 5e-324]

# a sweep: log-uniform in the lower tail down to 1e-300, uniform in the centre, and the
# mirror image 1 - p of every lower-tail point that is still below 1 as a double
rng = random.Random(241)
sweep = [10 ** rng.uniform(-300, -0.31) for _ in range(300)]
sweep += [rng.uniform(0.001, 0.999) for _ in range(200)]
sweep += [1 - p for p in sweep[:300] if 1 - p < 1]
sweep += [1 - 2.0 ** -k for k in range(2, 54)]  # up to the largest double below 1


def rows(ps):
    return [{"p": p, "x": mpmath.nstr(quantile(p), 30, min_fixed=-3, max_fixed=3)} for p in sorted(set(ps))]


def block(name, ps):
    return '"' + name + '": [\n' + ",\n".join(json.dumps(r) for r in rows(ps)) + "\n]"


with open("test/fixtures/core_normal_quantile.json", "w") as f:
    source = json.dumps("mpmath " + mpmath.__version__ + ", 50 digits")
    f.write("{\n\"source\": " + source + ",\n" + ",\n".join([block("named", named), block("sweep", sweep), block("subnormal", subnormal)]) + "\n}\n")
print(len(named), len(sweep), len(subnormal))
