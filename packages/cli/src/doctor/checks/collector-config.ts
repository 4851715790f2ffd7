import { readFileSync } from "node:fs";
import { isMap, parseDocument } from "yaml";
import type { CheckDefinition, Finding } from "../types.js";

type Json = unknown;

/** A component id `type[/name]` → its type, as the collector reads it. */
function componentType(id: string): string {
  return id.split("/")[0] ?? id;
}

function isRecord(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const ECS_BREAKAGE =
  "the ecs detector writes the log groups and streams of every awslogs container in the task (the app, the FireLens router, a still-running init container) into each span's resource as aws.log.group.names/arns and aws.log.stream.*; the X-Ray exporter prefers the ARNs, so Application Signals looks in the wrong groups or shows an error instead of the trace's logs";
const ECS_OVERRIDE = {
  true: " (override: true also replaces the app's own aws.log.group.names)",
  false: " (override: false does not help: the app sets only names, the detector adds the ARNs)",
};

/** Check 6: the OpenTelemetry Collector config's traces pipelines. */
export const collectorConfigCheck: CheckDefinition = {
  id: "collector-config",
  title: "OpenTelemetry Collector config (traces pipelines)",
  run(context) {
    const file = context.collectorConfig;
    if (file === null) {
      return [{ status: "skip", message: "no --collector-config given" }];
    }
    const document = parseDocument(readFileSync(file, "utf8"), { merge: true });
    if (document.errors.length > 0) {
      // With prettyErrors (the default) the first line reads "<what> at line L, column C:".
      const first = document.errors[0]?.message.split("\n")[0]?.replace(/:$/, "");
      return [
        {
          status: "fail",
          message: `${file} is not valid YAML: ${first}; the collector will not start`,
          fix: "fix the YAML syntax (indentation, a missing ':' or an unclosed bracket)",
          data: { file, errors: document.errors.map((e) => e.message.split("\n")[0]) },
        },
      ];
    }
    if (!isMap(document.contents)) {
      return [
        {
          status: "fail",
          message: `${file} is not a collector config: its top level is not a mapping`,
          data: { file },
        },
      ];
    }
    const config = document.toJS() as Record<string, Json>;
    const processors = isRecord(config.processors) ? config.processors : {};
    const service = isRecord(config.service) ? config.service : {};
    const pipelines = isRecord(service.pipelines) ? service.pipelines : {};
    const traces = Object.entries(pipelines).filter(([id]) => componentType(id) === "traces");
    if (traces.length === 0) {
      return [
        {
          status: "warn",
          message: `${file} has no traces pipeline under service.pipelines: spans do not go through this collector`,
          fix: "if spans should go through it, add service.pipelines.traces with receivers, processors and exporters",
          data: { file, pipelines: Object.keys(pipelines) },
        },
      ];
    }

    const findings: Finding[] = [];
    for (const [pipeline, definition] of traces) {
      const used =
        isRecord(definition) && Array.isArray(definition.processors)
          ? definition.processors.filter((p): p is string => typeof p === "string")
          : [];
      const before = findings.length;
      for (const id of used) {
        if (!Object.hasOwn(processors, id)) {
          findings.push({
            status: "fail",
            message: `pipeline ${pipeline} uses processor ${id}, which is not defined under processors: the collector will not start`,
            fix: `define ${id} under processors (or remove it from the pipeline)`,
            data: { file, pipeline, processor: id },
          });
          continue;
        }
        if (componentType(id) !== "resourcedetection") continue;
        const settings = isRecord(processors[id]) ? (processors[id] as Record<string, Json>) : {};
        const detectors = Array.isArray(settings.detectors) ? settings.detectors.map(String) : [];
        const override = settings.override === undefined ? true : settings.override === true;
        const data = {
          file,
          pipeline,
          processor: id,
          detectors,
          override,
          overrideExplicit: settings.override !== undefined,
        };
        if (detectors.includes("ecs")) {
          findings.push({
            status: "fail",
            message: `pipeline ${pipeline} runs ${id} with detectors [${detectors.join(", ")}]: ${ECS_BREAKAGE}${ECS_OVERRIDE[`${override}`]}`,
            fix: `remove ecs from ${id}'s detectors in the traces pipeline (keep it only in a metrics pipeline if you need ecs.* there); let the app set its own aws.log.group.names (logtrace env, @logtrace/bootstrap)`,
            data,
          });
        }
        if (override) {
          findings.push({
            status: "warn",
            message: `pipeline ${pipeline}: ${id} has override: true${data.overrideExplicit ? "" : " (the default when not set)"}: what it detects replaces the app's own resource attributes (service.name, aws.log.group.names, …)`,
            fix: `set override: false on ${id}`,
            data,
          });
        }
      }
      if (!used.some((id) => componentType(id) === "batch")) {
        findings.push({
          status: "warn",
          message: `pipeline ${pipeline} has no batch processor: every export is its own request (more calls, throttling, lost spans under load)`,
          fix: `add batch to the processors of pipeline ${pipeline} (last, after filters and resource processors)`,
          data: { file, pipeline, processors: used },
        });
      }
      if (findings.length === before) {
        findings.push({
          status: "ok",
          message: `pipeline ${pipeline} [${used.join(", ")}]: no ecs resource detection, batch present`,
          data: { file, pipeline, processors: used },
        });
      }
    }
    return findings;
  },
};
