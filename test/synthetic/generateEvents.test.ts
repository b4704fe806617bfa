import { describe, expect, it } from "vitest";
import { generateEvents, type GenerateEventsOptions, type Interaction, InteractionSchema } from "../../src/index.js";
import { errorInfo, messageOf } from "../support/errors.js";
import { expectMean, expectOptionErrors, expectShare } from "./stats.js";

const DAY = 86_400_000;
const time = (e: Interaction): number => (typeof e.occurredAt === "number" ? e.occurredAt : Date.parse(e.occurredAt as string));

/** Each customer's events in time order (the log is sorted), with the customer's fixed properties. */
function journeys(events: readonly Interaction[]): { channel: string; device: string; plan: string; events: Interaction[] }[] {
  const by = new Map<string, Interaction[]>();
  for (const e of events) {
    const list = by.get(e.customerId as string);
    if (list === undefined) by.set(e.customerId as string, [e]);
    else list.push(e);
  }
  return [...by.values()].map((list) => {
    const signup = list.find((e) => e.type === "signup")!;
    const props = signup.properties as { channel: string; device: string; plan: string };
    return { channel: props.channel, device: props.device, plan: props.plan, events: list };
  });
}

const FUNNEL = new Set(["signup", "activate", "view_pricing", "purchase"]);

describe("generateEvents", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = generateEvents({ customers: 40, seed: 5 });
    expect(generateEvents({ customers: 40, seed: 5 })).toEqual(a);
    expect(generateEvents({ customers: 40, seed: 6 })).not.toEqual(a);
  });

  it("gives every customer a signup, sorted events, valid Interaction records and about the requested volume", () => {
    const events = generateEvents({ customers: 500, seed: 1, meanEventsPerCustomer: 12 });
    const customers = new Set(events.filter((e) => e.type === "signup").map((e) => e.customerId));
    expect(customers.size).toBe(500);
    const times = events.map((e) => Date.parse(e.occurredAt as string));
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(events.length / 500).toBeGreaterThan(10);
    expect(events.length / 500).toBeLessThan(14);
    for (const e of events.slice(0, 50)) expect(InteractionSchema.safeParse(e).success).toBe(true);
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual(["activate", "email_open", "page_view", "purchase", "signup", "view_pricing"]);
    const purchase = events.find((e) => e.type === "purchase")!;
    expect(typeof purchase.properties!.amount).toBe("number");
    expect(["organic", "ads", "referral", "email"]).toContain(purchase.properties!.channel);
  });

  it("has the funnel shape: about 60 % activate, fewer purchase, some restart", () => {
    const events = generateEvents({ customers: 2000, seed: 9 });
    const per = (type: string): number => new Set(events.filter((e) => e.type === type).map((e) => e.customerId)).size / 2000;
    expect(per("activate")).toBeGreaterThan(0.5);
    expect(per("activate")).toBeLessThan(0.7);
    expect(per("purchase")).toBeGreaterThan(0.15);
    expect(per("purchase")).toBeLessThan(0.35);
    const signups = events.filter((e) => e.type === "signup").length / 2000;
    expect(signups).toBeGreaterThan(1.05);
    expect(signups).toBeLessThan(1.15);
  });

  it("writes timestamps as ISO strings, epoch ms or Dates from the start", () => {
    const epoch = generateEvents({ customers: 5, timestamps: "epoch", start: "2023-06-01", days: 1 });
    expect(typeof epoch[0]!.occurredAt).toBe("number");
    expect(epoch.find((e) => e.type === "signup")!.occurredAt as number).toBeGreaterThanOrEqual(Date.UTC(2023, 5, 1));
    expect(generateEvents({ customers: 5, timestamps: "date" })[0]!.occurredAt).toBeInstanceOf(Date);
    expect(generateEvents({ customers: 0 })).toEqual([]);
  });

  it("rejects bad options", () => {
    expect(errorInfo(() => generateEvents({ customers: -1 }))).toBe("INVALID_OPTION options.customers");
    expect(errorInfo(() => generateEvents({ customers: 2e7 }))).toBe("INVALID_OPTION options.customers");
    expect(errorInfo(() => generateEvents({ days: 0 }))).toBe("INVALID_OPTION options.days");
    expect(errorInfo(() => generateEvents({ seed: 1.5 }))).toBe("INVALID_OPTION options.seed");
    expect(errorInfo(() => generateEvents({ timestamps: "unix" as "epoch" }))).toBe("INVALID_OPTION options.timestamps");
    expect(errorInfo(() => generateEvents({ start: "never" }))).toBe("INVALID_OPTION options.start");
  });
});

