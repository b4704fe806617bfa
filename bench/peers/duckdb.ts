// DuckDB peer for `npm run bench`: the same computations in SQL on tables already loaded
// into an in-memory database, timed in the same process as crm-metrics.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

export interface DuckPeer {
  readonly version: string;
  readonly threads: number;
  /** Runs a query once and returns the seconds it took. */
  time(sql: string): Promise<number>;
  /** Runs a query and returns its rows. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): void;
}

export async function openDuck(transactionsCsv: string, eventsCsv: string): Promise<DuckPeer> {
  const instance = await DuckDBInstance.create(":memory:");
  const con: DuckDBConnection = await instance.connect();
  await con.run(`create table tx as select customer_id::varchar as customer_id, occurred_at::timestamp as occurred_at, amount::decimal(18, 4) as amount from read_csv('${transactionsCsv}', header = true, timestampformat = '%Y-%m-%dT%H:%M:%S.%gZ')`);
  await con.run(`create table ev as select customer_id::varchar as customer_id, occurred_at::timestamp as occurred_at, name::varchar as name from read_csv('${eventsCsv}', header = true, timestampformat = '%Y-%m-%dT%H:%M:%S.%gZ')`);
  const info = (await con.runAndReadAll("select version() as v, current_setting('threads') as t")).getRowObjects()[0]!;
  return {
    version: String(info["v"]),
    threads: Number(info["t"]),
    async time(sql) {
      const t0 = performance.now();
      await con.runAndReadAll(sql);
      return (performance.now() - t0) / 1000;
    },
    async rows(sql) {
      return (await con.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[];
    },
    close() {
      con.closeSync();
      instance.closeSync();
    },
  };
}

/** Customer summary with lifetimes' semantics (daily periods, days), as in docs/scale.md. */
export function customerSummarySql(asOfIso: string): string {
  return `
with daily as (
  select customer_id, date_trunc('day', occurred_at) as day, sum(amount) as amount
  from tx where occurred_at <= timestamp '${asOfIso}'
  group by 1, 2
), per_customer as (
  select customer_id, min(day) as first_day, max(day) as last_day, count(*) as days,
         sum(amount) as total, arg_min(amount, day) as first_amount
  from daily group by 1
)
select customer_id,
       days - 1 as frequency,
       date_diff('day', first_day, last_day) as recency,
       date_diff('day', first_day, date_trunc('day', timestamp '${asOfIso}')) as T,
       case when days > 1 then (total - first_amount) / (days - 1) else 0 end as monetary_value
from per_customer`;
}

/** RFM: recency, frequency, monetary per customer and quintile scores by NTILE. */
export function rfmSql(asOfIso: string): string {
  return `
with c as (
  select customer_id, date_diff('day', max(occurred_at), timestamp '${asOfIso}') as recency,
         count(*) as frequency, sum(amount) as monetary
  from tx group by 1
)
select customer_id,
       ntile(5) over (order by recency desc, customer_id) as r,
       ntile(5) over (order by frequency, customer_id) as f,
       ntile(5) over (order by monetary, customer_id) as m
from c`;
}

/** Monthly cohort counts (n-period): distinct customers active k months after their first month. */
export const cohortSql = `
with m as (
  select distinct customer_id, date_trunc('month', occurred_at) as month from ev
), f as (
  select customer_id, month, min(month) over (partition by customer_id) as cohort from m
)
select cohort, date_diff('month', cohort, month) as k, count(*) as customers
from f group by 1, 2`;

/** First-attempt ordered funnel within a window from step 1. */
export function funnelSql(steps: readonly string[], windowDays: number): string {
  const parts: string[] = [];
  parts.push(`s0 as (select customer_id, min(occurred_at) as t, min(occurred_at) as t0 from ev where name = '${steps[0]}' group by 1)`);
  for (let i = 1; i < steps.length; i++) {
    parts.push(
      `s${i} as (select e.customer_id, min(e.occurred_at) as t, any_value(p.t0) as t0 from ev e join s${i - 1} p using (customer_id) where e.name = '${steps[i]}' and e.occurred_at >= p.t and e.occurred_at <= p.t0 + interval ${windowDays} day group by 1)`,
    );
  }
  const counts = steps.map((_, i) => `(select count(*) from s${i}) as step${i + 1}`).join(", ");
  return `with ${parts.join(",\n")} select ${counts}`;
}
