import { describe, expect, it } from "vitest";
import { finitePrediction, readHistoryFor, readHorizon, readModel } from "../../src/clv/modelCommon.js";
import { errorOf } from "./data.js";
import { BG } from "./models.js";

describe("finitePrediction", () => {
  it("passes finite values (and turns -0 into 0), throws NOT_CONVERGED otherwise", () => {
    expect(finitePrediction("f", 1.5)).toBe(1.5);
    expect(Object.is(finitePrediction("f", -0), 0)).toBe(true);
    expect(errorOf(() => finitePrediction("f", Number.NaN))).toMatchObject({ code: "NOT_CONVERGED" });
    expect(errorOf(() => finitePrediction("f", Number.POSITIVE_INFINITY)).message).toMatch(/^f: /);
  });
});

describe("readModel", () => {
  it("accepts a model read back from JSON and rejects other kinds", () => {
    expect(readModel("f", "model", JSON.parse(JSON.stringify(BG)), ["bg-nbd"])).toEqual(BG);
    expect(errorOf(() => readModel("f", "model", { ...BG, model: 3 }, ["bg-nbd"]))).toMatchObject({ path: "model.model" });
    expect(errorOf(() => readModel("f", "model", { ...BG, params: [] }, ["bg-nbd"]))).toMatchObject({ path: "model.params" });
    expect(errorOf(() => readModel("f", "model", { ...BG, params: { ...BG.params, r: 0 } }, ["bg-nbd"]))).toMatchObject({ path: "model.params.r" });
  });
});

describe("readModel messages", () => {
  it("names the bad field in the house format", () => {
    expect(errorOf(() => readModel("f", "model", 5, ["bg-nbd"])).message).toBe("f: model must be a fitted model object, got 5");
    expect(errorOf(() => readModel("f", "m", { ...BG, model: "x" }, ["bg-nbd", "mbg-nbd"])).message).toBe('f: m.model must be one of "bg-nbd", "mbg-nbd", got "x"');
    expect(errorOf(() => readModel("f", "model", { ...BG, params: null }, ["bg-nbd"])).message).toBe("f: model.params must be an object, got null");
    expect(errorOf(() => readModel("f", "model", { ...BG, params: { ...BG.params, b: -1 } }, ["bg-nbd"])).message).toBe("f: model.params.b must be a finite number > 0, got -1");
    expect(errorOf(() => readModel("f", "model", { ...BG, params: { ...BG.params, alpha: Number.POSITIVE_INFINITY } }, ["bg-nbd"])).path).toBe("model.params.alpha");
    expect(errorOf(() => readModel("f", "model", { ...BG, params: { ...BG.params, a: "1" } }, ["bg-nbd"])).path).toBe("model.params.a");
  });

  it("checks the parameters of each kind by name", () => {
    const kinds = [
      ["bg-nbd", ["r", "alpha", "a", "b"]],
      ["mbg-nbd", ["r", "alpha", "a", "b"]],
      ["pareto-nbd", ["r", "alpha", "s", "beta"]],
      ["bg-bb", ["alpha", "beta", "gamma", "delta"]],
      ["gamma-gamma", ["p", "q", "gamma"]],
      ["shifted-beta-geometric", ["alpha", "beta"]],
    ] as const;
    for (const [kind, names] of kinds) {
      const params = Object.fromEntries(names.map((n) => [n, 1]));
      expect(readModel("f", "model", { model: kind, params }, [kind]).params).toEqual(params);
      for (const name of names) {
        expect(errorOf(() => readModel("f", "model", { model: kind, params: { ...params, [name]: 0 } }, [kind])).path).toBe(`model.params.${name}`);
      }
    }
  });
});

describe("readHistoryFor and readHorizon", () => {
  it("reads (x, t_x, T) for continuous models and (x, t_x, periods) for BG/BB", () => {
    expect(readHistoryFor("f", "bg-nbd", { frequency: 2, recency: 3, T: 5 })).toEqual({ x: 2, tx: 3, T: 5 });
    expect(readHistoryFor("f", "bg-bb", { frequency: 2, recency: 3, periods: 5 })).toEqual({ x: 2, tx: 3, T: 5 });
    expect(errorOf(() => readHistoryFor("f", "bg-nbd", { frequency: 2, recency: 3, periods: 5 })).path).toBe("customer.T");
    expect(errorOf(() => readHistoryFor("f", "bg-bb", { frequency: 2, recency: 3, T: 5 }, "c")).path).toBe("c.periods");
  });

  it("takes any horizon >= 0, whole opportunities under BG/BB", () => {
    expect(readHorizon("f", "bg-nbd", 2.5)).toBe(2.5);
    expect(readHorizon("f", "bg-bb", 3)).toBe(3);
    expect(errorOf(() => readHorizon("f", "bg-bb", 2.5)).message).toBe("f: t must be an integer >= 0, got 2.5");
    expect(errorOf(() => readHorizon("f", "pareto-nbd", -1, "h")).message).toBe("f: h must be a finite number >= 0, got -1");
  });
});

describe("finitePrediction message", () => {
  it("says which series gave up", () => {
    expect(errorOf(() => finitePrediction("f", Number.NaN)).message).toBe(
      "f: a hypergeometric series did not converge for these arguments (horizon far beyond the model's time scale?)",
    );
  });
});
