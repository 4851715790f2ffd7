import { type ContainerLogGroups, containerLogGroups } from "./container-log-groups.js";
import {
  type AwsLocation,
  type EcsFacts,
  ecsFacts,
  ecsResourceAttributes,
} from "./ecs-attributes.js";
import { readContainerMetadata, readTaskMetadata, type TaskMetadata } from "./ecs-metadata.js";
import { getJson } from "./get-json.js";
import { MESSAGES } from "./messages.js";
import type { Diagnostic } from "./types.js";

/** What the metadata said, for a doctor to show; present when the endpoint was read. */
export interface EcsMetadataReport extends EcsFacts {
  containerUrl: string;
  /** The task response is read for the availability zone and launch type; its loss is not fatal. */
  taskResponse: "ok" | "failed";
}

/** What the ECS task metadata gives, whichever rule names the groups. */
export type EcsPlatform =
  | {
      ok: true;
      name: "ECS";
      /** This container's own groups (rule 3). */
      groups: ContainerLogGroups;
      /** Where ARNs of the groups live: the log destination's region, else the task's. */
      location: AwsLocation | undefined;
      /** The usual ECS resource attributes. */
      attributes: Array<[string, string]>;
      report: EcsMetadataReport;
      logDriver: string | undefined;
      /** Fields of an unexpected type, as one sentence (empty when none). */
      wrongTypes: string;
      elapsedMs: number;
      notes: Diagnostic[];
    }
  | { ok: false; name: "ECS"; reason: string };

/** `GET ${uri}` (this container) and `GET ${uri}/task`, in parallel, bounded by the timeout. */
export async function readEcsPlatform(
  containerUrl: string,
  timeoutMs: number,
): Promise<EcsPlatform> {
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  const [containerResult, taskResult] = await Promise.all([
    getJson(containerUrl, { deadline, budgetMs: timeoutMs }),
    getJson(`${containerUrl.replace(/\/+$/u, "")}/task`, { deadline, budgetMs: timeoutMs }),
  ]);
  if (!containerResult.ok) {
    return { ok: false, name: "ECS", reason: `${containerResult.message}, ${containerUrl}` };
  }
  const container = readContainerMetadata(containerResult.json);
  const notes: Diagnostic[] = [];
  let task: TaskMetadata | undefined;
  if (taskResult.ok) {
    const checked = readTaskMetadata(taskResult.json);
    task = checked.value;
    container.wrongTypes.push(...checked.wrongTypes.map((field) => `task ${field}`));
  } else {
    notes.push(MESSAGES.ecsTaskUnreadable(taskResult.message));
  }
  const facts = ecsFacts(container.value, task);
  const groups = containerLogGroups(container.value, facts);
  const region = groups.region;
  return {
    ok: true,
    name: "ECS",
    groups,
    location: facts.location && region ? { ...facts.location, region } : facts.location,
    attributes: ecsResourceAttributes(facts),
    report: { ...facts, containerUrl, taskResponse: taskResult.ok ? "ok" : "failed" },
    logDriver: facts.logDriver,
    wrongTypes: container.wrongTypes.length > 0 ? MESSAGES.ecsWrongTypes(container.wrongTypes) : "",
    elapsedMs: Math.round(performance.now() - started),
    notes,
  };
}
