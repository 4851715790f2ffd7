import { type CollectorFault, startFakeEcsMetadata, startOtlpReceiver } from "@logtrace/testkit";
import { fromReceivedSpan, type SpanRecord } from "./spans.js";
import { exampleAppContainer, taskEnvironment, taskMetadataFixture } from "./task-definition.js";

/** How an example is traced: the Node flags and environment to start it with, and its spans. */
export interface TracingSetup {
  nodeArgs: string[];
  env: Record<string, string>;
  /** Spans the example has exported so far. */
  spans(): SpanRecord[];
  /** Requests the example made to the metadata endpoint ("" for the container, "/task"). */
  metadataRequests(): string[];
  close(): Promise<void>;
}

export interface TracingSetupOptions {
  /** Replaces the task definition's OTEL_SERVICE_NAME. */
  serviceName?: string;
  /** How the collector in the receiver's place misbehaves; healthy when absent. */
  collectorFault?: CollectorFault;
}

/**
 * The example as in its ECS container, on loopback: `--import @logtrace/bootstrap`, the app
 * container's environment from the example task definition, a fake task metadata endpoint, and an
 * OTLP receiver in the collector's place.
 */
export async function startTracingSetup(options: TracingSetupOptions = {}): Promise<TracingSetup> {
  const app = exampleAppContainer();
  const metadata = await startFakeEcsMetadata({ fixture: taskMetadataFixture(app) });
  const receiver = await startOtlpReceiver(
    options.collectorFault ? { fault: options.collectorFault } : {},
  );
  const { PORT: _port, ...environment } = taskEnvironment(app);
  return {
    nodeArgs: ["--import", "@logtrace/bootstrap"],
    env: {
      ...environment,
      ...(options.serviceName ? { OTEL_SERVICE_NAME: options.serviceName } : {}),
      ...metadata.env,
      ...receiver.env,
    },
    spans: () => receiver.spans().map(fromReceivedSpan),
    metadataRequests: () => metadata.requests(),
    close: async () => {
      await receiver.close();
      await metadata.close();
    },
  };
}
