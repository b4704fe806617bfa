// Checks the predictions against test/fixtures/clv_predictions.json: the published formulas
// evaluated directly with mpmath at 60 digits (scripts/clv_predictions_fixture.py), with no
// log-space rewriting or hypergeometric transformations, so it is an independent check.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases } from "../../src/clv/conditionalExpectedPurchases.js";
import { probabilityAlive } from "../../src/clv/probabilityAlive.js";
import { probabilityOfPurchases } from "../../src/clv/probabilityOfPurchases.js";
import type { PurchaseModel } from "../../src/clv/types.js";

interface Case {
  model: PurchaseModel["model"];
  fn: "probabilityAlive" | "conditionalExpectedPurchases" | "probabilityOfPurchases";
  params: Record<string, number>;
  args: number[];
  value: string;
}
const { cases } = JSON.parse(
  readFileSync(join(fileURLToPath(new URL(".", import.meta.url)), "..", "fixtures", "clv_predictions.json"), "utf8"),
) as { cases: Case[] };

describe("predictions against mpmath (60 digits, direct formulas)", () => {
  it("has the fixture", () => {
    expect(cases.length).toBeGreaterThan(100);
  });
  for (const c of cases) {
    it(`${c.model} ${c.fn}(${c.args.join(", ")})`, () => {
      const model = { model: c.model, params: c.params } as unknown as PurchaseModel;
      const [a0, a1, a2, a3] = c.args as [number, number, number, number];
      const history = c.model === "bg-bb" ? { frequency: a0, recency: a1, periods: a2 } : { frequency: a0, recency: a1, T: a2 };
      let got: number;
      if (c.fn === "probabilityAlive") got = probabilityAlive(model, history);
      else if (c.fn === "conditionalExpectedPurchases") got = conditionalExpectedPurchases(model, history, a3);
      else got = probabilityOfPurchases(model, a0, a1);
      const expected = Number(c.value);
      // 1e-9 relative, or 1e-15 absolute for values that are essentially 0.
      expect(Math.abs(got - expected)).toBeLessThanOrEqual(Math.max(1e-9 * Math.abs(expected), 1e-15));
    });
  }
});
