// A small, honest micro-benchmark runner shared by every adapter's `pnpm bench`: cases are run
// interleaved in rounds, so machine noise hits all of them alike. A ratio is the median of the
// per-round ratios: a slow spell of the (shared) machine then moves both sides of a ratio
// together instead of landing on one case's median only.

export interface BenchCase {
  /** Row label. */
  readonly name: string;
  /** Performs one operation (one log call). */
  readonly op: (i: number) => void;
  /** Wraps a whole timed batch, e.g. to run it inside an active span. */
  readonly around?: <T>(batch: () => T) => T;
}

export interface BenchResult {
  readonly name: string;
  /** Median nanoseconds per operation over the rounds. */
  readonly nsPerOp: number;
  /** Nanoseconds per operation of each round, in round order. */
  readonly rounds: readonly number[];
}

export interface BenchOptions {
  /** Operations per case per round. */
  readonly iterations?: number;
  readonly rounds?: number;
  /** Untimed operations per case before the first round, to let the JIT settle. */
  readonly warmup?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

function timeBatch(benchCase: BenchCase, iterations: number): number {
  // With --expose-gc, start every batch on a clean heap, so no case pays for garbage another
  // case left behind.
  collectGarbage?.();
  const batch = () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) benchCase.op(i);
    return Number(process.hrtime.bigint() - start) / iterations;
  };
  return benchCase.around ? benchCase.around(batch) : batch();
}

/** Runs the cases interleaved and returns the median ns/op of each. */
export function runBench(cases: readonly BenchCase[], options: BenchOptions = {}): BenchResult[] {
  const { iterations = 50_000, rounds = 15, warmup = 20_000 } = options;
  for (const benchCase of cases) timeBatch(benchCase, warmup);
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  let seed = 0x2545f491;
  const random = () => {
    // xorshift32: a fixed sequence, so runs are comparable.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  for (let round = 0; round < rounds; round++) {
    // A new order each round, so no case always runs right after the same other case.
    const order = [...cases];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as BenchCase, order[i] as BenchCase];
    }
    for (const benchCase of order)
      samples.get(benchCase.name)?.push(timeBatch(benchCase, iterations));
  }
  return cases.map((c) => {
    const perRound = samples.get(c.name) ?? [];
    return { name: c.name, nsPerOp: median(perRound), rounds: perRound };
  });
}

/** The median over rounds of `row / baseline`, each pair timed in the same round. */
export function benchRatio(row: BenchResult, baseline: BenchResult): number {
  const ratios = row.rounds.map((ns, round) => ns / (baseline.rounds[round] as number));
  return ratios.length > 0 ? median(ratios) : row.nsPerOp / baseline.nsPerOp;
}

function findRow(results: readonly BenchResult[], name: string): BenchResult {
  const row = results.find((r) => r.name === name);
  if (!row) throw new Error(`no bench row named ${name}`);
  return row;
}

/**
 * A Markdown table of ns/op (or another unit) and the ratio to the baseline row, with targets
 * checked.
 */
export function formatBenchTable(
  results: readonly BenchResult[],
  baseline: string,
  targets: Readonly<Record<string, number>> = {},
  unit = "ns/log",
): string {
  const base = findRow(results, baseline);
  const rows = results.map((r) => {
    const ratio = benchRatio(r, base);
    const target = targets[r.name];
    const verdict =
      target === undefined ? "" : ratio <= target ? `≤ ${target}× ✓` : `≤ ${target}× ✗`;
    return `| ${r.name} | ${r.nsPerOp.toFixed(0)} | ${ratio.toFixed(2)}× | ${verdict} |`;
  });
  return [`| case | ${unit} | vs plain | target |`, "|---|---:|---:|---|", ...rows].join("\n");
}

/** True when every targeted row meets its target. */
export function meetsTargets(
  results: readonly BenchResult[],
  baseline: string,
  targets: Readonly<Record<string, number>>,
): boolean {
  const base = findRow(results, baseline);
  return Object.entries(targets).every(
    ([name, target]) => benchRatio(findRow(results, name), base) <= target,
  );
}

/** An in-memory destination that still pays for turning each line into bytes, like a real sink. */
export class ByteCountingSink {
  bytes = 0;
  lines = 0;
  write(chunk: string | Uint8Array): boolean {
    this.bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
    this.lines++;
    return true;
  }
}
