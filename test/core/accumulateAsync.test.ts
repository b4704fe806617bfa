import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accumulateAsync } from "../../src/core/accumulateAsync.js";
import { CrmMetricsError } from "../../src/core/errors.js";

/** An accumulator that records what it was given. */
function collector<T>(): { seen: T[]; add(record: T): void } {
  const seen: T[] = [];
  return { seen, add: (record: T) => void seen.push(record) };
}

async function rejection(promise: Promise<unknown>): Promise<CrmMetricsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CrmMetricsError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("accumulateAsync", () => {
  it("adds every record of an async iterable in order and resolves to the same accumulator", async () => {
    async function* rows(): AsyncGenerator<string> {
      yield "a";
      await Promise.resolve();
      yield "b";
      yield "c";
    }
    const acc = collector<string>();
    const out = await accumulateAsync(rows(), acc);
    expect(out).toBe(acc);
    expect(acc.seen).toEqual(["a", "b", "c"]);
  });

  it("accepts sync iterables: arrays, Sets, generators, and an empty source", async () => {
    expect((await accumulateAsync([1, 2, 3], collector<number>())).seen).toEqual([1, 2, 3]);
    expect((await accumulateAsync(new Set(["x", "y"]), collector<string>())).seen).toEqual(["x", "y"]);
    function* gen(): Generator<number> {
      yield 7;
      yield 8;
    }
    expect((await accumulateAsync(gen(), collector<number>())).seen).toEqual([7, 8]);
    expect((await accumulateAsync([], collector<number>())).seen).toEqual([]);
  });

  it("accepts an object that is only async iterable", async () => {
    const source = {
      [Symbol.asyncIterator]: async function* () {
        yield 1;
        yield 2;
      },
    };
    expect((await accumulateAsync(source, collector<number>())).seen).toEqual([1, 2]);
  });

  it("does not hold the records: each is added before the next is read", async () => {
    const log: string[] = [];
    async function* rows(): AsyncGenerator<number> {
      for (let i = 0; i < 3; i++) {
        log.push(`read ${i}`);
        yield i;
      }
    }
    await accumulateAsync(rows(), { add: (k: number) => void log.push(`add ${k}`) });
    expect(log).toEqual(["read 0", "add 0", "read 1", "add 1", "read 2", "add 2"]);
  });

  it("adds the same records in the same order from an array, a sync and an async generator (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null))), async (records) => {
        async function* asyncRows(): AsyncGenerator<unknown> {
          for (const r of records) yield r;
        }
        function* syncRows(): Generator<unknown> {
          yield* records;
        }
        expect((await accumulateAsync(records, collector())).seen).toEqual(records);
        expect((await accumulateAsync(syncRows(), collector())).seen).toEqual(records);
        expect((await accumulateAsync(asyncRows(), collector())).seen).toEqual(records);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it("rejects with INVALID_INPUT at path source when the source is not iterable", async () => {
    const cases: [unknown, string][] = [
      [null, "null"],
      [undefined, "undefined"],
      [42, "42"],
      ["abc", '"abc"'],
      [{}, "an object"],
      [{ [Symbol.iterator]: 1 }, "an object"],
      [{ [Symbol.asyncIterator]: "no" }, "an object"],
      [() => [], "function"],
    ];
    for (const [source, shown] of cases) {
      const error = await rejection(accumulateAsync(source as Iterable<unknown>, collector()));
      expect(error.code).toBe("INVALID_INPUT");
      expect(error.path).toBe("source");
      expect(error.message).toBe(`accumulateAsync: source must be an iterable or async iterable, got ${shown}`);
    }
  });

  it("rejects with the error of add and stops reading", async () => {
    let read = 0;
    function* rows(): Generator<number> {
      for (let i = 0; i < 5; i++) {
        read++;
        yield i;
      }
    }
    const failing = {
      add(k: number): void {
        if (k === 2) throw new CrmMetricsError("INVALID_INPUT", "f: input[2] must be odd, got 2", "input[2]");
      },
    };
    const error = await rejection(accumulateAsync(rows(), failing));
    expect(error.path).toBe("input[2]");
    expect(read).toBe(3);
  });

  it("rejects with the error of the source", async () => {
    async function* rows(): AsyncGenerator<number> {
      yield 1;
      throw new Error("cursor closed");
    }
    const acc = collector<number>();
    await expect(accumulateAsync(rows(), acc)).rejects.toThrow("cursor closed");
    expect(acc.seen).toEqual([1]);
  });
});