describe("generateEvents, journey by journey", () => {
  it("writes a seeded journey as when written, following the documented funnel", () => {
    const events = generateEvents({ customers: 1, seed: 33, meanEventsPerCustomer: 0, start: "2024-05-01", days: 2 });
    const props = { channel: "ads", device: "ios", plan: "free" };
    const at = (id: number, occurredAt: string, type: string, extra: object = {}): Interaction => ({
      id: `e${id}`,
      customerId: "c1",
      occurredAt,
      channel: "app",
      direction: "inbound",
      type,
      properties: { ...props, ...extra },
    });
    // Printed when written.
    expect(events).toEqual([
      at(1, "2024-05-01T02:47:41.464Z", "signup"),
      at(2, "2024-05-03T01:30:27.721Z", "activate"),
      at(3, "2024-05-04T23:04:59.694Z", "view_pricing"),
      at(4, "2024-05-05T08:47:43.170Z", "view_pricing"),
      at(5, "2024-05-07T23:28:18.031Z", "purchase", { plan: "starter", amount: 45.12 }),
      at(6, "2024-05-12T21:02:08.187Z", "signup"),
      at(7, "2024-06-01T03:09:30.055Z", "purchase", { plan: "starter", amount: 33.72 }),
      at(8, "2024-06-24T02:33:17.514Z", "purchase", { plan: "starter", amount: 46.34 }),
    ]);
    // Why: the signup falls in the 2 days from the start; an iOS device is the "app" channel;
    // activation, pricing views and purchase follow in that order; a free plan buys "starter"
    // for 29 to 49 in whole cents; the restart (second signup) comes after the first; no noise
    // with meanEventsPerCustomer 0 (the funnel alone has 8 events).
    expect(time(events[0]!) - Date.UTC(2024, 4, 1)).toBeLessThan(2 * DAY);
    for (const e of events.filter((x) => x.type === "purchase")) {
      const amount = e.properties!.amount as number;
      expect(amount >= 29 && amount <= 49 && Math.round(amount * 100) / 100 === amount).toBe(true);
    }
  });

  it("uses the documented defaults", () => {
    const events = generateEvents();
    expect(events).toEqual(
      generateEvents({ customers: 100, seed: 1, start: "2024-01-01T00:00:00Z", days: 90, meanEventsPerCustomer: 10, timestamps: "iso" }),
    );
    expect(new Set(events.map((e) => e.customerId)).size).toBe(100);
  });

  it("numbers events e1, e2, ... in time order, then by customer, and names customers c1, c2, ...", () => {
    const events = generateEvents({ customers: 300, seed: 2, timestamps: "epoch" });
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => `e${i + 1}`));
    const customer = (e: Interaction): number => Number((e.customerId as string).slice(1));
    const unordered = events.filter((b, i) => i > 0 && (time(events[i - 1]!) > time(b) || (time(events[i - 1]!) === time(b) && customer(events[i - 1]!) > customer(b))));
    expect(unordered).toEqual([]);
    expect([...new Set(events.map((e) => e.customerId))].sort((a, b) => Number((a as string).slice(1)) - Number((b as string).slice(1)))).toEqual(
      Array.from({ length: 300 }, (_, i) => `c${i + 1}`),
    );
    expect(events.filter((e) => e.channel !== (e.properties!.device === "web" ? "web" : "app"))).toEqual([]);
    expect(events.every((e) => e.direction === "inbound" && Number.isInteger(e.occurredAt))).toBe(true);
    expect(new Set(events.map((e) => e.channel))).toEqual(new Set(["web", "app"]));
  });

  it("writes the same instants, rounded to the millisecond, as ISO strings, epoch milliseconds or Dates", () => {
    const options: GenerateEventsOptions = { customers: 20, seed: 3 };
    const iso = generateEvents(options).map((e) => e.occurredAt);
    const epoch = generateEvents({ ...options, timestamps: "epoch" }).map((e) => e.occurredAt);
    const dates = generateEvents({ ...options, timestamps: "date" }).map((e) => e.occurredAt as Date);
    expect(epoch).toEqual(iso.map((s) => Date.parse(s as string)));
    expect(dates.map((d) => d.getTime())).toEqual(epoch);
    expect(iso.every((s) => typeof s === "string" && s.endsWith("Z"))).toBe(true);
  });
});

