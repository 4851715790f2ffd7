import { partitionOfRegion } from "./arn.js";
import type { AwsLocation } from "./ecs-attributes.js";
import { FieldReader } from "./ecs-metadata.js";
import { getJson, requestText } from "./get-json.js";
import { MESSAGES } from "./messages.js";
import type { Env } from "./settings.js";
import type { Diagnostic } from "./types.js";

export const IMDS_DEFAULT_ENDPOINT = "http://169.254.169.254";
const IMDS_IPV6_ENDPOINT = "http://[fd00:ec2::254]";
/** Our token is used for three requests within a second; the service allows 1 to 21600. */
const TOKEN_TTL_SECONDS = "60";
/** Real tokens are about 56 characters; anything far longer is not a token. */
const MAX_TOKEN_BYTES = 4096;

/** The instance identity document fields we read (`/latest/dynamic/instance-identity/document`). */
export interface InstanceIdentity {
  instanceId?: string;
  region?: string;
  accountId?: string;
  availabilityZone?: string;
  instanceType?: string;
  imageId?: string;
  privateIp?: string;
}

/** What the instance metadata said, for a doctor to show. */
export interface Ec2MetadataReport extends InstanceIdentity {
  endpoint: string;
  /** `/latest/meta-data/hostname`; undefined when it could not be read. */
  hostname?: string;
}

export type Ec2Platform =
  | {
      ok: true;
      name: "EC2";
      identity: InstanceIdentity;
      hostname: string | undefined;
      location: AwsLocation | undefined;
      attributes: Array<[string, string]>;
      report: Ec2MetadataReport;
      wrongTypes: string;
      elapsedMs: number;
      notes: Diagnostic[];
    }
  | { ok: false; name: "EC2"; reason: string };

/**
 * The IMDS endpoint as the AWS SDKs read it: AWS_EC2_METADATA_SERVICE_ENDPOINT, else
 * AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6, else 169.254.169.254; undefined when
 * AWS_EC2_METADATA_DISABLED is set (to anything but `false`).
 */
export function imdsEndpoint(env: Env): string | undefined {
  const disabled = env.AWS_EC2_METADATA_DISABLED?.trim().toLowerCase();
  if (disabled !== undefined && disabled !== "" && disabled !== "false") return undefined;
  const given = env.AWS_EC2_METADATA_SERVICE_ENDPOINT?.trim();
  if (given) return given.replace(/\/+$/u, "");
  return env.AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE?.trim().toLowerCase() === "ipv6"
    ? IMDS_IPV6_ENDPOINT
    : IMDS_DEFAULT_ENDPOINT;
}

/**
 * IMDSv2: `PUT /latest/api/token` (TTL header), then the identity document and the hostname with
 * the token, in parallel; everything bounded by one deadline, like the ECS endpoint.
 */
export async function readEc2Platform(endpoint: string, timeoutMs: number): Promise<Ec2Platform> {
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  const bounds = { deadline, budgetMs: timeoutMs };
  const failed = (what: string, message: string): Ec2Platform => ({
    ok: false,
    name: "EC2",
    reason: `${what}: ${message}, ${endpoint}`,
  });

  const token = await requestText(`${endpoint}/latest/api/token`, {
    ...bounds,
    method: "PUT",
    maxBytes: MAX_TOKEN_BYTES,
    headers: { "x-aws-ec2-metadata-token-ttl-seconds": TOKEN_TTL_SECONDS },
  });
  if (!token.ok) return failed("token", token.message);
  const tokenText = token.text.trim();
  if (!/^[\x21-\x7e]+$/u.test(tokenText) || /html/iu.test(token.contentType ?? "")) {
    return failed("token", `the answer is not a token (${token.contentType ?? "no content-type"})`);
  }
  const headers = { "x-aws-ec2-metadata-token": tokenText };
  const [document, hostname] = await Promise.all([
    getJson(`${endpoint}/latest/dynamic/instance-identity/document`, { ...bounds, headers }),
    requestText(`${endpoint}/latest/meta-data/hostname`, {
      ...bounds,
      headers,
      maxBytes: MAX_TOKEN_BYTES,
    }),
  ]);
  if (!document.ok) return failed("instance identity document", document.message);

  const read = new FieldReader(document.json);
  const identity: InstanceIdentity = {
    instanceId: read.string("instanceId"),
    region: read.string("region"),
    accountId: read.string("accountId"),
    availabilityZone: read.string("availabilityZone"),
    instanceType: read.string("instanceType"),
    imageId: read.string("imageId"),
    privateIp: read.string("privateIp"),
  };
  const notes: Diagnostic[] = [];
  const hostnameText = hostname.ok ? hostname.text.trim() : "";
  const validHostname = /^[A-Za-z0-9.-]{1,255}$/u.test(hostnameText) ? hostnameText : undefined;
  if (!validHostname) {
    notes.push(
      MESSAGES.debug(
        `EC2 hostname unreadable (${hostname.ok ? "not a host name" : hostname.message}): {hostname} is this host's own name, as the agent does`,
      ),
    );
  }
  const location =
    identity.region && identity.accountId && /^\d{12}$/u.test(identity.accountId)
      ? {
          partition: partitionOfRegion(identity.region),
          region: identity.region,
          account: identity.accountId,
        }
      : undefined;
  return {
    ok: true,
    name: "EC2",
    identity,
    hostname: validHostname,
    location,
    attributes: ec2ResourceAttributes(identity, validHostname),
    report: { ...identity, endpoint, ...(validHostname ? { hostname: validHostname } : {}) },
    wrongTypes: read.wrongTypes.length > 0 ? MESSAGES.ec2WrongTypes(read.wrongTypes) : "",
    elapsedMs: Math.round(performance.now() - started),
    notes,
  };
}

/** The usual EC2 resource attributes (the names the stock AWS EC2 detector uses). */
function ec2ResourceAttributes(
  identity: InstanceIdentity,
  hostname: string | undefined,
): Array<[string, string]> {
  const candidates: Array<[string, string | undefined]> = [
    ["cloud.provider", "aws"],
    ["cloud.platform", "aws_ec2"],
    ["cloud.region", identity.region],
    ["cloud.account.id", identity.accountId],
    ["cloud.availability_zone", identity.availabilityZone],
    ["host.id", identity.instanceId],
    ["host.type", identity.instanceType],
    ["host.image.id", identity.imageId],
    ["host.name", hostname],
  ];
  return candidates.filter((pair): pair is [string, string] => pair[1] !== undefined);
}
