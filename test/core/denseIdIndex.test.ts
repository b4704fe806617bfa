import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DenseIdIndex } from "../../src/core/denseIdIndex.js";

/** The packed form that the table keeps for `id` (private: read here to pin the layout), 0 and 0 when it does not pack. */
function packedOf(id: string): [number, number] {
  const index = new DenseIdIndex();
  index.intern(id);
  const packed = (index as unknown as { packed: Int32Array }).packed;
  return [packed[0]!, packed[1]!];
}

/** The table's 31-bit hash of `id` (private: read here so that the colliding pairs below are checked to collide). */
function hashOf(id: string): number {
  return (new DenseIdIndex() as unknown as { hash(id: string): number }).hash(id);
}

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
    // "c88826" and "c94477" share the hash 1230713907 (found by hashing "c0", "c1", ... in
    // order), so only the comparison of their packed forms separates them.
    const index = new DenseIdIndex();
    expect([hashOf("c88826"), hashOf("c94477")]).toEqual([1230713907, 1230713907]);
    expect(index.intern("c88826")).toBe(0);
    expect(index.get("c94477")).toBe(-1);
    expect(index.intern("c94477")).toBe(1);
    expect(index.get("c88826")).toBe(0);
    expect(index.get("c94477")).toBe(1);
    expect(index.intern("c88826")).toBe(0);
    expect(index.size).toBe(2);
  });

  it("tells apart colliding ids, packed or compared as strings, whatever they share", () => {
    // pairs with equal 31-bit hashes (found by search): not packing ('.', or longer than 10
    // characters); packing with the same first five characters, or the same last five; not
    // packing with the same first ten of 13, or the same first five and then a '.'
    for (const [a, b] of [
      ["id.29190", "id.95956"],
      ["customer-74602", "customer-97460"],
      ["abcdeV_aIU", "abcdeLx9su"],
      ["WaXyLvwxyz", "4-sirvwxyz"],
      ["0123456789f3L", "0123456789SyS"],
      ["abcde.qyL0", "abcde.eql0"],
    ] as const) {
      expect([a, hashOf(a)]).toEqual([a, hashOf(b)]);
      const index = new DenseIdIndex();
      expect(index.intern(a)).toBe(0);
      expect(index.get(b)).toBe(-1);
      expect(index.intern(b)).toBe(1);
      expect([index.get(a), index.get(b), index.intern(a), index.size]).toEqual([0, 1, 0, 2]);
    }
  });

  it("packs ids of up to 10 characters of [0-9A-Za-z_-], five characters and two length bits a half, others to 0 and 0", () => {
    // "abcdefghij": codes 36..45, length 10 (low bits 2, high bits 2)
    expect(packedOf("abcdefghij")[0]).toBe((36 | (37 << 6) | (38 << 12) | (39 << 18) | (40 << 24) | (2 << 30)) | 0);
    expect(packedOf("abcdefghij")[0]).toBe(-1466013340);
    expect(packedOf("abcdefghij")[1]).toBe(-1380795735);
    expect([packedOf("0")[0], packedOf("0")[1]]).toEqual([1 << 30, 0]);
    expect([packedOf("A")[0], packedOf("Z")[0], packedOf("z")[0], packedOf("_")[0], packedOf("-")[0]]).toEqual([10, 35, 61, 62, 63].map((c) => c | (1 << 30)));
    expect([packedOf("0000")[0], packedOf("0000")[1], packedOf("00000000")[1]]).toEqual([0, 1 << 30, -2147483648]);
    for (const id of ["", "a.b", "é", "0é", "\u007f", "a b", "01234567890", "abcdefghijk", "\u0080"]) {
      expect([id, packedOf(id)]).toEqual([id, [0, 0]]);
    }
    // a character that does not pack after the fifth unpacks the first five as well
    expect(packedOf("abcde.")).toEqual([0, 0]);
    expect(packedOf("abcde")).toEqual([(36 | (37 << 6) | (38 << 12) | (39 << 18) | (40 << 24) | (1 << 30)) | 0, 1 << 30]);
  });

  it("packs distinct ids to distinct forms (property)", () => {
    const packable = fc.array(fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-"), { minLength: 1, maxLength: 10 }).map((c) => c.join(""));
    fc.assert(
      fc.property(packable, packable, (a, b) => {
        const pa = packedOf(a);
        const pb = packedOf(b);
        expect(pa.every((v) => Number.isInteger(v)) && (pa[0]! | pa[1]!) !== 0).toBe(true);
        expect(pa[0] === pb[0] && pa[1] === pb[1]).toBe(a === b);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it("tells apart ids that pack from ids that do not, at the packing boundaries", () => {
    const ids = [
      "0", "00", "000", "0000", "00000", "000000", "0000000000", "00000000000", // '0' is code 0
      "-", "--", "-----", "----------", "-----------", // '-' is code 63
      "zzzzzzzzzz", "zzzzzzzzzzz", "Zz_-09", "Zz_-0", "Zz_-09 ", "a", "a ", "A", "é", "0é", "\u0000", "0\u0000",
      "abcde", "abcdf", "abcdefghij", "abcdefghik", "bbcdefghij", "1234567890", "12345678901",
    ];
    const index = new DenseIdIndex();
    ids.forEach((id, k) => expect(index.intern(id)).toBe(k));
    ids.forEach((id, k) => expect(index.get(id)).toBe(k));
    expect(index.get("000000000000")).toBe(-1);
    expect(index.get("1234567891")).toBe(-1);
    expect(index.size).toBe(ids.length);
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

  it("hashes neighbouring ids apart, packed or not (the hash reads every character)", () => {
    const neighbours = ["c88826", "c88827", "id.29190", "id.29191", "customer-74602", "customer-74603", "a.", "b."];
    expect(new Set(neighbours.map(hashOf)).size).toBe(neighbours.length);
  });

  it("does not pack ids longer than 10 characters, whose extra characters would not fit", () => {
    // at 6 bits a character, character 10 would land on the length bits, and later ones wrap
    const index = new DenseIdIndex();
    const ids = ["00000000000", "0000000000G", "0000000000000000", "000000000000000G", "zzzzzzzzzzz", "zzzzzzzzzz-"];
    ids.forEach((id, k) => expect(index.intern(id)).toBe(k));
    ids.forEach((id, k) => expect(index.get(id)).toBe(k));
    for (const id of ids) expect(packedOf(id)).toEqual([0, 0]);
  });

  it("keeps the colliding pair apart after the table grows", () => {
    const index = new DenseIdIndex();
    index.intern("c88826");
    for (let i = 0; i < 3000; i++) index.intern(`x${i}`);
    index.intern("c94477");
    for (let i = 3000; i < 6000; i++) index.intern(`x${i}`);
    expect(index.get("c88826")).toBe(0);
    expect(index.get("c94477")).toBe(3001);
    expect(index.get("x2999")).toBe(3000);
    expect(index.get("x5999")).toBe(6001);
  });

  it("agrees with a Map for any sequence of ids (property)", () => {
    const special = fc.constantFrom("__proto__", "constructor", "prototype", "", "0", "1", "-0", "1e3", "NaN", "valueOf");
    // ids of the packing alphabet around its 10-character limit, with a few other characters
    const packing = fc
      .array(fc.constantFrom(..."0129AZaz_-.é"), { minLength: 8, maxLength: 12 })
      .map((chars) => chars.join(""));
    const id = fc.oneof(special, fc.string({ maxLength: 6 }), fc.integer({ min: -50, max: 2000 }).map(String), packing);
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
