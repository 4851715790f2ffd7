import { type CollectorFault, type OtlpReceiver, startOtlpReceiver } from "@logtrace/testkit";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { removeTempDirs, tempDir } from "../../testing/app-trees.testutil.js";
import { doctorJson, findingsOf } from "../../testing/run-cli.testutil.js";

afterAll(removeTempDirs);
let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function check(env: Record<string, string | undefined>) {
  const { report } = await doctorJson(["--cwd", tempDir("otlp")], env);
  return findingsOf(report, "otlp-endpoint");
}

async function collector(fault?: CollectorFault) {
  receiver = await startOtlpReceiver(fault ? { fault } : {});
  return receiver;
}

describe("doctor check: the OTLP endpoint answers", () => {
  it("does not apply outside a container with nothing configured", async () => {
    expect((await check({})).map((f) => f.status)).toEqual(["skip"]);
  });

  it("a collector that takes traces: ok", async () => {
    const { env, tracesUrl } = await collector();
    const [finding] = await check(env);
    expect(finding?.status).toBe("ok");
    expect(finding?.message).toBe(`${tracesUrl} takes OTLP traces (HTTP 200)`);
    expect(receiver?.requests()).toBe(1);
  });

  it.each([
    ["refused", { kind: "refuse" }, /cannot be reached/, /nothing listens there/],
    ["never answers", { kind: "hang" }, /did not answer within 1000 ms/, /security group/],
    [
      "HTTP 500",
      { kind: "status", status: 500 },
      /answers HTTP 500/,
      /collector answers but fails/,
    ],
    ["HTTP 401", { kind: "status", status: 401 }, /answers HTTP 401/, /OTEL_EXPORTER_OTLP_HEADERS/],
  ] as const)("%s: fail, with the fix", async (_, fault, message, fix) => {
    const { env } = await collector(fault);
    const started = performance.now();
    const [finding] = await check(env);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(finding?.status).toBe("fail");
    expect(finding?.message).toMatch(message);
    expect(finding?.fix).toMatch(fix);
  });

  it("a base URL with the path in it: 404, and the fix says which variable takes what", async () => {
    const { url } = await collector();
    const [finding] = await check({ OTEL_EXPORTER_OTLP_ENDPOINT: `${url}/v1/traces` });
    expect(finding?.message).toMatch(/\/v1\/traces\/v1\/traces answers HTTP 404/);
    expect(finding?.fix).toMatch(/OTEL_EXPORTER_OTLP_ENDPOINT is the base URL/);
  });

  it("gRPC endpoints are not probed", async () => {
    const findings = await check({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://localhost:4317",
      OTEL_EXPORTER_OTLP_PROTOCOL: "grpc",
    });
    expect(findings.map((f) => f.status)).toEqual(["skip"]);
  });
});
