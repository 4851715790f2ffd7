import { ecsFixtures, sdkReads } from "@logtrace/testkit";
import { fakeEcsMetadataPerTest } from "@logtrace/testkit/per-test";
import { resourceAttributesEnvDetector } from "@opentelemetry/resources";
import { describe, expect, it } from "vitest";
import { cli } from "../testing/run-cli.testutil.js";
import { dotenvLine, shellLine } from "./env-formats.js";

const metadata = fakeEcsMetadataPerTest();
const fargate = () => metadata({ fixture: "fargate-awslogs" });
const expectedNames = ecsFixtures["fargate-awslogs"].expected.logGroupNames;

/** What the SDK makes of a value (the real @opentelemetry/resources detector). */
const sdkSees = (value: string) => sdkReads(resourceAttributesEnvDetector, value);

describe("logtrace env", () => {
  it("prints one export line with this container's groups; diagnostics only on stderr", async () => {
    const server = await fargate();
    const env = { ...server.env, OTEL_RESOURCE_ATTRIBUTES: "service.name=checkout" };
    const run = await cli(["env"], { env });
    const json = JSON.parse((await cli(["env", "--json"], { env })).stdout);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(shellLine("OTEL_RESOURCE_ATTRIBUTES", json.otelResourceAttributes));
    expect(run.stdout.split("\n")).toHaveLength(2);
    expect(run.stderr).toMatch(/^logtrace env: aws\.log\.group\.names=/);
    expect(sdkSees(json.otelResourceAttributes)).toMatchObject({
      "service.name": "checkout",
      "aws.log.group.names": expectedNames.join("&"),
    });
  });

  it("--format dotenv and --format json give the same value", async () => {
    const server = await fargate();
    const json = await cli(["env", "--format", "json"], { env: server.env });
    const dotenv = await cli(["env", "--format", "dotenv"], { env: server.env });
    const parsed = JSON.parse(json.stdout);
    expect(parsed).toMatchObject({
      schema: "logtrace.env/1",
      changed: true,
      source: "ecs-metadata",
      logGroupNames: expectedNames,
    });
    expect(dotenv.stdout).toBe(
      dotenvLine("OTEL_RESOURCE_ATTRIBUTES", parsed.otelResourceAttributes),
    );
    // --json is --format json (diagnostics carry timings, so compare the rest).
    const again = JSON.parse((await cli(["env", "--json"], { env: server.env })).stdout);
    expect({ ...again, diagnostics: [] }).toEqual({ ...parsed, diagnostics: [] });
  });

  it("exits 0 with an empty stdout and one diagnostic when nothing is found", async () => {
    const run = await cli(["env"], { env: {} });
    expect(run).toMatchObject({ code: 0, stdout: "" });
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("not on ECS");
    const json = JSON.parse((await cli(["env", "--json"], { env: {} })).stdout);
    expect(json).toMatchObject({ otelResourceAttributes: null, changed: false, source: "none" });
  });

  it("keeps the user's own aws.log.group.names; on ECS adds only the ECS attributes and its ARN", async () => {
    const server = await fargate();
    const run = await cli(["env", "--json"], {
      env: { ...server.env, OTEL_RESOURCE_ATTRIBUTES: "aws.log.group.names=mine" },
    });
    const json = JSON.parse(run.stdout);
    expect(json.source).toBe("user");
    expect(json.otelResourceAttributes).toMatch(
      /^aws\.log\.group\.names=mine,aws\.log\.group\.arns=arn:aws:logs:us-west-2:\d{12}:log-group:mine,cloud\.provider=aws,/,
    );
    expect(json.otelResourceAttributes).not.toContain("containerlogs");
    expect(run.stderr).toContain("kept as is");
  });

  it("leaves the user's own aws.log.group.names alone off ECS (nothing printed)", async () => {
    const run = await cli(["env"], {
      env: { OTEL_RESOURCE_ATTRIBUTES: "aws.log.group.names=mine" },
    });
    expect(run).toMatchObject({ code: 0, stdout: "" });
    expect(run.stderr).toContain("kept as is");
  });

  it("names a malformed user value on stderr and prints nothing the SDK would discard", async () => {
    const server = await fargate();
    const run = await cli(["env"], {
      env: {
        ...server.env,
        OTEL_RESOURCE_ATTRIBUTES: "service.name=a,aws.log.group.names=/ecs/100%",
      },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('"aws.log.group.names=/ecs/100%"');
  });

  it("exits 2 on usage errors, with one line on stderr and nothing on stdout", async () => {
    for (const argv of [
      ["env", "--format", "yaml"],
      ["env", "--bogus"],
      ["env", "extra"],
      ["env", "--timeout", "soon"],
      ["env", "--json", "--format", "shell"],
    ]) {
      const run = await cli(argv);
      expect(run.code, argv.join(" ")).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});

describe("env line formats", () => {
  it("quotes for the shell only when needed, and escapes single quotes", () => {
    expect(shellLine("X", "a=b,c=d")).toBe("export X=a=b,c=d\n");
    expect(shellLine("X", "it's $HOME")).toBe("export X='it'\\''s $HOME'\n");
  });

  it("writes env-file lines every reader reads the same, or refuses", () => {
    expect(dotenvLine("X", "a=b,c=/ecs/x&y")).toBe("X=a=b,c=/ecs/x&y\n");
    expect(dotenvLine("X", "a=b#c")).toBe("X='a=b#c'\n");
    expect(dotenvLine("X", "it's #1")).toBeUndefined();
  });
});
