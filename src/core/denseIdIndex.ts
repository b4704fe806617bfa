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
// 0 and 0 and are compared as strings. (Packed forms inside the slots, four ints a slot, were
// as fast for 100,000 ids and faster for 400,000, where the read of the packed form after the
// slot waits for memory: 4M lookups in 790-1,000 ms against 1,050-1,270. But the table is then
// twice as large, and in a process that holds two million records the cohort table and the
// funnel, which allocate little else, took 0.23-0.36 s a call instead of 0.15-0.24.)
//
// The packed form is computed in the same pass over the characters as the hash, and the hash
// of an id that packs is a mix of its packed form, so each id is read once (three passes
// before: 148-167 ms to intern a million shared ids, now about 94 ms).

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

/** One 32-bit block `k` mixed into the hash `h` (murmur3's body step). */
function mixBlock(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
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

  /**
   * The hash of `id` (non-negative), and its packed form in `lo` and `hi`, in one pass over its
   * characters. The packed form holds characters 0-4 in `lo` and 5-9 in `hi`, 6 bits each from
   * the lowest bits up, and two bits of the length in the top two bits of each (the low two in
   * `lo`), so that no packed form is 0 and 0; an id that does not pack (empty, longer than 10
   * characters, a character outside `[0-9A-Za-z_-]`) gets 0 and 0. The hash of an id that
   * packs mixes its packed form (murmur3's steps); of others it is FNV-1a over the UTF-16 code
   * units. Both end with murmur3's finaliser.
   */
  private hash(id: string): number {
    const n = id.length;
    let lo = 0;
    let hi = 0;
    let packs = n > 0 && n <= PACKED_LENGTH;
    for (let i = 0; packs && i < n; i++) {
      const c = id.charCodeAt(i);
      const code = c < 128 ? CODES[c]! : 64;
      if (code === 64) packs = false;
      else if (i < 5) lo |= code << (6 * i);
      else hi |= code << (6 * (i - 5));
    }
    let h: number;
    if (packs) {
      lo |= (n & 3) << 30;
      hi |= (n >> 2) << 30;
      // murmur3's mixing of two 32-bit blocks, so that no bit of one half lines up with the other
      h = mixBlock(0, lo);
      h = mixBlock(h, hi);
    } else {
      lo = 0;
      hi = 0;
      h = 0x811c9dc5;
      for (let i = 0; i < n; i++) h = Math.imul(h ^ id.charCodeAt(i), 16_777_619);
    }
    this.lo = lo;
    this.hi = hi;
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
