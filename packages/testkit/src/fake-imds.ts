import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { send, streamForever, trickle } from "./fake-ecs-metadata.js";
import { type Later, startLoopbackServer } from "./loopback-server.js";

/**
 * Ways the EC2 instance metadata service can fail, the same as the ECS fake's. Each is served on
 * every path (token included), except `wrong-types` and `invalid-json`, which only the identity
 * document can show (a token is text).
 */
export const IMDS_FAULTS = [
  "refused",
  "status-500",
  "html",
  "invalid-json",
  "wrong-types",
  "giant-body",
  "never-answers",
  "slow",
] as const;
export type ImdsFault = (typeof IMDS_FAULTS)[number];

/** An instance as IMDS describes it. */
export interface ImdsInstance {
  instanceId: string;
  region: string;
  accountId: string;
  availabilityZone: string;
  instanceType: string;
  imageId: string;
  privateIp: string;
  hostname: string;
  localHostname: string;
}

export const IMDS_INSTANCES = {
  "us-east-1": {
    instanceId: "i-0a1b2c3d4e5f60718",
    region: "us-east-1",
    accountId: "123456789012",
    availabilityZone: "us-east-1a",
    instanceType: "m7g.large",
    imageId: "ami-0abcdef1234567890",
    privateIp: "10.0.1.23",
    hostname: "ip-10-0-1-23.ec2.internal",
    localHostname: "ip-10-0-1-23.ec2.internal",
  },
  "cn-north-1": {
    instanceId: "i-0fedcba9876543210",
    region: "cn-north-1",
    accountId: "210987654321",
    availabilityZone: "cn-north-1a",
    instanceType: "c6i.xlarge",
    imageId: "ami-0123456789abcdef0",
    privateIp: "172.31.5.6",
    hostname: "ip-172-31-5-6.cn-north-1.compute.internal",
    localHostname: "ip-172-31-5-6.cn-north-1.compute.internal",
  },
} satisfies Record<string, ImdsInstance>;

export interface FakeImdsOptions {
  instance?: keyof typeof IMDS_INSTANCES | ImdsInstance;
  fault?: ImdsFault;
  /** For `slow`: milliseconds between bytes (default 25). */
  slowByteMs?: number;
}

export interface FakeImds {
  /** The base URL, what AWS_EC2_METADATA_SERVICE_ENDPOINT holds. */
  url: string;
  env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: string };
  instance: ImdsInstance;
  /** `METHOD /path` of each request so far, `(401)` appended when refused for want of a token. */
  requests(): string[];
  close(): Promise<void>;
}

const TOKEN_PATH = "/latest/api/token";

/**
 * A fake IMDSv2 on 127.0.0.1: `PUT /latest/api/token` needs the TTL header (1–21600, else 400)
 * and returns a token; every GET without a valid token gets 401, as with `HttpTokens: required`.
 */
export async function startFakeImds(options: FakeImdsOptions = {}): Promise<FakeImds> {
  const instance =
    typeof options.instance === "object"
      ? options.instance
      : IMDS_INSTANCES[options.instance ?? "us-east-1"];
  const tokens = new Set<string>();
  const requests: string[] = [];
  const document = {
    accountId: instance.accountId,
    architecture: "arm64",
    availabilityZone: instance.availabilityZone,
    imageId: instance.imageId,
    instanceId: instance.instanceId,
    instanceType: instance.instanceType,
    pendingTime: "2026-01-05T09:00:00Z",
    privateIp: instance.privateIp,
    region: instance.region,
    version: "2017-09-30",
  };
  const texts: Record<string, string> = {
    "/latest/meta-data/instance-id": instance.instanceId,
    "/latest/meta-data/hostname": instance.hostname,
    "/latest/meta-data/local-hostname": instance.localHostname,
    "/latest/meta-data/local-ipv4": instance.privateIp,
  };

  const server = await startLoopbackServer((request, response, later) => {
    const path = (request.url ?? "").split("?")[0] as string;
    const line = `${request.method} ${path}`;
    if (path === TOKEN_PATH) {
      requests.push(line);
      if (request.method !== "PUT") return send(response, 405, "text/plain", "");
      const ttl = Number(request.headers["x-aws-ec2-metadata-token-ttl-seconds"]);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) {
        return send(response, 400, "text/plain", "");
      }
      const token = randomBytes(42).toString("base64");
      tokens.add(token);
      return serveFault(options, response, later, token, "text/plain");
    }
    const token = request.headers["x-aws-ec2-metadata-token"];
    if (typeof token !== "string" || !tokens.has(token)) {
      requests.push(`${line} (401)`);
      return send(response, 401, "text/plain", "");
    }
    requests.push(line);
    if (path === "/latest/dynamic/instance-identity/document") {
      if (options.fault === "wrong-types") {
        return send(response, 200, "text/plain", JSON.stringify(wrongTypes(document)));
      }
      const json = JSON.stringify(document, null, 2);
      if (options.fault === "invalid-json") {
        return send(response, 200, "text/plain", json.slice(0, json.length / 2));
      }
      return serveFault(options, response, later, json, "text/plain");
    }
    const text = texts[path];
    if (text === undefined) return send(response, 404, "text/html", "<html>404 Not Found</html>");
    return serveFault(options, response, later, text, "text/plain");
  });
  if (options.fault === "refused") await server.refuse();
  return {
    url: server.origin,
    env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: server.origin },
    instance,
    requests: () => [...requests],
    close: server.close,
  };
}

function serveFault(
  options: FakeImdsOptions,
  response: ServerResponse,
  later: Later,
  body: string,
  type: string,
) {
  switch (options.fault) {
    case "status-500":
      return send(
        response,
        500,
        "text/html",
        "<html><body>500 Internal Server Error</body></html>",
      );
    case "html":
      return send(response, 200, "text/html", "<html><body><h1>Captive portal</h1></body></html>");
    case "giant-body":
      return streamForever(response);
    case "never-answers":
      return;
    case "slow":
      return trickle(response, body, options.slowByteMs ?? 25, later);
    default:
      return send(response, 200, type, body);
  }
}

/** Same keys, wrong types. */
function wrongTypes(document: Record<string, unknown>): Record<string, unknown> {
  return {
    ...document,
    instanceId: 42,
    accountId: { id: document.accountId },
    region: ["us-east-1"],
    privateIp: null,
  };
}