describe("generateEvents, in distribution", () => {
  it("spreads first signups uniformly over the days from the start", () => {
    const n = 4000;
    const events = generateEvents({ customers: n, seed: 11, start: "2024-03-01", days: 30, meanEventsPerCustomer: 0 });
    const first = journeys(events).map((j) => (time(j.events.find((e) => e.type === "signup")!) - Date.UTC(2024, 2, 1)) / DAY);
    expect(first).toHaveLength(n);
    expectMean(first, 15);
    expect(Math.min(...first)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...first)).toBeLessThan(30);
    expect(Math.max(...first)).toBeGreaterThan(29.9);
  });

  it("fixes channel (40/30/20/10 %), device (60/25/15 %) and signup plan (60/30/10 %) per customer", () => {
    const n = 4000;
    const js = journeys(generateEvents({ customers: n, seed: 12 }));
    const shares = (key: "channel" | "device" | "plan", values: string[], weights: number[]): void =>
      values.forEach((v, i) => expectShare(js.filter((j) => j[key] === v).length, n, weights[i]!));
    shares("channel", ["organic", "ads", "referral", "email"], [0.4, 0.3, 0.2, 0.1]);
    shares("device", ["web", "ios", "android"], [0.6, 0.25, 0.15]);
    shares("plan", ["free", "starter", "pro"], [0.6, 0.3, 0.1]);
    const changed = js.flatMap((j) =>
      j.events.filter((e) => e.properties!.channel !== j.channel || e.properties!.device !== j.device || (e.type !== "purchase" && e.properties!.plan !== j.plan)),
    );
    expect(changed).toEqual([]);
  });

  it("restarts 10 % of customers with a second signup about 10 days later", () => {
    const n = 6000;
    const js = journeys(generateEvents({ customers: n, seed: 13, meanEventsPerCustomer: 0 }));
    const twice = js.filter((j) => j.events.filter((e) => e.type === "signup").length === 2);
    expect(js.every((j) => j.events.filter((e) => e.type === "signup").length <= 2)).toBe(true);
    expectShare(twice.length, n, 0.1);
    const gaps = twice.map((j) => {
      const [a, b] = j.events.filter((e) => e.type === "signup");
      return (time(b!) - time(a!)) / DAY;
    });
    expectMean(gaps, 10);
  });

  it("activates 60 % (75 % from referrals, 50 % from ads), about 2 days after the signup", () => {
    const js = journeys(generateEvents({ customers: 8000, seed: 14, meanEventsPerCustomer: 0 }));
    const rate = { organic: 0.6, email: 0.6, referral: 0.75, ads: 0.5 } as Record<string, number>;
    for (const channel of Object.keys(rate)) {
      const group = js.filter((j) => j.channel === channel);
      expectShare(group.filter((j) => j.events.some((e) => e.type === "activate")).length, group.length, rate[channel]!);
    }
    const delays = js.flatMap((j) => {
      const activate = j.events.find((e) => e.type === "activate");
      return activate === undefined ? [] : [(time(activate) - time(j.events[0]!)) / DAY];
    });
    expectMean(delays, 2);
    expect(js.every((j) => j.events.filter((e) => e.type === "activate").length <= 1)).toBe(true);
  });

  it("shows pricing to 70 % of the activated, 1 + Poisson(0.5) times, about 1.5 days apart", () => {
    const js = journeys(generateEvents({ customers: 8000, seed: 15, meanEventsPerCustomer: 0 }));
    const activated = js.filter((j) => j.events.some((e) => e.type === "activate"));
    const viewers = activated.filter((j) => j.events.some((e) => e.type === "view_pricing"));
    expectShare(viewers.length, activated.length, 0.7);
    expect(js.filter((j) => j.events.some((e) => e.type === "view_pricing")).length).toBe(viewers.length);
    expectMean(viewers.map((j) => j.events.filter((e) => e.type === "view_pricing").length), 1.5);
    const gaps = viewers.flatMap((j) => {
      const steps = j.events.filter((e) => e.type === "activate" || e.type === "view_pricing").map(time);
      return steps.slice(1).map((t, i) => (t - steps[i]!) / DAY);
    });
    expectMean(gaps, 1.5);
  });

  it("converts 50 % of pricing viewers (65 % from referrals, 40 % from ads) about 3 days after the last view, then Poisson(0.8) repeats about 20 days apart", () => {
    const js = journeys(generateEvents({ customers: 20_000, seed: 16, meanEventsPerCustomer: 0 }));
    const rate = { organic: 0.5, email: 0.5, referral: 0.65, ads: 0.4 } as Record<string, number>;
    const viewers = js.filter((j) => j.events.some((e) => e.type === "view_pricing"));
    for (const channel of Object.keys(rate)) {
      const group = viewers.filter((j) => j.channel === channel);
      expectShare(group.filter((j) => j.events.some((e) => e.type === "purchase")).length, group.length, rate[channel]!);
    }
    const buyers = viewers.filter((j) => j.events.some((e) => e.type === "purchase"));
    expect(js.filter((j) => j.events.some((e) => e.type === "purchase")).length).toBe(buyers.length);
    expectMean(buyers.map((j) => j.events.filter((e) => e.type === "purchase").length), 1.8);
    const firstDelays: number[] = [];
    const repeatGaps: number[] = [];
    for (const j of buyers) {
      const steps = j.events.filter((e) => e.type === "view_pricing" || e.type === "purchase");
      const k = steps.findIndex((e) => e.type === "purchase");
      firstDelays.push((time(steps[k]!) - time(steps[k - 1]!)) / DAY);
      for (let i = k + 1; i < steps.length; i++) repeatGaps.push((time(steps[i]!) - time(steps[i - 1]!)) / DAY);
    }
    expectMean(firstDelays, 3);
    expectMean(repeatGaps, 20);
  });

  it("sells a free signup the starter plan, keeps starter and pro, and charges 29 to 49 (starter) or 99 to 119 (pro) in cents", () => {
    const js = journeys(generateEvents({ customers: 20_000, seed: 17, meanEventsPerCustomer: 0 }));
    const amounts: Record<string, number[]> = { starter: [], pro: [] };
    const wrong: Interaction[] = [];
    for (const j of js) {
      for (const e of j.events.filter((x) => x.type === "purchase")) {
        const plan = e.properties!.plan as string;
        const amount = e.properties!.amount as number;
        if (plan !== (j.plan === "free" ? "starter" : j.plan) || Math.round(amount * 100) / 100 !== amount) wrong.push(e);
        amounts[plan]!.push(amount);
      }
    }
    expect(wrong).toEqual([]);
    expect(Math.min(...amounts.starter!)).toBeGreaterThanOrEqual(29);
    expect(Math.max(...amounts.starter!)).toBeLessThanOrEqual(49);
    expect(Math.min(...amounts.pro!)).toBeGreaterThanOrEqual(99);
    expect(Math.max(...amounts.pro!)).toBeLessThanOrEqual(119);
    expectMean(amounts.starter!, 39);
    expectMean(amounts.pro!, 109);
  });

  it("adds Poisson noise up to meanEventsPerCustomer events, 70 % page views, from 2 days before to 30 days after the signup", () => {
    const events = generateEvents({ customers: 1500, seed: 18, meanEventsPerCustomer: 30 });
    const js = journeys(events);
    expectMean(js.map((j) => j.events.length), 30);
    const noise = js.flatMap((j) => j.events.filter((e) => !FUNNEL.has(e.type)).map((e) => ({ e, signup: time(j.events.find((x) => x.type === "signup")!) })));
    expectShare(noise.filter(({ e }) => e.type === "page_view").length, noise.length, 0.7);
    expect(noise.every(({ e }) => e.type === "page_view" || e.type === "email_open")).toBe(true);
    const offsets = noise.map(({ e, signup }) => (time(e) - signup) / DAY);
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...offsets)).toBeLessThan(30);
    expectMean(offsets, 14);
    const quiet = generateEvents({ customers: 500, seed: 18, meanEventsPerCustomer: 0 });
    expect(quiet.filter((e) => !FUNNEL.has(e.type))).toEqual([]);
    // With a mean of 3, customers whose funnel already has 3 events get no noise at all.
    const few = journeys(generateEvents({ customers: 2000, seed: 19, meanEventsPerCustomer: 3 }));
    expect(few.filter((j) => j.events.filter((e) => FUNNEL.has(e.type)).length >= 3 && j.events.some((e) => !FUNNEL.has(e.type)))).toEqual([]);
    expectMean(few.filter((j) => j.events.filter((e) => FUNNEL.has(e.type)).length === 1).map((j) => j.events.length), 3);
  });

  it("rejects each bad option with its path and rule", () => {
    const cases: [GenerateEventsOptions, string, string][] = [
      [{ customers: -1 }, "customers", "must be an integer >= 0, got -1"],
      [{ customers: 1.5 }, "customers", "must be an integer >= 0, got 1.5"],
      [{ customers: 10_000_001 }, "customers", "must be at most 10000000, got 10000001"],
      [{ seed: 1.5 }, "seed", "must be an integer, got 1.5"],
      [{ days: 0 }, "days", "must be a finite number > 0, got 0"],
      [{ meanEventsPerCustomer: -1 }, "meanEventsPerCustomer", "must be a finite number >= 0, got -1"],
      [{ timestamps: "unix" as never }, "timestamps", 'must be one of "iso", "epoch", "date", got "unix"'],
      [{ start: "never" }, "start", 'must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "never"'],
    ];
    expectOptionErrors("generateEvents", (o) => generateEvents({ customers: 1, ...o }), cases);
    expect(messageOf(() => generateEvents(3 as never))).toBe("generateEvents: options must be an object, got 3");
  });
});
