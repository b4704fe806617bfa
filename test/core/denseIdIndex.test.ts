import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DenseIdIndex } from "../../src/core/denseIdIndex.js";

describe("DenseIdIndex", () => {
  it("numbers ids 0, 1, 2, ... in order of first appearance and keeps them by index", () => {
    const index = new DenseIdIndex();
    expect(index.size).toBe(0);
    expect(index.intern("b")).toBe(0);
    expect(index.intern("a")).toBe(1);
    expect(index.intern("b")).toBe(0);
    expect(index.intern("c")).toBe(2);
    expect(index.intern("a")).toBe(1);
    expect(index.size).toBe(3);
    expect(index.ids).toEqual(["b", "a", "c"]);
  });

  it("returns -1 from get for an id never added, and does not add it", () => {
    const index = new DenseIdIndex();
    expect(index.get("x")).toBe(-1);
    index.intern("x");
    expect(index.get("x")).toBe(0);
    expect(index.get("y")).toBe(-1);
    expect(index.size).toBe(1);
    expect(index.ids).toEqual(["x"]);
  });

  it("takes any string as a key: __proto__, constructor, the empty string, numbers as strings", () => {
    const index = new DenseIdIndex();
    const ids = ["__proto__", "constructor", "", "toString", "hasOwnProperty", "0", "1", "01", "1.0", "NaN", "undefined", " ", "é", "\u{1F600}"];
    ids.forEach((id, k) => expect(index.intern(id)).toBe(k));
    ids.forEach((id, k) => expect(index.get(id)).toBe(k));
    expect(index.get("00")).toBe(-1);
    expect(index.size).toBe(ids.length);
  });

  it("tells apart two ids whose 31-bit hashes are equal", () => {
    // "c18431" and "c37619" share the hash 128757662 (found by hashing "c0".."c200000" offline),
    // so only the comparison of the strings themselves separates them.
    const index = new DenseIdIndex();
    expect(index.intern("c18431")).toBe(0);
    expect(index.get("c37619")).toBe(-1);
    expect(index.intern("c37619")).toBe(1);
    expect(index.get("c18431")).toBe(0);
    expect(index.get("c37619")).toBe(1);
    expect(index.intern("c18431")).toBe(0);
    expect(index.size).toBe(2);
  });

  it("keeps every index through several table growths (5,000 ids, first table 1,024 slots)", () => {
    const index = new DenseIdIndex();
    const n = 5000;
    const expected = Array.from({ length: n }, (_, i) => i);
    expect(expected.map((i) => index.intern(`id-${i}`))).toEqual(expected);
    expect(index.size).toBe(n);
    expect(expected.map((i) => index.get(`id-${i}`))).toEqual(expected);
    expect(expected.map((i) => index.intern(`id-${n - 1 - i}`))).toEqual(expected.map((i) => n - 1 - i));
    expect(index.get(`id-${n}`)).toBe(-1);
    expect(index.size).toBe(n);
    expect(index.ids[1234]).toBe("id-1234");
  });

  it("keeps the colliding pair apart after the table grows", () => {
    const index = new DenseIdIndex();
    index.intern("c18431");
    for (let i = 0; i < 3000; i++) index.intern(`x${i}`);
    index.intern("c37619");
    for (let i = 3000; i < 6000; i++) index.intern(`x${i}`);
    expect(index.get("c18431")).toBe(0);
    expect(index.get("c37619")).toBe(3001);
    expect(index.get("x2999")).toBe(3000);
    expect(index.get("x5999")).toBe(6001);
  });

  it("agrees with a Map for any sequence of ids (property)", () => {
    const special = fc.constantFrom("__proto__", "constructor", "prototype", "", "0", "1", "-0", "1e3", "NaN", "valueOf");
    const id = fc.oneof(special, fc.string({ maxLength: 6 }), fc.integer({ min: -50, max: 2000 }).map(String));
    fc.assert(
      fc.property(fc.array(fc.record({ id, lookup: fc.boolean() }), { maxLength: 1500 }), (ops) => {
        const index = new DenseIdIndex();
        const map = new Map<string, number>();
        const order: string[] = [];
        for (const op of ops) {
          if (op.lookup) {
            expect(index.get(op.id)).toBe(map.get(op.id) ?? -1);
          } else {
            let k = map.get(op.id);
            if (k === undefined) {
              k = map.size;
              map.set(op.id, k);
              order.push(op.id);
            }
            expect(index.intern(op.id)).toBe(k);
          }
        }
        expect(index.size).toBe(map.size);
        expect(index.ids).toEqual(order);
        for (const [key, k] of map) expect(index.get(key)).toBe(k);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
