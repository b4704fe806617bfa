// Dense integer indexes for string ids, for the per-record hot loops (cohorts, funnels):
// customer columns in typed arrays are indexed by these numbers. An open-addressing hash
// table over one Int32Array (slot: index and hash) instead of a `Map`: as fast on a
// million events, and its table lives outside the JavaScript heap, so indexing millions
// of events does not grow the old generation by tens of megabytes a call (which, with a
// large input held in memory, makes the garbage collector re-mark the whole input). Any
// string is a valid key (`__proto__`, `constructor`, the empty string).

const EMPTY = -1;

/** Maps each distinct id to 0, 1, 2, ... in order of first appearance. @internal */
export class DenseIdIndex {
  /** The ids, by index. */
  readonly ids: string[] = [];
  /** Two ints a slot: the id's index (or EMPTY) and its hash. */
  private slots: Int32Array = new Int32Array(2 * 1024).fill(EMPTY);
  private mask = 1023;

  /** Number of distinct ids. */
  get size(): number {
    return this.ids.length;
  }

  /** Index of `id`, adding it when new. */
  intern(id: string): number {
    const h = hashId(id);
    const s = this.probe(id, h);
    const found = this.slots[2 * s]!;
    if (found !== EMPTY) return found;
    const k = this.ids.length;
    this.ids.push(id);
    this.slots[2 * s] = k;
    this.slots[2 * s + 1] = h;
    if ((k + 1) * 2 > this.mask) this.rehash();
    return k;
  }

  /** Index of `id`, or -1 when it was never added. */
  get(id: string): number {
    return this.slots[2 * this.probe(id, hashId(id))]!;
  }

  /** The slot of `id` (hash `h`), or the empty slot where it would go. */
  private probe(id: string, h: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let s = h & mask;
    for (;;) {
      const k = slots[2 * s]!;
      if (k === EMPTY || (slots[2 * s + 1] === h && this.ids[k] === id)) return s;
      s = (s + 1) & mask;
    }
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

/** FNV-1a over the UTF-16 code units, then murmur3's finaliser; non-negative. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16_777_619);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 0x7fffffff;
}
