export {
  type CorrelateInput,
  type CorrelationReport,
  correlate,
  describeProblems,
  type LineReader,
  type RequestTrace,
} from "./correlation.js";
export {
  DEMO_ROUTES,
  type DemoLogLine,
  type DemoResult,
  type DemoSpan,
  type DemoTrace,
  runDemo,
} from "./demo.js";
export { renderDemo } from "./demo-view.js";
export { exampleDir } from "./example-dir.js";
export {
  type ExampleProcess,
  type LogRecord,
  messageOf,
  type StartExampleOptions,
  startExample,
} from "./example-process.js";
export {
  EXAMPLE_PATHS,
  EXAMPLE_ROUTES,
  type ExamplePath,
  type ExpectedMessages,
  exampleRouteProblems,
  requestIdField,
  runExampleRoutes,
} from "./example-routes.js";
export { EXPRESS_PINO_LOAD_PATHS, expressPinoDir, pinoHttpLines } from "./express-pino.js";
export {
  invokeLambda,
  type LambdaFunction,
  type LambdaInvocation,
  type LambdaRun,
  type LambdaSpan,
} from "./lambda-invoke.js";
export { type LoadTestOptions, type LoadTestResult, runLoadTest } from "./load-test.js";
export {
  runSoak,
  SOAK_COLLECTORS,
  type SoakCollector,
  type SoakOptions,
  type SoakResult,
} from "./soak.js";
export { fromReceivedSpan, type SpanKindName, type SpanRecord } from "./spans.js";
export { exampleAppContainer, taskEnvironment, taskMetadataFixture } from "./task-definition.js";
export {
  type Propagation,
  runConcurrently,
  type SendOptions,
  type SentRequest,
  sendTraced,
} from "./traced-request.js";
export { type TracedRun, type TracedRunOptions, tracedRun } from "./traced-run.js";
export { startTracingSetup, type TracingSetup, type TracingSetupOptions } from "./tracing-setup.js";
