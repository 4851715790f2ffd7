import type { Resolution } from "../resolver/resolve.js";
import { RESOLVED_MARKER } from "./once-per-process.js";
import type { Report } from "./report.js";

/** Writes the resolution into this process's environment (inherited by child processes). */
export function applyResolution(resolution: Resolution, report: Report): void {
  if (resolution.otelResourceAttributes !== undefined) {
    process.env.OTEL_RESOURCE_ATTRIBUTES = resolution.otelResourceAttributes;
  }
  process.env[RESOLVED_MARKER] = resolution.source;
  for (const diagnostic of resolution.diagnostics) report(diagnostic);
}
