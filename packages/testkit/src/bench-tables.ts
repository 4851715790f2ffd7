import {
  type BenchCase,
  type BenchOptions,
  type BenchResult,
  formatBenchTable,
  meetsTargets,
  runBench,
} from "./bench.js";
import { benchContext, writeBenchSection } from "./bench-doc.js";
import {
  countedWindow,
  countInstructions,
  instructionChildTask,
  instructionCountUnavailable,
} from "./instruction-count.js";

// A counted child runs its case in short chunks, each its own call: the loop function is then
// optimized as a whole after the first chunks, whereas one long loop is entered unoptimized and
// replaced on the stack part way through, which would put tier-up work inside the counted window.
const CHUNK = 1_000;
const CHILD_WARMUP = 50_000;
/** Operations each counting child runs after its warm-up. */
const COUNTED_OPS = 40_000;

function runInChunks(benchCase: BenchCase, ops: number): void {
  for (let done = 0; done < ops; done += CHUNK) {
    const count = Math.min(CHUNK, ops - done);
    const chunk = () => {
      for (let i = 0; i < count; i++) benchCase.op(done + i);
    };
    if (benchCase.around) benchCase.around(chunk);
    else chunk();
  }
}

/** One table of a bench script: cases timed together, with ratios to one of them. */
export interface BenchTable {
  /** Printed above the table: the logger's version and the set-up. */
  readonly title: string;
  readonly cases: readonly BenchCase[];
  /** The case the ratios are taken against. */
  readonly baseline: string;
  /** Highest ratio allowed, by case name. */
  readonly targets?: Readonly<Record<string, number>>;
  readonly options?: BenchOptions;
}

/**
 * What every `pnpm bench` script does with its tables. Each is timed (wall clock, interleaved
 * rounds, see runBench) and printed; then each case's instructions per operation are counted
 * under callgrind (see instruction-count.ts) and printed as a second table of the same ratios.
 * The counted ratios are the verdict: they are the same on every run, while wall-clock ratios on a
 * shared machine move by as much as the targets are wide. Without valgrind (or with
 * BENCH_INSTRUCTIONS=0) the wall-clock ratios decide. A missed target sets exit code 1.
 *
 * The children run this bench script again (process.argv[1]); in such a child, this runs its
 * one case and ends the process.
 */
export async function runBenchTables(
  tables: readonly BenchTable[],
  section: { name: string; versions: Readonly<Record<string, string>> },
): Promise<void> {
  const task = instructionChildTask();
  if (task) {
    const table = tables[task.table];
    const benchCase = table?.cases.find((c) => c.name === task.name);
    if (!table || !benchCase) throw new Error(`no bench case ${task.table}/${task.name}`);
    runInChunks(benchCase, CHILD_WARMUP);
    countedWindow(() => runInChunks(benchCase, task.ops));
    process.exit(0);
  }

  const script = process.argv[1] as string;
  const wallMet: boolean[] = [];
  const doc: string[] = [benchContext(section.versions), ""];
  const print = (text: string) => {
    console.log(text);
    doc.push(text);
  };
  print("Wall clock, ns per log (interleaved rounds, medians):\n");
  for (const table of tables) {
    const results = runBench(table.cases, table.options);
    print(`${table.title}\n`);
    print(formatBenchTable(results, table.baseline, table.targets));
    print("");
    wallMet.push(meetsTargets(results, table.baseline, table.targets ?? {}));
  }

  const unavailable = instructionCountUnavailable();
  if (unavailable) {
    print(`Instructions not counted (${unavailable}); the wall-clock ratios decide.`);
    writeBenchSection(section.name, doc.join("\n"));
    if (wallMet.includes(false)) {
      console.log("A target was missed on this run (a busy machine skews wall-clock ratios).");
      process.exitCode = 1;
    }
    return;
  }

  print(
    `Instructions per log, counted by valgrind's callgrind (${COUNTED_OPS} operations after warm-up, each` +
      " case in its own process; repeated runs agree to within about 1%):\n",
  );
  let countedMet = true;
  for (const [index, table] of tables.entries()) {
    const names = table.cases.map((c) => c.name);
    const perOp = await countInstructions(script, index, names, COUNTED_OPS);
    const results: BenchResult[] = names.map((name) => {
      const count = perOp.get(name) as number;
      return { name, nsPerOp: count, rounds: [count] };
    });
    print(`${table.title}\n`);
    print(formatBenchTable(results, table.baseline, table.targets, "instructions/log"));
    print("");
    countedMet &&= meetsTargets(results, table.baseline, table.targets ?? {});
  }
  writeBenchSection(section.name, doc.join("\n"));
  if (!countedMet) {
    console.log("A target was missed (counted instructions).");
    process.exitCode = 1;
  } else if (wallMet.includes(false)) {
    console.log(
      "Every target is met in counted instructions; a wall-clock ratio missed one on this run" +
        " (a busy machine skews them).",
    );
  }
}
