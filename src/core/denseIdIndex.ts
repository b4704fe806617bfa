// Dense integer indexes for string ids, for the per-record hot loops (cohorts, funnels):
// customer columns in typed arrays are indexed by these numbers. An open-addressing hash
// table over one Int32Array instead of a `Map`: as fast on a million events, and its table
// lives outside the JavaScript heap, so indexing millions of events does not grow the old
// generation by tens of megabytes a call (which, with a large input held in memory, makes
// the garbage collector re-mark the whole input). Any string is a valid key (`__proto__`,
// `constructor`, the empty string).
//
// Short ids are also kept packed: up to 10 characters of [0-9A-Za-z_-] at 6 bits each, with
// the length, in two ints per id of a dense array beside the table. Two such ids are equal
// exactly when their packed forms are, so a lookup of one is answered without reading the
// stored string, which for ids that are fresh strings in each record (CSV parsers, most
// generators) is a read from anywhere in the heap: about a third of the time of a cohort
// table over a million events. Other ids (longer, other characters, the empty string) pack to
// 0 and 0 and are compared as strings. (Packed forms inside the slots were as fast for fresh
// strings but made the table twice as large, which cost more than they saved when the
// records share their id strings.)

const EMPTY = -1;
/** Longest id that packs. */
const PACKED_LENGTH = 10;
/** 6-bit code of a character that packs (`0-9`, `A-Z`, `a-z`, `_`, `-`), or 64. */
const CODES = /* @__PURE__ */ (() => {
  const codes = new Uint8Array(128).fill(64);
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";
  for (let v = 0; v < alphabet.length; v++) codes[alphabet.charCodeAt(v)] = v;
  return codes;
})();

/**
 * Half of the packed form of `id`: its characters `from` to `from + 4` at 6 bits each, and in
 * the top two bits two bits of its length (the low two for `from` 0, the high two for 5), so
 * that no packed form is 0 and 0; NaN when these characters do not pack (an empty id, one
 * longer than 10 characters, a character outside `[0-9A-Za-z_-]`). @internal
 */
export function packHalf(id: string, from: 0 | 5): number {
  const n = id.length;
  if (n === 0 || n > PACKED_LENGTH) return Number.NaN;
  let v = 0;
  for (let i = from; i < n && i < from + 5; i++) {
    const c = id.charCodeAt(i);
    const code = c < 128 ? CODES[c]! : 64;
    if (code === 64) return Number.NaN;
    v |= code << (6 * (i - from));
  }
  return v | ((from === 0 ? n & 3 : n >> 2) << 30);
}

/** Maps each distinct id to 0, 1, 2, ... in order of first appearance. @internal */
export class DenseIdIndex {
  /** The ids, by index. */
  readonly ids: string[] = [];
  /** Two ints a slot: the id's index (or EMPTY) and its hash. */
  private slots: Int32Array = new Int32Array(2 * 1024).fill(EMPTY);
  private mask = 1023;
  /** Two ints an id, by index: its packed form (0 and 0 when it does not pack). */
  private packed: Int32Array = new Int32Array(2 * 1024);
  /** The packed form of the id hashed last (0 and 0 when it does not pack). */
  private lo = 0;
  private hi = 0;

  /** Number of distinct ids. */
  get size(): number {
    return this.ids.length;
  }

  /** Index of `id`, adding it when new. */
  intern(id: string): number {
    const h = this.hash(id);
    const s = this.probe(id, h);
    const found = this.slots[2 * s]!;
    if (found !== EMPTY) return found;
    const k = this.ids.length;
    this.ids.push(id);
    this.slots[2 * s] = k;
    this.slots[2 * s + 1] = h;
    if (2 * k + 2 > this.packed.length) {
      const packed = new Int32Array(2 * this.packed.length);
      packed.set(this.packed);
      this.packed = packed;
    }
    this.packed[2 * k] = this.lo;
    this.packed[2 * k + 1] = this.hi;
    if ((k + 1) * 2 > this.mask) this.rehash();
    return k;
  }

  /** Index of `id`, or -1 when it was never added. */
  get(id: string): number {
    return this.slots[2 * this.probe(id, this.hash(id))]!;
  }

  /** The slot of `id` (hash `h`, packed form in `lo`, `hi`), or the empty slot where it would go. */
  private probe(id: string, h: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const lo = this.lo;
    const hi = this.hi;
    const packs = (lo | hi) !== 0;
    let s = h & mask;
    for (;;) {
      const k = slots[2 * s]!;
      if (k === EMPTY) return s;
      if (slots[2 * s + 1] === h) {
        const plo = this.packed[2 * k]!;
        const phi = this.packed[2 * k + 1]!;
        if (packs ? plo === lo && phi === hi : (plo | phi) === 0 && this.ids[k] === id) return s;
      }
      s = (s + 1) & mask;
    }
  }

  /** FNV-1a over the UTF-16 code units, then murmur3's finaliser (non-negative); sets `lo` and `hi`. */
  private hash(id: string): number {
    const lo = packHalf(id, 0);
    const hi = lo === lo ? packHalf(id, 5) : Number.NaN;
    this.lo = hi === hi ? lo : 0;
    this.hi = hi === hi ? hi : 0;
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16_777_619);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) & 0x7fffffff;
  }

  private rehash(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(2 * size).fill(EMPTY);
    const mask = size - 1;
    for (let j = 0; j < old.length; j += 2) {
      const k = old[j]!;
      if (k === EMPTY) continue;
      let s = old[j + 1]! & mask;
      while (slots[2 * s] !== EMPTY) s = (s + 1) & mask;
      slots[2 * s] = k;
      slots[2 * s + 1] = old[j + 1]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
