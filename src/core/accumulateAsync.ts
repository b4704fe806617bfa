import { invalidInput } from "./errors.js";

/**
 * Feeds every record of a sync or async iterable (rows from a database cursor, a CSV
 * parser, a `ReadableStream` reader) into an accumulator without holding them in memory,
 * and resolves to the accumulator.
 *
 * @param source - The records.
 * @param accumulator - Anything with an `add(record)` method, such as
 *   `createSatisfactionAccumulator(...)` or `createCustomerSummaryAccumulator(...)`.
 * @returns A promise of the same accumulator, after every record was added.
 * @throws {CrmMetricsError} `INVALID_INPUT` when `source` is not iterable; errors of `add`
 *   reject the promise.
 *
 * @example
 * async function* rows() { yield 10; yield 9; yield 3; }
 * const acc = await accumulateAsync(rows(), createSatisfactionAccumulator({ metric: "nps" }));
 * acc.result().score
 * // => 33.33
 */
export async function accumulateAsync<T, A extends { add(record: T): unknown }>(
  source: AsyncIterable<T> | Iterable<T>,
  accumulator: A,
): Promise<A> {
  const s = source as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown } | null;
  if (s === null || typeof s !== "object" || (typeof s[Symbol.asyncIterator] !== "function" && typeof s[Symbol.iterator] !== "function")) {
    invalidInput("accumulateAsync", "source", "must be an iterable or async iterable", source);
  }
  for await (const record of source) accumulator.add(record);
  return accumulator;
}
