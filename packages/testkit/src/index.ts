export {
  type BenchCase,
  type BenchOptions,
  type BenchResult,
  ByteCountingSink,
  formatBenchTable,
  meetsTargets,
  runBench,
} from "./bench.js";
export { countKey, LogCapture } from "./log-capture.js";
export { startTracing, type Tracing } from "./tracing.js";
