/**
 * The fields of the ECS task metadata endpoint v4 that we read, checked field by field: the
 * endpoint is trusted but its shape changes across platform versions (newer Fargate containers
 * carry no `LogDriver` at all), so a field of the wrong type is treated as absent and named,
 * never trusted and never fatal.
 */

/** `GET ${ECS_CONTAINER_METADATA_URI_V4}`: this container. */
export interface ContainerMetadata {
  name?: string;
  dockerId?: string;
  containerArn?: string;
  logDriver?: string;
  logOptions?: Record<string, string>;
  labels: Record<string, string>;
}

/** `GET ${ECS_CONTAINER_METADATA_URI_V4}/task`: the task (we never read its other containers). */
export interface TaskMetadata {
  cluster?: string;
  taskArn?: string;
  family?: string;
  revision?: string;
  availabilityZone?: string;
  launchType?: string;
}

export interface Checked<T> {
  value: T;
  /** Fields that were present with the wrong type, e.g. `LogOptions (number)`. */
  wrongTypes: string[];
}

type Json = Record<string, unknown>;

export function isJsonObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
}

export class FieldReader {
  readonly wrongTypes: string[] = [];
  constructor(private readonly json: Json) {}

  string(field: string, options: { numberToo?: boolean } = {}): string | undefined {
    const value = this.json[field];
    if (value === undefined) return undefined;
    if (options.numberToo && typeof value === "number" && Number.isFinite(value)) {
      return String(value);
    }
    if (typeof value === "string" && value !== "") return value;
    if (typeof value !== "string") this.wrongTypes.push(`${field} (${describe(value)})`);
    return undefined;
  }

  stringMap(field: string): Record<string, string> | undefined {
    const value = this.json[field];
    if (value === undefined) return undefined;
    if (!isJsonObject(value)) {
      this.wrongTypes.push(`${field} (${describe(value)})`);
      return undefined;
    }
    const map: Record<string, string> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (typeof entry === "string") map[key] = entry;
      else this.wrongTypes.push(`${field}.${key} (${describe(entry)})`);
    }
    return map;
  }
}

export function readContainerMetadata(json: Json): Checked<ContainerMetadata> {
  const read = new FieldReader(json);
  const value: ContainerMetadata = {
    name: read.string("Name"),
    dockerId: read.string("DockerId"),
    containerArn: read.string("ContainerARN"),
    logDriver: read.string("LogDriver"),
    logOptions: read.stringMap("LogOptions"),
    labels: read.stringMap("Labels") ?? {},
  };
  return { value, wrongTypes: read.wrongTypes };
}

export function readTaskMetadata(json: Json): Checked<TaskMetadata> {
  const read = new FieldReader(json);
  const value: TaskMetadata = {
    cluster: read.string("Cluster"),
    taskArn: read.string("TaskARN"),
    family: read.string("Family"),
    // A string in the docs; a number would mean the same thing.
    revision: read.string("Revision", { numberToo: true }),
    availabilityZone: read.string("AvailabilityZone"),
    launchType: read.string("LaunchType"),
  };
  return { value, wrongTypes: read.wrongTypes };
}

/** Docker labels that ECS puts on every container; they spare us the task response. */
export const ECS_LABELS = {
  cluster: "com.amazonaws.ecs.cluster",
  taskArn: "com.amazonaws.ecs.task-arn",
  family: "com.amazonaws.ecs.task-definition-family",
  revision: "com.amazonaws.ecs.task-definition-version",
} as const;
