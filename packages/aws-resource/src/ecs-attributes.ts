import { type Arn, clusterShortName, parseArn, taskIdOf } from "./arn.js";
import { type ContainerMetadata, ECS_LABELS, type TaskMetadata } from "./ecs-metadata.js";

/** Where the task runs, from its ARNs: enough to build other ARNs in the same partition. */
export interface AwsLocation {
  partition: string;
  region: string;
  account: string;
}

/** The facts read from the metadata, merged from the container response, its labels and the task. */
export interface EcsFacts {
  containerName?: string;
  dockerId?: string;
  containerArn?: string;
  logDriver?: string;
  logOptions?: Record<string, string>;
  cluster?: string;
  taskArn?: string;
  family?: string;
  revision?: string;
  availabilityZone?: string;
  launchType?: string;
  location?: AwsLocation;
}

export function ecsFacts(container: ContainerMetadata, task: TaskMetadata | undefined): EcsFacts {
  const labels = container.labels;
  const taskArn = task?.taskArn ?? labels[ECS_LABELS.taskArn];
  return {
    containerName: container.name,
    dockerId: container.dockerId,
    containerArn: container.containerArn,
    logDriver: container.logDriver,
    logOptions: container.logOptions,
    cluster: task?.cluster ?? labels[ECS_LABELS.cluster],
    taskArn,
    family: task?.family ?? labels[ECS_LABELS.family],
    revision: task?.revision ?? labels[ECS_LABELS.revision],
    availabilityZone: task?.availabilityZone,
    launchType: task?.launchType,
    location: locationOf(parseArn(container.containerArn) ?? parseArn(taskArn)),
  };
}

function locationOf(arn: Arn | undefined): AwsLocation | undefined {
  if (!arn || arn.region === "" || arn.account === "") return undefined;
  return { partition: arn.partition, region: arn.region, account: arn.account };
}

/**
 * The usual ECS resource attributes (the names the stock `@opentelemetry/resource-detector-aws`
 * uses), in a stable order, leaving out what is unknown.
 */
export function ecsResourceAttributes(facts: EcsFacts): Array<[string, string]> {
  const location = facts.location;
  const cluster = facts.cluster;
  const clusterArn =
    cluster === undefined
      ? undefined
      : parseArn(cluster)
        ? cluster
        : location &&
          `arn:${location.partition}:ecs:${location.region}:${location.account}:cluster/${clusterShortName(cluster)}`;
  const candidates: Array<[string, string | undefined]> = [
    ["cloud.provider", "aws"],
    ["cloud.platform", "aws_ecs"],
    ["cloud.region", location?.region],
    ["cloud.account.id", location?.account],
    ["cloud.availability_zone", facts.availabilityZone],
    ["cloud.resource_id", facts.containerArn],
    ["aws.ecs.cluster.arn", clusterArn],
    ["aws.ecs.container.arn", facts.containerArn],
    ["aws.ecs.launchtype", facts.launchType?.toLowerCase()],
    ["aws.ecs.task.arn", facts.taskArn],
    ["aws.ecs.task.family", facts.family],
    ["aws.ecs.task.revision", facts.revision],
    ["aws.ecs.task.id", facts.taskArn === undefined ? undefined : taskIdOf(facts.taskArn)],
    ["container.name", facts.containerName],
    ["container.id", facts.dockerId],
  ];
  return candidates.filter((pair): pair is [string, string] => pair[1] !== undefined);
}
