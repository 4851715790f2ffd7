import { spawn, spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";

// Wall-clock ratios on a shared machine move by several hundredths between runs, as much as the
// targets they check. Instructions counted by valgrind's callgrind move far less. Each case runs
// in a child process of its own (the bench script again), warms up, then runs its counted
// operations inside a call of a builtin nothing else in these benchmarks calls
// (Array.prototype.reduceRight); callgrind counts only while that call is under way
// (--collect-atstart=no --toggle-collect), so start-up, set-up, warm-up and exit are left out.
//
// V8's --predictable or --single-threaded would make the counts steadier still, but they change
// the code V8 generates (a load from globalThis, a few instructions normally, costs about 180 with
// either: compiling on the main thread). Only the garbage collector's time-based heuristics are
// turned off (--predictable-gc-schedule, --no-memory-reducer), which leaves the code as it is and
// brings repeated counts of a case within about 1% of each other (0.3% for pino). Valgrind runs
// one thread at a time; --fair-sched lets V8's compiler threads have their turn, so the counted
// operations run the same optimized code as outside valgrind.

/** Set in the child: which case to run, and how often. */
export const INSTRUCTION_CHILD_ENV = "LOGTRACE_BENCH_INSTRUCTIONS_OF";
const WINDOW_BUILTIN = "Builtins_ArrayReduceRight";

export interface InstructionChildTask {
  readonly table: number;
  readonly name: string;
  readonly ops: number;
}

/** The task of this process, when it is a child started by countInstructions. */
export function instructionChildTask(): InstructionChildTask | undefined {
  const raw = process.env[INSTRUCTION_CHILD_ENV];
  return raw ? (JSON.parse(raw) as InstructionChildTask) : undefined;
}

/** Runs `fn` where a counting child's callgrind counts (and only there). */
export function countedWindow(fn: () => void): void {
  [0].reduceRight((calls: number) => {
    fn();
    return calls + 1;
  }, 0);
}

/** Why instructions cannot be counted here, or undefined when they can. */
export function instructionCountUnavailable(): string | undefined {
  if (process.env.BENCH_INSTRUCTIONS === "0") return "BENCH_INSTRUCTIONS=0";
  const probe = spawnSync("valgrind", ["--version"], { encoding: "utf8" });
  return probe.status === 0 ? undefined : "valgrind is not installed";
}

/** The total callgrind reports ("Collected : N") in a valgrind run's stderr. */
export function collectedInstructions(stderr: string): number {
  const match = /Collected\s*:\s*(\d+)/.exec(stderr);
  if (!match) throw new Error(`no instruction total in valgrind's output:\n${stderr.slice(-2000)}`);
  return Number(match[1]);
}

function countRun(script: string, task: InstructionChildTask): Promise<number> {
  const args = [
    "--tool=callgrind",
    "--callgrind-out-file=/dev/null",
    "--fair-sched=yes",
    "--collect-atstart=no",
    `--toggle-collect=${WINDOW_BUILTIN}`,
    process.execPath,
    "--predictable-gc-schedule",
    "--no-memory-reducer",
    script,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("valgrind", args, {
      env: { ...process.env, [INSTRUCTION_CHILD_ENV]: JSON.stringify(task) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(new Error(`${task.name}: valgrind run exited ${code}:\n${stderr.slice(-2000)}`));
        return;
      }
      try {
        resolve(collectedInstructions(stderr));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Runs tasks with at most `limit` under way at once, keeping their order in the result. */
async function inParallel<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const at = next++;
      results[at] = await (tasks[at] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/**
 * Instructions per operation of each named case of one bench table, counted in child processes
 * running `script` (the bench script itself) under callgrind.
 */
export async function countInstructions(
  script: string,
  table: number,
  names: readonly string[],
  ops: number,
): Promise<Map<string, number>> {
  const runs = names.map((name) => () => countRun(script, { table, name, ops }));
  const totals = await inParallel(runs, Math.max(1, availableParallelism()));
  return new Map(names.map((name, i) => [name, (totals[i] as number) / ops]));
}
