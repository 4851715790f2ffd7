/** The parts of an ARN we need: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`. */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

// Partitions seen in the wild: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-eusc…
// Accept any `aws` or `aws-*` rather than a hand-kept list that goes stale.
const ARN = /^arn:(aws(?:-[a-z]+)*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.+)$/u;

export function parseArn(text: string | undefined): Arn | undefined {
  const match = text === undefined ? null : ARN.exec(text);
  if (!match) return undefined;
  const [, partition, service, region, account, resource] = match as unknown as string[];
  return {
    partition: partition as string,
    service: service as string,
    region: region as string,
    account: account as string,
    resource: resource as string,
  };
}

/** `arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME`, as X-Ray's `cloudwatch_logs` uses it. */
export function logGroupArn(
  where: { partition: string; region: string; account: string },
  name: string,
) {
  return `arn:${where.partition}:logs:${where.region}:${where.account}:log-group:${name}`;
}

/** The short name of a cluster given as a short name or as `arn:…:cluster/NAME`. */
export function clusterShortName(cluster: string): string {
  const arn = parseArn(cluster);
  if (!arn) return cluster;
  return arn.resource.startsWith("cluster/") ? arn.resource.slice("cluster/".length) : arn.resource;
}

/** The task id: the last segment of `task/CLUSTER/ID` (new format) or `task/ID` (old format). */
export function taskIdOf(taskArn: string): string | undefined {
  const arn = parseArn(taskArn);
  if (!arn?.resource.startsWith("task/")) return undefined;
  const id = arn.resource.split("/").pop();
  return id === "" ? undefined : id;
}

// Region prefixes of the partitions other than `aws`; every other region is in `aws`.
const PARTITION_OF_REGION_PREFIX: Array<[string, string]> = [
  ["cn-", "aws-cn"],
  ["us-gov-", "aws-us-gov"],
  ["us-isob-", "aws-iso-b"],
  ["us-isof-", "aws-iso-f"],
  ["us-iso-", "aws-iso"],
  ["eu-isoe-", "aws-iso-e"],
  ["eusc-", "aws-eusc"],
];

/** The partition of a region (`cn-north-1` → `aws-cn`), where no ARN is at hand to read it from. */
export function partitionOfRegion(region: string): string {
  return PARTITION_OF_REGION_PREFIX.find(([prefix]) => region.startsWith(prefix))?.[1] ?? "aws";
}
