import { parseArn } from "@logtrace/aws-resource";

/** The group name inside `arn:…:logs:…:log-group:NAME[:*]`, or undefined. */
export function logGroupNameOfArn(arn: string): string | undefined {
  const resource = parseArn(arn)?.resource;
  if (!resource?.startsWith("log-group:")) return undefined;
  return resource.slice("log-group:".length).replace(/:\*$/, "");
}
