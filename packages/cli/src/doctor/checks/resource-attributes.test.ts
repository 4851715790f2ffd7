import { createRequire } from "node:module";
import { join } from "node:path";
import { type EnvResourceDetector, sdkReads } from "@logtrace/testkit";
import { resourceAttributesEnvDetector } from "@opentelemetry/resources";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { npmInstall, removeTempDirs, tempDir } from "../../testing/app-trees.testutil.js";
import { doctorJson, findingsOf } from "../../testing/run-cli.testutil.js";

let emptyApp: string;
let app26: string;
let sdk26: EnvResourceDetector;

beforeAll(() => {
  emptyApp = tempDir("attrs-empty");
  app26 = tempDir("attrs-26");
  npmInstall(app26, ["@opentelemetry/resources@2.6.1"]);
  const resources = createRequire(join(app26, "package.json"))("@opentelemetry/resources");
  sdk26 = resources.envDetector as EnvResourceDetector;
}, 300_000);
afterAll(removeTempDirs);

// The real SDK is the oracle for what the doctor claims the SDK does.
const sdkSees = (value: string, detector: EnvResourceDetector = resourceAttributesEnvDetector) =>
  sdkReads(detector, value);

async function check(value: string | undefined, cwd = emptyApp) {
  const { report } = await doctorJson(["--cwd", cwd], { OTEL_RESOURCE_ATTRIBUTES: value });
  return findingsOf(report, "otel-resource-attributes");
}

const SERVICE = "service.name=checkout";

describe("doctor check 4: OTEL_RESOURCE_ATTRIBUTES", () => {
  it("warns when it is unset or blank", async () => {
    for (const value of [undefined, "  "]) {
      const findings = await check(value);
      expect(findings.map((f) => f.status)).toEqual(["warn"]);
      expect(findings[0]?.message).toContain("is not set");
    }
  });

  it("passes a valid value and lists the groups", async () => {
    const findings = await check(`${SERVICE},aws.log.group.names=app-logs&audit-logs`);
    expect(findings.map((f) => f.status)).toEqual(["ok", "ok"]);
    expect(findings[0]?.message).toBe("2 entries read, service.name=checkout");
    expect(findings[1]?.data).toMatchObject({ logGroupNames: ["app-logs", "audit-logs"] });
  });

  // Each malformed kind: the doctor fails it, the SDK indeed reads nothing, and when the doctor
  // offers a corrected entry, the SDK reads that one (and everything else) back.
  const malformed: Array<[string, string, RegExp, Record<string, string> | null]> = [
    [
      "bad percent-escape",
      "aws.log.group.names=/ecs/100%",
      /bad percent-escape/,
      { "aws.log.group.names": "/ecs/100%" },
    ],
    [
      "'=' inside a value",
      "deployment.environment=a=b",
      /'=' characters/,
      { "deployment.environment": "a=b" },
    ],
    ["no '='", "lonely", /no '='/, null],
    ["empty key", "=value", /empty key/, null],
    ["value over 255 characters", `note=${"x".repeat(256)}`, /limit is 255/, null],
  ];
  for (const [kind, entry, reason, readBack] of malformed) {
    it(`fails ${kind} and names the entry`, async () => {
      const value = `${SERVICE},${entry},team=payments`;
      expect(sdkSees(value)).toEqual({});
      const findings = await check(value);
      expect(findings.map((f) => f.status)).toEqual(["fail"]);
      expect(findings[0]?.message).toContain(`entry #2 ${JSON.stringify(entry)}`);
      expect(findings[0]?.message).toMatch(reason);
      expect(findings[0]?.message).toContain("discards the WHOLE variable");
      const suggestion = findings[0]?.data?.suggestion as string | null;
      if (readBack === null) {
        expect(suggestion).toBeNull();
      } else {
        expect(findings[0]?.fix).toBe(`write it as ${suggestion}`);
        expect(sdkSees(value.replace(entry, suggestion as string))).toMatchObject({
          "service.name": "checkout",
          team: "payments",
          ...readBack,
        });
      }
    });
  }

  it("only warns about a trailing comma, unless @opentelemetry/resources 2.6.x is installed", async () => {
    const value = `${SERVICE},aws.log.group.names=app-logs,`;
    expect(sdkSees(value)).toMatchObject({ "service.name": "checkout" });
    expect(sdkSees(value, sdk26)).toEqual({});

    const elsewhere = await check(value);
    expect(elsewhere.map((f) => f.status)).toEqual(["warn", "ok", "ok"]);
    const with26 = await check(value, app26);
    expect(with26[0]?.status).toBe("fail");
    expect(with26[0]?.message).toContain("installed here: @opentelemetry/resources 2.6.1");
  });

  it("warns when no log group is named", async () => {
    const findings = await check(SERVICE);
    expect(findings.map((f) => f.status)).toEqual(["ok", "warn"]);
    expect(findings[1]?.message).toContain("no aws.log.group.names");
  });

  it("passes names and ARNs that name the same groups (ARN `:*` suffix allowed)", async () => {
    const findings = await check(
      `${SERVICE},aws.log.group.names=app-logs,aws.log.group.arns=arn:aws:logs:us-east-1:111122223333:log-group:app-logs:*`,
    );
    expect(findings.map((f) => f.status)).toEqual(["ok", "ok", "ok"]);
  });

  it("fails names and ARNs that disagree: the exporter sends the ARNs", async () => {
    const findings = await check(
      `${SERVICE},aws.log.group.names=app-logs,aws.log.group.arns=arn:aws-cn:logs:cn-north-1:111122223333:log-group:other-logs`,
    );
    expect(findings.map((f) => f.status)).toEqual(["ok", "ok", "fail"]);
    expect(findings[2]?.message).toContain(
      "names other-logs but aws.log.group.names names app-logs",
    );
  });

  it("fails ARNs that are not log group ARNs", async () => {
    const findings = await check(
      `${SERVICE},aws.log.group.names=app-logs,aws.log.group.arns=app-logs`,
    );
    expect(findings.at(-1)?.status).toBe("fail");
  });

  it("notes the console's extra /ecs/* searches for a group under /ecs/", async () => {
    const findings = await check(`${SERVICE},aws.log.group.names=/ecs/checkout`);
    expect(findings.map((f) => f.status)).toEqual(["ok", "ok", "warn"]);
    expect(findings[2]?.message).toContain("/ecs/checkout starts with /ecs/");
    expect(findings[2]?.fix).toContain("logtrace query");
  });
});
