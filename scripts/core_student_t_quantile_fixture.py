"""Generate test/fixtures/core_student_t_quantile.json: Student-t quantiles at 30 significant
digits with mpmath, for test/core/stats/distributions.test.ts, and far-tail quantiles and
lower-tail CDF values (t down to -1e300, p down to 5e-324; a quantile beyond the largest
double is written as it is, e.g. -1e+399). Each p is the double written in
the file (JSON keeps it exact). The smaller tail P(T > s) = I_x(df/2, 1/2) / 2 with
x = df / (df + s^2) is solved for s at 50 digits; the quantile is -s below 1/2 and s above
(the tail there is 1 - p, exact in mpmath).
Run: python3 scripts/core_student_t_quantile_fixture.py"""
import json
import mpmath

mpmath.mp.dps = 50


def quantile(p, df):
    p = mpmath.mpf(p)
    df = mpmath.mpf(df)
    lower = p < 0.5
    tail = p if lower else 1 - p
    f = lambda s: mpmath.log(mpmath.betainc(df / 2, mpmath.mpf(1) / 2, 0, df / (df + s * s), regularized=True) / 2) - mpmath.log(tail)
    # a bracket [lo, hi] by doubling, then the Illinois (regula falsi) solver, which keeps it
    lo, hi = mpmath.mpf(0), mpmath.mpf(1)
    while f(hi) > 0:
        lo, hi = hi, hi * 2
    s = mpmath.findroot(f, (lo, hi), solver="illinois", tol=mpmath.mpf(10) ** -90, maxsteps=500)
    assert lo <= s <= hi and abs(f(s)) < mpmath.mpf(10) ** -40, (p, df, f(s))
    return -s if lower else s


def lower_cdf(t, df):
    t = mpmath.mpf(t)
    df = mpmath.mpf(df)
    return mpmath.betainc(df / 2, mpmath.mpf(1) / 2, 0, df / (df + t * t), regularized=True) / 2


ps = [1e-10, 1e-4, 0.001, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.49, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999]
dfs = [1, 1.5, 2, 3, 4.5, 7, 10, 30, 100, 1000, 1e5]
rows = [{"p": p, "df": df, "t": mpmath.nstr(quantile(p, df), 30, min_fixed=-3, max_fixed=3)} for df in dfs for p in ps]
far_ps = [1e-150, 1e-200, 1e-300, 1e-307, 1e-310, 5e-324]
far_dfs = [0.5, 1, 1.5, 2, 3]
far = [{"p": p, "df": df, "t": mpmath.nstr(quantile(p, df), 30, min_fixed=-3, max_fixed=3)} for df in far_dfs for p in far_ps]
far_ts = [-1e139, -1e141, -1e160, -1e200, -1e300, -1.7e308]
cdf = [{"t": t, "df": df, "p": mpmath.nstr(lower_cdf(t, df), 30, min_fixed=-3, max_fixed=3)} for df in far_dfs + [10, 1e6] for t in far_ts]


def block(name, items):
    return '"' + name + '": [\n' + ",\n".join(json.dumps(r) for r in items) + "\n]"


with open("test/fixtures/core_student_t_quantile.json", "w") as f:
    source = json.dumps("mpmath " + mpmath.__version__ + ", 50 digits")
    f.write("{\n\"source\": " + source + ",\n" + ",\n".join([block("values", rows), block("farQuantiles", far), block("farCdf", cdf)]) + "\n}\n")
print(len(rows), len(far), len(cdf))
