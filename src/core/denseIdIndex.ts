// Dense integer indexes for string ids, for the per-record hot loops (cohorts, funnels):
// customer columns in typed arrays are indexed by these numbers. A `Map` keeps any
// string a valid key (`__proto__`, `constructor`); measured against an open-addressing
// table over typed arrays on a million events it was as fast, so it stays the simple one.

/** Maps each distinct id to 0, 1, 2, ... in order of first appearance. @internal */
export class DenseIdIndex {
  /** The ids, by index. */
  readonly ids: string[] = [];
  private readonly map = new Map<string, number>();

  /** Number of distinct ids. */
  get size(): number {
    return this.ids.length;
  }

  /** Index of `id`, adding it when new. */
  intern(id: string): number {
    let k = this.map.get(id);
    if (k === undefined) {
      k = this.ids.length;
      this.ids.push(id);
      this.map.set(id, k);
    }
    return k;
  }

  /** Index of `id`, or -1 when it was never added. */
  get(id: string): number {
    return this.map.get(id) ?? -1;
  }
}
