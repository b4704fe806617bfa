#!/usr/bin/env python3
"""Reference working-time durations for responseTimes' business hours, from pandas.

Run with Debian's python3-pandas (1.5.3):
    /usr/bin/python3 scripts/engagement_business_hours_fixture.py > test/fixtures/engagement_business_hours.json

For 150 pseudo-random tickets per calendar (New York and Berlin, 2024, spanning both DST
changes, weekends and holidays) it computes the time inside working hours between opening
and response independently of the library: pandas builds each local working day's start
and end with tz_localize (IANA rules from the system tz database) and sums the overlaps.
"""
import json
import random

import pandas as pd

CALENDARS = [
    {"timeZone": "America/New_York", "days": [1, 2, 3, 4, 5], "start": "09:00", "end": "17:00",
     "holidays": ["2024-01-01", "2024-07-04", "2024-11-28", "2024-12-25"]},
    {"timeZone": "Europe/Berlin", "days": [1, 2, 3, 4, 5, 6], "start": "08:30", "end": "18:00",
     "holidays": ["2024-03-29", "2024-04-01", "2024-10-03", "2024-12-25", "2024-12-26"]},
]


def working_ms(cal, opened, responded):
    zone = cal["timeZone"]
    holidays = set(cal["holidays"])
    total = pd.Timedelta(0)
    first = opened.tz_convert(zone).normalize().tz_localize(None)
    last = responded.tz_convert(zone).normalize().tz_localize(None)
    for day in pd.date_range(first, last, freq="D"):
        weekday = (day.dayofweek + 1) % 7  # pandas: Monday = 0; calendar: Sunday = 0
        label = day.strftime("%Y-%m-%d")
        if weekday not in cal["days"] or label in holidays:
            continue
        start = pd.Timestamp(f"{label} {cal['start']}").tz_localize(zone)
        end = pd.Timestamp(f"{label} {cal['end']}").tz_localize(zone)
        lo = max(start, opened)
        hi = min(end, responded)
        if hi > lo:
            total += hi - lo
    return int(total / pd.Timedelta(milliseconds=1))


def main():
    rng = random.Random(20241123)
    base = pd.Timestamp("2024-01-01T00:00:00Z")
    out = {"pandas": pd.__version__, "calendars": []}
    for cal in CALENDARS:
        tickets = []
        for i in range(150):
            opened = base + pd.Timedelta(minutes=rng.randrange(0, 366 * 24 * 60))
            responded = opened + pd.Timedelta(minutes=rng.choice([rng.randrange(0, 600), rng.randrange(0, 14 * 24 * 60)]))
            tickets.append({
                "id": i,
                "openedAt": opened.isoformat().replace("+00:00", "Z"),
                "firstResponseAt": responded.isoformat().replace("+00:00", "Z"),
                "workingMs": working_ms(cal, opened, responded),
            })
        out["calendars"].append({"calendar": cal, "tickets": tickets})
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
