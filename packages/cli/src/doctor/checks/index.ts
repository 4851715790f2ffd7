import type { CheckDefinition } from "../types.js";
import { collectorConfigCheck } from "./collector-config.js";
import { ecsMetadataCheck } from "./ecs-metadata.js";
import { instrumentationsCheck } from "./instrumentations.js";
import { loggerAdaptersCheck } from "./logger-adapters.js";
import { loggerRangesCheck } from "./logger-ranges.js";
import { moduleSystemCheck } from "./module-system.js";
import { otelApiCopiesCheck } from "./otel-api-copies.js";
import { otlpEndpointCheck } from "./otlp-endpoint.js";
import { platformCheck } from "./platform.js";
import { resourceAttributesCheck } from "./resource-attributes.js";

/** Every doctor check, in the order they run and are numbered. */
export const CHECKS: readonly CheckDefinition[] = [
  loggerRangesCheck,
  loggerAdaptersCheck,
  otelApiCopiesCheck,
  resourceAttributesCheck,
  ecsMetadataCheck,
  collectorConfigCheck,
  moduleSystemCheck,
  instrumentationsCheck,
  otlpEndpointCheck,
  platformCheck,
];
