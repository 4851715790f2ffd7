export { countKey, LogCapture } from "./log-capture.js";
export { startTracing, type Tracing } from "./tracing.js";
