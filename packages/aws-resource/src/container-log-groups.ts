import { clusterShortName, taskIdOf } from "./arn.js";
import type { ContainerMetadata } from "./ecs-metadata.js";

/** What ECS knows about the task, for FireLens templates. */
export interface TaskIdentity {
  cluster?: string;
  taskArn?: string;
}

export interface ContainerLogGroups {
  /** The groups this container's own log driver writes to (zero or one today). */
  names: string[];
  /** The region of the destination when the driver names one (`awslogs-region`, `region`). */
  region?: string;
  /** Why there is no group, and what to set instead; undefined when a group was found. */
  missing?: string;
}

/** CloudWatch Logs group names: `[.\-_/#A-Za-z0-9]+`, at most 512 characters. */
export const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/u;

const SET_INSTEAD = "set LOGTRACE_LOG_GROUP_NAMES to the group name(s)";
// The FireLens CloudWatch output: `cloudwatch` (Go plugin) or `cloudwatch_logs` (C plugin).
const FIRELENS_CLOUDWATCH_OUTPUTS = new Set(["cloudwatch", "cloudwatch_logs"]);
const TEMPLATE = /\$\(([^)]*)\)/gu;

/** The log groups of THIS container only, from its own `LogDriver`/`LogOptions`. */
export function containerLogGroups(
  container: ContainerMetadata,
  task: TaskIdentity,
): ContainerLogGroups {
  const driver = container.logDriver;
  const options = container.logOptions ?? {};
  if (driver === undefined) {
    return {
      names: [],
      missing: `the metadata names no log driver for this container; ${SET_INSTEAD}`,
    };
  }
  if (driver === "awslogs") {
    const group = options["awslogs-group"];
    if (!group) return { names: [], missing: `awslogs without awslogs-group; ${SET_INSTEAD}` };
    return checked(group, options["awslogs-region"]);
  }
  if (driver === "awsfirelens") return firelensLogGroups(options, task);
  return {
    names: [],
    missing: `log driver "${driver}" does not write to CloudWatch Logs by itself; ${SET_INSTEAD} if your logs reach one`,
  };
}

function firelensLogGroups(
  options: Record<string, string>,
  task: TaskIdentity,
): ContainerLogGroups {
  const output = options.Name;
  if (output === undefined) {
    return {
      names: [],
      missing: `FireLens with a custom Fluent Bit configuration: the destination is not in the metadata; ${SET_INSTEAD}`,
    };
  }
  if (!FIRELENS_CLOUDWATCH_OUTPUTS.has(output.toLowerCase())) {
    return {
      names: [],
      missing: `FireLens output "${output}" is not CloudWatch Logs; ${SET_INSTEAD} if a copy of the logs reaches one`,
    };
  }
  if (options.log_group_template) {
    return {
      names: [],
      missing: `FireLens log_group_template is evaluated per record by Fluent Bit; ${SET_INSTEAD}`,
    };
  }
  const template = options.log_group_name;
  if (!template) {
    return {
      names: [],
      missing: `FireLens ${output} output without log_group_name; ${SET_INSTEAD}`,
    };
  }
  const resolved = resolveFirelensTemplate(template, task);
  if ("unresolved" in resolved) {
    return {
      names: [],
      missing: `FireLens log_group_name "${template}" uses ${resolved.unresolved}, which only Fluent Bit knows; ${SET_INSTEAD}`,
    };
  }
  return checked(resolved.name, options.region);
}

/**
 * Resolves the `$(ecs_cluster)`, `$(ecs_task_id)` and `$(ecs_task_arn)` templates the way the
 * AWS for Fluent Bit image does; `$(ecs_cluster)` is the short cluster name even where ECS
 * reports the cluster as an ARN (Fargate). Anything else (`$(uuid)`, `$(tag)`, …) is unknown here.
 */
export function resolveFirelensTemplate(
  template: string,
  task: TaskIdentity,
): { name: string } | { unresolved: string } {
  const values: Record<string, string | undefined> = {
    ecs_cluster: task.cluster === undefined ? undefined : clusterShortName(task.cluster),
    ecs_task_id: task.taskArn === undefined ? undefined : taskIdOf(task.taskArn),
    ecs_task_arn: task.taskArn,
  };
  let unresolved: string | undefined;
  const name = template.replace(TEMPLATE, (whole, variable: string) => {
    const value = values[variable];
    if (value === undefined) unresolved ??= whole;
    return value ?? whole;
  });
  return unresolved === undefined ? { name } : { unresolved };
}

function checked(name: string, region: string | undefined): ContainerLogGroups {
  if (!LOG_GROUP_NAME.test(name)) {
    return {
      names: [],
      missing: `"${name}" is not a valid CloudWatch Logs group name; ${SET_INSTEAD}`,
    };
  }
  return { names: [name], region };
}
