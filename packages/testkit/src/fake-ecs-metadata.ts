import type { ServerResponse } from "node:http";
import { type EcsFixture, type EcsFixtureName, ecsFixtures } from "./ecs-fixtures/index.js";
import { type Later, startLoopbackServer } from "./loopback-server.js";

/**
 * Ways a metadata endpoint can fail. Each one is served on both paths (container and task):
 * - `refused`: nothing listens on the port (connection refused);
 * - `status-500`: HTTP 500 with a JSON error body;
 * - `html`: HTTP 200 with an HTML page (a proxy's error page);
 * - `invalid-json`: HTTP 200, `application/json`, truncated JSON;
 * - `wrong-types`: valid JSON whose fields have the wrong types (LogOptions a string, …);
 * - `giant-body`: HTTP 200 streaming an endless JSON string until the client hangs up;
 * - `never-answers`: accepts the connection, never sends a byte;
 * - `slow`: sends the headers, then the (valid) body one byte every `slowByteMs`.
 */
export const ECS_METADATA_FAULTS = [
  "refused",
  "status-500",
  "html",
  "invalid-json",
  "wrong-types",
  "giant-body",
  "never-answers",
  "slow",
] as const;
export type EcsMetadataFault = (typeof ECS_METADATA_FAULTS)[number];

export interface FakeEcsMetadataOptions {
  /** A named fixture or your own; default `fargate-awslogs`. Served when no fault is set. */
  fixture?: EcsFixtureName | EcsFixture;
  fault?: EcsMetadataFault;
  /** Delay before a healthy answer, to test answers that arrive just within the timeout. */
  delayMs?: number;
  /** For `slow`: milliseconds between bytes (default 25). */
  slowByteMs?: number;
}

export interface FakeEcsMetadata {
  /** The container endpoint, i.e. what ECS puts in ECS_CONTAINER_METADATA_URI_V4. */
  url: string;
  /** `{ ECS_CONTAINER_METADATA_URI_V4: url }`, to spread into a child's environment. */
  env: { ECS_CONTAINER_METADATA_URI_V4: string };
  fixture: EcsFixture;
  /** Paths requested so far, in order (relative to the endpoint: "" or "/task"). */
  requests(): string[];
  close(): Promise<void>;
}

const TASK_ID = "e9028f8d5d8e4f258373e7b93ce9a3c3-2495160603";
const BASE_PATH = `/v4/${TASK_ID}`;

/** Starts a fake ECS task metadata endpoint v4 on 127.0.0.1 (ephemeral port). */
export async function startFakeEcsMetadata(
  options: FakeEcsMetadataOptions = {},
): Promise<FakeEcsMetadata> {
  const fixture =
    typeof options.fixture === "object"
      ? options.fixture
      : ecsFixtures[options.fixture ?? "fargate-awslogs"];
  const requests: string[] = [];
  const server = await startLoopbackServer((request, response, later) => {
    const path = (request.url ?? "").replace(BASE_PATH, "");
    requests.push(path);
    const body = path === "" ? fixture.container : path === "/task" ? fixture.task : undefined;
    if (!request.url?.startsWith(BASE_PATH) || body === undefined) {
      send(response, 404, "application/json", '{"error":"not found"}');
      return;
    }
    serve(options, body, response, later);
  });
  // Free the port again: connecting to it is then refused.
  if (options.fault === "refused") await server.refuse();
  const url = `${server.origin}${BASE_PATH}`;
  return {
    url,
    env: { ECS_CONTAINER_METADATA_URI_V4: url },
    fixture,
    requests: () => [...requests],
    close: server.close,
  };
}

export function send(response: ServerResponse, status: number, type: string, body: string) {
  response.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  response.end(body);
}

function serve(
  options: FakeEcsMetadataOptions,
  body: Record<string, unknown>,
  response: ServerResponse,
  later: Later,
) {
  const json = JSON.stringify(body);
  switch (options.fault) {
    case "status-500":
      send(response, 500, "application/json", '{"error":"internal error"}');
      return;
    case "html":
      send(response, 200, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
      return;
    case "invalid-json":
      send(response, 200, "application/json", json.slice(0, Math.floor(json.length / 2)));
      return;
    case "wrong-types":
      send(response, 200, "application/json", JSON.stringify(wrongTypes(body)));
      return;
    case "giant-body":
      streamForever(response);
      return;
    case "never-answers":
      return;
    case "slow":
      trickle(response, json, options.slowByteMs ?? 25, later);
      return;
    default:
      later(options.delayMs ?? 0, () => send(response, 200, "application/json", json));
  }
}

/** Same keys, wrong types: what a broken proxy or a future schema change could produce. */
function wrongTypes(body: Record<string, unknown>): Record<string, unknown> {
  return {
    ...body,
    Name: 42,
    ContainerARN: { arn: body.ContainerARN },
    LogDriver: ["awslogs"],
    LogOptions: "awslogs-group=/ecs/containerlogs",
    Labels: null,
    Cluster: false,
    TaskARN: 7,
    AvailabilityZone: { zone: "us-west-2a" },
  };
}

export function streamForever(response: ServerResponse) {
  response.writeHead(200, { "content-type": "application/json" });
  const chunk = Buffer.alloc(64 * 1024, "a");
  response.write('{"Name":"');
  const pump = () => {
    while (!response.destroyed && response.write(chunk)) {
      // keep writing until the socket pushes back
    }
    if (!response.destroyed) response.once("drain", pump);
  };
  response.on("close", () => response.removeAllListeners("drain"));
  pump();
}

export function trickle(response: ServerResponse, json: string, everyMs: number, later: Later) {
  response.writeHead(200, { "content-type": "application/json" });
  let sent = 0;
  const next = () => {
    if (response.destroyed) return;
    if (sent >= json.length) {
      response.end();
      return;
    }
    response.write(json[sent]);
    sent += 1;
    later(everyMs, next);
  };
  next();
}
