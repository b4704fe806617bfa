import { describe, expect, it } from "vitest";
import { finitePrediction, readModel } from "../../src/clv/modelCommon.js";
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
