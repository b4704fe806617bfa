import { describe, expect, it } from "vitest";
import { dealGroupKey, groupDeals, readDeals, resolveDealGroupBy, resolveStages } from "../../src/funnel/deals.js";
import type { Deal } from "../../src/index.js";
import { errorInfo, messageOf } from "../support/errors.js";

const base = { stage: "s", amount: 1, createdAt: "2024-01-01T00:00:00Z" } as const;
const read = (deals: unknown, requireClosedAt = true): ReturnType<typeof readDeals> => readDeals("winRate", deals, "UTC", requireClosedAt);
const msg = (deals: unknown[], requireClosedAt = true): string => messageOf(() => read(deals, requireClosedAt));

describe("readDeals (shared by winRate, salesCycle, stageConversion, pipelineForecast)", () => {
  it("reads every field of a valid deal", () => {
    const [row] = read([
      {
        id: 7,
        stage: "demo",
        status: "won",
        amount: "12.5",
        createdAt: "2024-01-01T00:00:00Z",
        closedAt: "2024-01-03T00:00:00Z",
        expectedCloseAt: "2024-01-05T00:00:00Z",
        probability: 0.25,
        owner: "ann",
        segment: null,
        stageHistory: [{ stage: "lead", enteredAt: "2024-01-01T00:00:00Z" }],
      },
    ]);
    expect(row).toMatchObject({
      index: 0,
      id: "7",
      status: "won",
      stage: "demo",
      amount: 12.5,
      amountInput: "12.5",
      createdAt: Date.UTC(2024, 0, 1),
      closedAt: Date.UTC(2024, 0, 3),
      expectedCloseAt: Date.UTC(2024, 0, 5),
      probability: 0.25,
      history: [{ stage: "lead", at: Date.UTC(2024, 0, 1) }],
    });
  });

  it("reads absent and null optional fields as null or empty", () => {
    const rows = read([
      { ...base, id: 1, status: "open" },
      { ...base, id: 2, status: "open", closedAt: null, expectedCloseAt: null, probability: null, stageHistory: null, owner: null },
    ]);
    for (const r of rows) expect(r).toMatchObject({ closedAt: null, expectedCloseAt: null, probability: null, history: [] });
  });

  it("accepts probabilities 0 and 1, an amount of 0 and a deal closed the instant it was created", () => {
    const rows = read([
      { ...base, id: 1, status: "open", probability: 0 },
      { ...base, id: 2, status: "open", probability: 1, amount: 0 },
      { ...base, id: 3, status: "won", closedAt: base.createdAt },
    ]);
    expect(rows.map((r) => r.probability)).toEqual([0, 1, null]);
    expect(rows[1]!.amount).toBe(0);
    expect(rows[2]!.closedAt).toBe(rows[2]!.createdAt);
  });

  it("sorts the stage history by time, equal times in input order", () => {
    const [row] = read([
      {
        ...base,
        id: 1,
        status: "open",
        stageHistory: [
          { stage: "c", enteredAt: "2024-01-03" },
          { stage: "a", enteredAt: "2024-01-01" },
          { stage: "b2", enteredAt: "2024-01-02" },
          { stage: "b1", enteredAt: "2024-01-02" },
        ],
      },
    ]);
    expect(row!.history.map((h) => h.stage)).toEqual(["a", "b2", "b1", "c"]);
  });

  it("needs closedAt on closed deals only when asked", () => {
    expect(msg([{ ...base, id: 1, status: "lost" }])).toBe("winRate: deals[0].closedAt must be a valid date for a lost deal, got undefined");
    expect(msg([{ ...base, id: 1, status: "won", closedAt: null }])).toBe("winRate: deals[0].closedAt must be a valid date for a won deal, got null");
    expect(read([{ ...base, id: 1, status: "open" }])).toHaveLength(1);
    expect(read([{ ...base, id: 1, status: "lost" }], false)[0]!.closedAt).toBeNull();
  });

  it("names the record, the rule and the value in every message", () => {
    expect(messageOf(() => read(3))).toBe("winRate: deals must be an array or iterable of records, got 3");
    expect(msg([null])).toBe("winRate: deals[0] must be an object, got null");
    expect(msg([{ ...base, id: 1, status: "open" }, { ...base, id: "1", status: "open" }])).toBe('winRate: deals[1].id must be unique, got "1"');
    expect(msg([{ ...base, id: 1, status: "closed" }])).toBe('winRate: deals[0].status must be "open", "won" or "lost", got "closed"');
    expect(msg([{ ...base, id: 1, status: 1 }])).toBe('winRate: deals[0].status must be "open", "won" or "lost", got 1');
    expect(msg([{ ...base, id: 1, status: "toString" }])).toBe('winRate: deals[0].status must be "open", "won" or "lost", got "toString"');
    expect(msg([{ ...base, id: 1, status: "open", stage: "" }])).toBe('winRate: deals[0].stage must be a non-empty string, got ""');
    expect(msg([{ ...base, id: 1, status: "open", stage: 5 }])).toBe("winRate: deals[0].stage must be a non-empty string, got 5");
    expect(msg([{ ...base, id: 1, status: "open", amount: -0.01 }])).toBe("winRate: deals[0].amount must be >= 0, got -0.01");
    expect(msg([{ ...base, id: 1, status: "won", closedAt: "2023-12-31T23:59:59Z" }])).toBe(
      'winRate: deals[0].closedAt must not be before createdAt, got "2023-12-31T23:59:59Z"',
    );
    expect(msg([{ ...base, id: 1, status: "open", probability: 1.01 }])).toBe("winRate: deals[0].probability must be a number from 0 to 1, got 1.01");
    expect(msg([{ ...base, id: 1, status: "open", probability: -0.01 }])).toBe("winRate: deals[0].probability must be a number from 0 to 1, got -0.01");
    expect(msg([{ ...base, id: 1, status: "open", probability: "0.5" }])).toBe('winRate: deals[0].probability must be a number from 0 to 1, got "0.5"');
    expect(msg([{ ...base, id: 1, status: "open", owner: 3 }])).toBe("winRate: deals[0].owner must be a string, got 3");
    expect(msg([{ ...base, id: 1, status: "open", segment: false }])).toBe("winRate: deals[0].segment must be a string, got false");
    expect(msg([{ ...base, id: 1, status: "open", stageHistory: "x" }])).toBe('winRate: deals[0].stageHistory must be an array of { stage, enteredAt }, got "x"');
    expect(msg([{ ...base, id: 1, status: "open", stageHistory: [{ stage: "a", enteredAt: 0 }, 1] }])).toBe(
      "winRate: deals[0].stageHistory[1] must be an object { stage, enteredAt }, got 1",
    );
    expect(msg([{ ...base, id: 1, status: "open", stageHistory: [{ stage: "", enteredAt: 0 }] }])).toBe(
      'winRate: deals[0].stageHistory[0].stage must be a non-empty string, got ""',
    );
    expect(msg([{ ...base, id: 1, status: "open", stageHistory: [{ stage: 2, enteredAt: 0 }] }])).toBe(
      "winRate: deals[0].stageHistory[0].stage must be a non-empty string, got 2",
    );
    expect(errorInfo(() => read([{ ...base, id: 1, status: "open", stageHistory: [{ stage: "a", enteredAt: "x" }] }]))).toBe(
      "INVALID_INPUT deals[0].stageHistory[0].enteredAt",
    );
  });
});

