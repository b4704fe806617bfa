"""Generate test/fixtures/clv_hyp2f1.json: reference values of the Gauss hypergeometric
function 2F1(a, b; c; z) and of digamma at 30 significant digits with mpmath, for
test/core/stats/hyp2f1.test.ts and digamma.test.ts. Run: python3 scripts/clv_hyp2f1_fixture.py"""
import json
import mpmath

mpmath.mp.dps = 40
cases = [
    # (a, b, c, z): the shapes that the CLV models use
    (1, 1, 2, 0.5),
    (0.5, 0.5, 1.5, 0.25),
    (2.5, 1.3, 4.2, 0.9),
    (0.243 + 2, 2.426 + 2, 0.793 + 2.426 + 2 - 1, 39 / (4.414 + 38.86 + 39)),  # BG/NBD eq. 10, x = 2
    (0.793 + 2.426 - 1 - 0.243, 0.793 - 1, 0.793 + 2.426 + 2 - 1, 39 / (4.414 + 38.86 + 39)),  # after Euler
    (0.553 + 0.606 + 26, 0.606 + 1, 0.553 + 0.606 + 26 + 1, 0.02),  # Pareto/NBD A0, alpha >= beta
    (0.5143 + 0.2856 + 221, 0.5143 + 221, 0.5143 + 0.2856 + 221 + 1, (14.1087 - 2.8845) / (14.1087 + 95.3)),  # CLVTools #100
    (1, 1.182 + 1, 0.704 + 1.182 + 1, 1 / 1.1),  # sBG DERL
    (1, 3.5, 4.2, 0.999),
    (0.3, -0.7, 2.1, 0.6),
    (-3, 2, 5, 0.7),  # polynomial
    (1.5, 2.5, 3.5, -0.8),  # Pfaff
    (0.7, 1.9, 2.2, -5.0),
    (3, 4, 5, 0.0),
    # z close to 1: connection formula to 1 - z
    (0.793 + 2.426 - 1 - 0.243, 0.793 - 1, 0.793 + 2.426 - 1, 0.99999),  # BG/NBD E[X(t)], t >> alpha
    (0.793 + 2.426 - 1 - 0.243, 0.793 - 1, 0.793 + 2.426 + 50 - 1, 0.95),
    (1, 1.182 + 1, 0.704 + 1.182 + 1, 1 / 1.0000001),  # sBG DERL, tiny discount rate
    (1.5, 2.5, 5, 0.95),  # c - a - b = 1 (integer), series
    (1.5, 2.5, 5, 0.9999),  # c - a - b = 1 (integer), connection with shifted c
    (0.5, 0.5, 2, 0.999),  # c - a - b = 1
    (2, 3, 4, 0.97),  # c - a - b = -1
    (-2, 3, 4.5, 0.99),  # polynomial
]
out = []
for a, b, c, z in cases:
    v = mpmath.hyp2f1(a, b, c, z)
    out.append({"a": a, "b": b, "c": c, "z": z, "value": mpmath.nstr(v, 30), "log": mpmath.nstr(mpmath.log(v), 30) if v > 0 else None})
dg = [{"x": x, "value": mpmath.nstr(mpmath.digamma(x), 30)} for x in [1e-8, 0.001, 0.243, 0.5, 1, 1.5, 2.426, 5.9, 6, 10.58, 100, 12345.6]]
with open("test/fixtures/clv_hyp2f1.json", "w") as f:
    json.dump({"source": "mpmath " + mpmath.__version__ + ", 40 digits", "hyp2f1": out, "digamma": dg}, f, indent=1)
print(len(out), len(dg))
