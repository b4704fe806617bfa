import { describe, expect, it } from "vitest";
import { generateEvents, InteractionSchema } from "../../src/index.js";
import { errorInfo } from "../support/errors.js";

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