describe("deal groups", () => {
  const rows = read([
    { ...base, id: 1, status: "open", owner: "bob" },
    { ...base, id: 2, status: "open", owner: "" },
    { ...base, id: 3, status: "open" },
    { ...base, id: 4, status: "open", owner: "ann", segment: "smb" },
  ]);

  it("validates groupBy", () => {
    expect(resolveDealGroupBy("winRate", undefined)).toBeNull();
    expect(resolveDealGroupBy("winRate", "owner")).toBe("owner");
    expect(resolveDealGroupBy("winRate", "segment")).toBe("segment");
    const f = (d: Deal): string => d.stage;
    expect(resolveDealGroupBy("winRate", f)).toBe(f);
    expect(messageOf(() => resolveDealGroupBy("winRate", "region"))).toBe(
      'winRate: options.groupBy must be "owner", "segment" or a function of the deal, got "region"',
    );
  });

  it("reads a missing or empty key as null and rejects a key that is not a string", () => {
    expect(rows.map((r) => dealGroupKey("winRate", r, "owner"))).toEqual(["bob", null, null, "ann"]);
    expect(rows.map((r) => dealGroupKey("winRate", r, "segment"))).toEqual([null, null, null, "smb"]);
    expect(dealGroupKey("winRate", rows[0]!, () => null)).toBeNull();
    expect(dealGroupKey("winRate", read([{ ...base, id: 9, status: "open", segment: null }])[0]!, "segment")).toBeNull();
    expect(dealGroupKey("winRate", rows[0]!, () => undefined)).toBeNull();
    expect(dealGroupKey("winRate", rows[0]!, (d) => `k${d.id}`)).toBe("k1");
    expect(messageOf(() => dealGroupKey("winRate", rows[3]!, () => 3 as unknown as string))).toBe(
      "winRate: deals[3] must give a string group key (or null), got 3",
    );
  });

  it("groups rows with keys ascending and the null group last", () => {
    const keys = ["b", null, "a", "c", null, "a", "B"];
    const groups = groupDeals(
      keys.map((k, i) => ({ k, i })),
      (r) => r.k,
    );
    expect(groups.map((g) => [g.key, g.rows.map((r) => r.i)])).toEqual([
      ["B", [6]],
      ["a", [2, 5]],
      ["b", [0]],
      ["c", [3]],
      [null, [1, 4]],
    ]);
    expect(groupDeals([null, "z"], (k) => k).map((g) => g.key)).toEqual(["z", null]);
    expect(groupDeals(["z", null], (k) => k).map((g) => g.key)).toEqual(["z", null]);
  });
});

describe("resolveStages", () => {
  it("maps each stage to its position", () => {
    expect([...resolveStages("stageConversion", ["lead", "demo", "won"])]).toEqual([
      ["lead", 0],
      ["demo", 1],
      ["won", 2],
    ]);
  });

  it("names the rule, the path and the value in its messages", () => {
    const m = (stages: unknown, name?: string): string => messageOf(() => resolveStages("stageConversion", stages, name));
    expect(m(["lead"])).toBe("stageConversion: stages must be an array of at least two stage names, got an array");
    expect(m("lead")).toBe('stageConversion: stages must be an array of at least two stage names, got "lead"');
    expect(m(["lead", ""])).toBe('stageConversion: stages[1] must be a non-empty string, got ""');
    expect(m(["lead", 3])).toBe("stageConversion: stages[1] must be a non-empty string, got 3");
    expect(m(["lead", "demo", "lead"])).toBe('stageConversion: stages[2] must not repeat a stage, got "lead"');
    expect(m(["a", "a"], "options.stages")).toBe('stageConversion: options.stages[1] must not repeat a stage, got "a"');
    expect(errorInfo(() => resolveStages("pipelineForecast", ["a"], "options.stages"))).toBe("INVALID_OPTION options.stages");
  });
});
