#!/usr/bin/env python3
"""pandas peer for `npm run bench`: the same computations as crm-metrics on the same data.

Usage: python3 pandas_peer.py TRANSACTIONS_CSV EVENTS_CSV AS_OF_ISO RUNS
Prints one JSON object: {case: [seconds per run, ...]} for the cases it implements.
Loading the CSV files is not timed, as the DuckDB peer times queries on a loaded table.
"""
import json
import sys
import time

import numpy as np
import pandas as pd


def timed(fn, runs):
    fn()  # one untimed run first, as for the other tools
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def customer_summary(tx, as_of):
    # lifetimes' summary_data_from_transaction_data with freq "D": one row per customer-day
    daily = tx.assign(day=tx["occurred_at"].dt.floor("D")).groupby(["customer_id", "day"], sort=False)["amount"].sum().reset_index()
    g = daily.groupby("customer_id", sort=False)
    first = g["day"].min()
    last = g["day"].max()
    n = g["day"].count()
    total = g["amount"].sum()
    first_amount = daily.sort_values("day").groupby("customer_id", sort=False)["amount"].first()
    frequency = n - 1
    monetary = ((total - first_amount) / frequency.replace(0, np.nan)).fillna(0)
    return pd.DataFrame({
        "frequency": frequency,
        "recency": (last - first).dt.days,
        "T": (as_of - first).dt.days,
        "monetary_value": monetary,
    })


def rfm(tx, as_of):
    g = tx.groupby("customer_id", sort=False)
    df = pd.DataFrame({
        "recency": (as_of - g["occurred_at"].max()).dt.days,
        "frequency": g["occurred_at"].count(),
        "monetary": g["amount"].sum(),
    })
    df["r"] = pd.qcut(df["recency"].rank(method="first", ascending=False), 5, labels=False) + 1
    df["f"] = pd.qcut(df["frequency"].rank(method="first"), 5, labels=False) + 1
    df["m"] = pd.qcut(df["monetary"].rank(method="first"), 5, labels=False) + 1
    return df


def cohorts(ev):
    month = ev["occurred_at"].dt.to_period("M")
    first = month.groupby(ev["customer_id"]).transform("min")
    k = (month - first).apply(lambda x: x.n) if False else (month.dt.year - first.dt.year) * 12 + (month.dt.month - first.dt.month)
    df = pd.DataFrame({"customer_id": ev["customer_id"], "cohort": first, "k": k}).drop_duplicates()
    return df.groupby(["cohort", "k"]).size()


def funnel(ev, steps, window_days):
    # first-attempt ordered funnel: each step's first event after the previous step, within
    # the window measured from step 1
    window = pd.Timedelta(days=window_days)
    cur = ev[ev["name"] == steps[0]].groupby("customer_id")["occurred_at"].min().rename("t0")
    counts = [len(cur)]
    start = cur
    prev = cur
    for s in steps[1:]:
        e = ev[ev["name"] == s].merge(prev.rename("tp"), left_on="customer_id", right_index=True)
        e = e.merge(start.rename("ts"), left_on="customer_id", right_index=True)
        e = e[(e["occurred_at"] >= e["tp"]) & (e["occurred_at"] <= e["ts"] + window)]
        prev = e.groupby("customer_id")["occurred_at"].min()
        counts.append(len(prev))
    return counts


def main():
    tx_path, ev_path, as_of_iso, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    as_of = pd.Timestamp(as_of_iso).tz_localize(None)
    tx = pd.read_csv(tx_path, dtype={"customer_id": str})
    tx["occurred_at"] = pd.to_datetime(tx["occurred_at"], utc=True).dt.tz_localize(None)
    ev = pd.read_csv(ev_path, dtype={"customer_id": str})
    ev["occurred_at"] = pd.to_datetime(ev["occurred_at"], utc=True).dt.tz_localize(None)
    steps = json.loads(sys.argv[5]) if len(sys.argv) > 5 else ["signup", "activate", "add_to_cart", "purchase"]
    result = {
        "customer summary": timed(lambda: customer_summary(tx, as_of), runs),
        "RFM scores": timed(lambda: rfm(tx, as_of), runs),
        "cohort retention": timed(lambda: cohorts(ev), runs),
        "funnel (4 steps)": timed(lambda: funnel(ev, steps, 14), runs),
    }
    print(json.dumps({"pandas": pd.__version__, "times": result}))


if __name__ == "__main__":
    main()
