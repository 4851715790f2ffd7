/** Any version's OTEL_RESOURCE_ATTRIBUTES detector (`resourceAttributesEnvDetector`, `envDetector`). */
export interface EnvResourceDetector {
  detect(): { attributes?: Record<string, unknown> };
}

/**
 * What a real @opentelemetry/resources detector makes of an OTEL_RESOURCE_ATTRIBUTES value: the
 * oracle for every test of a value we parse or produce. The variable is restored afterwards.
 */
export function sdkReads(detector: EnvResourceDetector, value: string): Record<string, unknown> {
  const saved = process.env.OTEL_RESOURCE_ATTRIBUTES;
  process.env.OTEL_RESOURCE_ATTRIBUTES = value;
  try {
    return detector.detect().attributes ?? {};
  } finally {
    if (saved === undefined) delete process.env.OTEL_RESOURCE_ATTRIBUTES;
    else process.env.OTEL_RESOURCE_ATTRIBUTES = saved;
  }
}
