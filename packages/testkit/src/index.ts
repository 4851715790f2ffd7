export {
  type BenchCase,
  type BenchOptions,
  type BenchResult,
  ByteCountingSink,
  benchRatio,
  formatBenchTable,
  meetsTargets,
  runBench,
} from "./bench.js";
export { benchContext, writeBenchSection } from "./bench-doc.js";
export { type BenchTable, runBenchTables } from "./bench-tables.js";
export {
  type CwAgentFixtureName,
  cwAgentFixtures,
  writeCwAgentConfig,
} from "./cwagent-fixtures.js";
export { type EcsFixture, type EcsFixtureName, ecsFixtures } from "./ecs-fixtures/index.js";
export {
  ECS_METADATA_FAULTS,
  type EcsMetadataFault,
  type FakeEcsMetadata,
  type FakeEcsMetadataOptions,
  startFakeEcsMetadata,
} from "./fake-ecs-metadata.js";
export {
  type FakeImds,
  type FakeImdsOptions,
  IMDS_FAULTS,
  IMDS_INSTANCES,
  type ImdsFault,
  type ImdsInstance,
  startFakeImds,
} from "./fake-imds.js";
export { freshCopy } from "./fresh-copy.js";
export {
  type GlobalCorruption,
  globalCorruptions,
  OTEL_API_REGISTRY,
  throwingSpan,
  withCorruptedGlobal,
} from "./hostile-globals.js";
export { type InstalledAlias, installedAliases } from "./installed-aliases.js";
export { LOCALHOST_TLS } from "./localhost-tls.js";
export { countKey, LogCapture } from "./log-capture.js";
export {
  type AppRun,
  type ModuleSystemOptions,
  type ModuleSystemRun,
  moduleSystemRuns,
} from "./module-systems.js";
export {
  type AttributeMap,
  type AttributeValue,
  type CollectorFault,
  type OtlpReceiver,
  type OtlpReceiverOptions,
  type ReceivedSpan,
  startOtlpReceiver,
} from "./otlp/receiver.js";
export { decodeTraceRequestProtobuf } from "./otlp/trace-proto.js";
export { type EnvResourceDetector, sdkReads } from "./resource-detector.js";
export { enableStockInstrumentation, type StockInstrumentation } from "./stock-instrumentation.js";
export { startTracing, type Tracing } from "./tracing.js";
