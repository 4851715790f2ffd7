import type { Resolution } from "@logtrace/aws-resource";
import type { Report } from "../report.js";
import { RESOLVED_MARKER } from "./once-per-process.js";

/**
 * Writes the resolution into this process's environment (inherited by child processes).
 * `since.readFrom` is the variable the resolution was computed from, when the app ran meanwhile:
 * if the app changed the variable since, its value stays (one line), never silently replaced.
 */
export function applyResolution(
  resolution: Resolution,
  report: Report,
  since?: { readFrom: string | undefined },
): void {
  for (const diagnostic of resolution.diagnostics) report(diagnostic);
  if (resolution.otelResourceAttributes !== undefined) {
    if (since && process.env.OTEL_RESOURCE_ATTRIBUTES !== since.readFrom) {
      report({
        level: "warn",
        message:
          "OTEL_RESOURCE_ATTRIBUTES was changed by the app while the metadata was read: left as the app set it (the SDK started here still carries our attributes)",
      });
    } else {
      process.env.OTEL_RESOURCE_ATTRIBUTES = resolution.otelResourceAttributes;
    }
  }
  process.env[RESOLVED_MARKER] = resolution.source;
}
