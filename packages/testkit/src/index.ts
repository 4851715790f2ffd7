export { type EcsFixture, type EcsFixtureName, ecsFixtures } from "./ecs-fixtures/index.js";
export {
  ECS_METADATA_FAULTS,
  type EcsMetadataFault,
  type FakeEcsMetadata,
  type FakeEcsMetadataOptions,
  startFakeEcsMetadata,
} from "./fake-ecs-metadata.js";
export { countKey, LogCapture } from "./log-capture.js";
export {
  type AttributeMap,
  type AttributeValue,
  type OtlpReceiver,
  type ReceivedSpan,
  startOtlpReceiver,
} from "./otlp/receiver.js";
export { startTracing, type Tracing } from "./tracing.js";
