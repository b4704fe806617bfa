// Shared timing for the bench scripts: warm-up runs, then the median wall and CPU time of
// several runs (CPU time is the steadier figure on a shared, loaded machine).

/** Median of numbers (the mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median wall and CPU seconds of a run. */
export interface Measured {
  readonly wall: number;
  readonly cpu: number;
}

/** Runs `run` `warmups` times, then `runs` times, and returns the medians in seconds. */
export async function measure(run: () => unknown, runs = 5, warmups = 1): Promise<Measured> {
  for (let i = 0; i < warmups; i++) await run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await run();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  return { wall: median(wall), cpu: median(cpu) };
}
