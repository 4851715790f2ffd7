import { ECS_METADATA_FAULTS, type EcsFixtureName, ecsFixtures, sdkReads } from "@logtrace/testkit";
import { fakeEcsMetadataPerTest } from "@logtrace/testkit/per-test";
import { resourceAttributesEnvDetector } from "@opentelemetry/resources";
import { describe, expect, it } from "vitest";
import { type Resolution, resolveAwsResourceAttributes } from "./resolve.js";

const metadata = fakeEcsMetadataPerTest();

/** What the real OpenTelemetry SDK makes of the variable we produce. */
const sdkSees = (value: string | undefined) => sdkReads(resourceAttributesEnvDetector, value ?? "");

const warnings = (resolution: Resolution) =>
  resolution.diagnostics.filter((d) => d.level === "warn").map((d) => d.message);

describe("resolution from this container's ECS metadata", () => {
  it.each(Object.keys(ecsFixtures) as EcsFixtureName[])("%s", async (name) => {
    const fixture = ecsFixtures[name];
    const server = await metadata({ fixture: name });
    const resolution = await resolveAwsResourceAttributes({
      env: { ...server.env, OTEL_RESOURCE_ATTRIBUTES: "service.name=api" },
    });

    expect(resolution.logGroupNames).toEqual(fixture.expected.logGroupNames);
    const sdk = sdkSees(resolution.otelResourceAttributes);
    expect(sdk["service.name"]).toBe("api");
    expect(sdk["cloud.region"]).toBe(fixture.expected.region);
    expect(sdk["cloud.account.id"]).toBe(fixture.expected.accountId);
    expect(sdk["cloud.platform"]).toBe("aws_ecs");
    expect(resolution.metadata?.containerName).toBe(fixture.container.Name);

    if (fixture.expected.logGroupNames.length > 0) {
      expect(resolution.source).toBe("ecs-metadata");
      expect(sdk["aws.log.group.names"]).toBe(fixture.expected.logGroupNames.join("&"));
      expect(sdk["aws.log.group.arns"]).toBe(fixture.expected.logGroupArns.join("&"));
      expect(resolution.logGroupArns).toEqual(fixture.expected.logGroupArns);
      expect(resolution.diagnostics[0]?.level).toBe("info");
    } else {
      expect(resolution.source).toBe("none");
      expect(sdk["aws.log.group.names"]).toBeUndefined();
      expect(warnings(resolution)).toHaveLength(1);
      expect(warnings(resolution)[0]).toMatch(/LOGTRACE_LOG_GROUP_NAMES/);
    }
    expect(server.requests().sort()).toEqual(["", "/task"]);
  });

  it("never takes the groups of the task's other containers", async () => {
    const server = await metadata({ fixture: "fargate-awslogs" });
    const resolution = await resolveAwsResourceAttributes({ env: server.env });
    expect(resolution.otelResourceAttributes).not.toMatch(/adot-init|firelens-router/);
    expect(resolution.logGroupNames).toEqual(["/ecs/containerlogs"]);
  });

  it("resolves $(ecs_cluster) to the short name when ECS reports the cluster ARN", async () => {
    const server = await metadata({ fixture: "firelens-templates" });
    const resolution = await resolveAwsResourceAttributes({ env: server.env });
    expect(resolution.logGroupNames[0]).toBe(
      "/aws/ecs/EcsStack-Cluster14AE103B-zJnVnD9x7R6g/app-6b8cc0c5e5f94ebe888e690dbb051168",
    );
    expect(resolution.attributes["aws.ecs.launchtype"]).toBe("fargate");
    expect(resolution.attributes["cloud.availability_zone"]).toBe("us-east-1b");
  });

  it("builds ARNs in the task's partition (aws-cn)", async () => {
    const server = await metadata({ fixture: "aws-cn" });
    const resolution = await resolveAwsResourceAttributes({ env: server.env });
    expect(resolution.attributes["aws.log.group.arns"]).toBe(
      "arn:aws-cn:logs:cn-north-1:210987654321:log-group:/ecs/api",
    );
    expect(resolution.attributes["aws.ecs.cluster.arn"]).toMatch(/^arn:aws-cn:ecs:/);
  });

  it("builds the cluster ARN from a short cluster name (EC2)", async () => {
    const server = await metadata({ fixture: "ec2-bridge-firelens" });
    const resolution = await resolveAwsResourceAttributes({ env: server.env });
    expect(resolution.attributes["aws.ecs.cluster.arn"]).toBe(
      "arn:aws:ecs:us-west-2:123456789123:cluster/ecs-cluster",
    );
    expect(resolution.attributes["aws.ecs.launchtype"]).toBe("ec2");
  });

  it("keeps every attribute the user set, verbatim, and never overrides one", async () => {
    const server = await metadata({ fixture: "fargate-awslogs" });
    const user = "service.name=api,cloud.region=eu-central-1 , team=a%2Cb";
    const resolution = await resolveAwsResourceAttributes({
      env: { ...server.env, OTEL_RESOURCE_ATTRIBUTES: user },
    });
    expect(resolution.otelResourceAttributes?.startsWith(`${user},`)).toBe(true);
    expect(resolution.attributes["cloud.region"]).toBeUndefined();
    expect(resolution.resourceAttributes["cloud.region"]).toBeUndefined();
    const sdk = sdkSees(resolution.otelResourceAttributes);
    expect(sdk["cloud.region"]).toBe("eu-central-1");
    expect(sdk.team).toBe("a,b");
  });

  it("answers that arrive within the timeout are used", async () => {
    const server = await metadata({ fixture: "fargate-awslogs", delayMs: 100 });
    const resolution = await resolveAwsResourceAttributes({ env: server.env, timeoutMs: 1000 });
    expect(resolution.source).toBe("ecs-metadata");
  });
});

describe("the user's setting and LOGTRACE_LOG_GROUP_NAMES come first", () => {
  const ecsKeys = (attributes: Record<string, unknown>) =>
    Object.keys(attributes).filter((key) => /^(cloud|aws\.ecs|container)\./u.test(key));

  it("keeps the user's aws.log.group.names; on ECS adds the ECS attributes and the ARNs of those names", async () => {
    const server = await metadata({ fixture: "aws-cn" });
    const user = "service.name=api,aws.log.group.names=mine&other,cloud.region=eu-central-1";
    const resolution = await resolveAwsResourceAttributes({
      env: { ...server.env, OTEL_RESOURCE_ATTRIBUTES: user },
    });
    expect(resolution.source).toBe("user");
    expect(resolution.logGroupNames).toEqual(["mine", "other"]);
    expect(resolution.otelResourceAttributes?.startsWith(`${user},`)).toBe(true);
    const sdk = sdkSees(resolution.otelResourceAttributes);
    expect(sdk["aws.log.group.names"]).toBe("mine&other");
    // The task's partition and account; the region of the container's log destination.
    expect(sdk["aws.log.group.arns"]).toBe(
      "arn:aws-cn:logs:cn-north-1:210987654321:log-group:mine&arn:aws-cn:logs:cn-north-1:210987654321:log-group:other",
    );
    expect(sdk["cloud.region"]).toBe("eu-central-1");
    expect(sdk["cloud.provider"]).toBe("aws");
    expect(sdk["cloud.platform"]).toBe("aws_ecs");
    expect(sdk["cloud.account.id"]).toBe("210987654321");
    expect(sdk["aws.ecs.task.arn"]).toMatch(/^arn:aws-cn:ecs:/);
    expect(resolution.attributes["aws.log.group.names"]).toBeUndefined();
    expect(resolution.attributes["cloud.region"]).toBeUndefined();
    expect(resolution.resourceAttributes["cloud.region"]).toBeUndefined();
    expect(resolution.diagnostics).toEqual([
      {
        level: "info",
        message: expect.stringMatching(/kept as is; ECS attributes from the metadata/),
      },
    ]);
    expect(server.requests().sort()).toEqual(["", "/task"]);
  });

  it("adds no group attribute at all when the user set the ARNs (with or without names)", async () => {
    const server = await metadata({ fixture: "fargate-awslogs" });
    for (const user of [
      "aws.log.group.arns=arn:aws:logs:us-east-1:1:log-group:g",
      "aws.log.group.names=g,aws.log.group.arns=arn:aws:logs:us-east-1:1:log-group:g",
    ]) {
      const resolution = await resolveAwsResourceAttributes({
        env: { ...server.env, LOGTRACE_LOG_GROUP_NAMES: "ignored", OTEL_RESOURCE_ATTRIBUTES: user },
      });
      expect(resolution.source).toBe("user");
      expect(resolution.logGroupArns).toEqual(["arn:aws:logs:us-east-1:1:log-group:g"]);
      const added = Object.keys(resolution.resourceAttributes);
      expect(added.filter((key) => key.startsWith("aws.log."))).toEqual([]);
      expect(added).toContain("aws.ecs.task.arn");
    }
  });

  it("reads no metadata off ECS: the user's value is left as it is", async () => {
    const resolution = await resolveAwsResourceAttributes({
      env: { OTEL_RESOURCE_ATTRIBUTES: "aws.log.group.names=mine&other" },
    });
    expect(resolution).toMatchObject({
      source: "user",
      otelResourceAttributes: undefined,
      logGroupNames: ["mine", "other"],
      resourceAttributes: {},
      metadata: undefined,
    });
    expect(resolution.diagnostics).toHaveLength(1);
  });

  it("uses LOGTRACE_LOG_GROUP_NAMES, dropping invalid names, plus the ECS attributes on ECS", async () => {
    const server = await metadata({ fixture: "fargate-awslogs" });
    const resolution = await resolveAwsResourceAttributes({
      env: {
        ...server.env,
        LOGTRACE_LOG_GROUP_NAMES: "/ecs/a & bad,name & /ecs/b",
        OTEL_RESOURCE_ATTRIBUTES: "service.name=api",
      },
    });
    expect(resolution.source).toBe("env");
    expect(resolution.logGroupNames).toEqual(["/ecs/a", "/ecs/b"]);
    const arn = (name: string) => `arn:aws:logs:us-west-2:111122223333:log-group:${name}`;
    expect(resolution.logGroupArns).toEqual([arn("/ecs/a"), arn("/ecs/b")]);
    expect(
      resolution.otelResourceAttributes?.startsWith(
        `service.name=api,aws.log.group.names=/ecs/a&/ecs/b,aws.log.group.arns=${arn("/ecs/a")}&${arn("/ecs/b")},cloud.provider=aws,`,
      ),
    ).toBe(true);
    // Never the container's own group from the metadata: the variable named the groups.
    expect(resolution.otelResourceAttributes).not.toContain("containerlogs");
    expect(ecsKeys(sdkSees(resolution.otelResourceAttributes))).toEqual(
      ecsKeys(resolution.attributes),
    );
    expect(ecsKeys(resolution.attributes)).toContain("aws.ecs.cluster.arn");
    expect(warnings(resolution)).toEqual([expect.stringContaining('"bad,name"')]);
    expect(server.requests().sort()).toEqual(["", "/task"]);
  });

  it("uses LOGTRACE_LOG_GROUP_NAMES as given off ECS (no ARNs: no account known)", async () => {
    const resolution = await resolveAwsResourceAttributes({
      env: { LOGTRACE_LOG_GROUP_NAMES: "/ecs/a", OTEL_RESOURCE_ATTRIBUTES: "service.name=api" },
    });
    expect(resolution.otelResourceAttributes).toBe("service.name=api,aws.log.group.names=/ecs/a");
    expect(resolution.logGroupArns).toEqual([]);
  });

  it.each(ECS_METADATA_FAULTS)(
    "keeps the named groups when the metadata fails (%s): one line, no ECS attributes",
    async (fault) => {
      const server = await metadata({ fixture: "fargate-awslogs", fault });
      const started = performance.now();
      const resolution = await resolveAwsResourceAttributes({
        env: {
          ...server.env,
          LOGTRACE_LOG_GROUP_NAMES: "/ecs/a",
          OTEL_RESOURCE_ATTRIBUTES: "service.name=api",
        },
        timeoutMs: 300,
      });
      expect(performance.now() - started).toBeLessThan(400);
      expect(resolution.source).toBe("env");
      expect(sdkSees(resolution.otelResourceAttributes)).toMatchObject({
        "service.name": "api",
        "aws.log.group.names": "/ecs/a",
      });
      if (fault === "wrong-types") {
        // Readable JSON: whatever fields had the right type are used, the rest named (debug).
        expect(warnings(resolution)).toEqual([]);
        expect(resolution.diagnostics.map((d) => d.message).join("\n")).toMatch(/unexpected type/);
      } else {
        expect(warnings(resolution)).toEqual([expect.stringMatching(/^ECS metadata unreadable/)]);
        expect(ecsKeys(resolution.resourceAttributes)).toEqual([]);
      }
    },
  );

  it("says one line when there is nothing to go on", async () => {
    const resolution = await resolveAwsResourceAttributes({ env: {} });
    expect(resolution.source).toBe("none");
    expect(resolution.otelResourceAttributes).toBeUndefined();
    expect(resolution.diagnostics).toHaveLength(1);
  });
});

describe("long and many group names", () => {
  const name = (letter: string, length: number) => `/ecs/${letter.repeat(length - 5)}`;

  it("puts as many whole names as fit; the rest stay in the SDK resource only", async () => {
    const names = [name("a", 120), name("b", 120), name("c", 120)];
    const resolution = await resolveAwsResourceAttributes({
      env: { LOGTRACE_LOG_GROUP_NAMES: names.join("&") },
    });
    const sdk = sdkSees(resolution.otelResourceAttributes);
    expect(sdk["aws.log.group.names"]).toBe(`${names[0]}&${names[1]}`);
    expect(resolution.resourceAttributes["aws.log.group.names"]).toBe(names.join("&"));
    expect(warnings(resolution)).toEqual([expect.stringContaining(names[2] as string)]);
  });

  it("leaves a single name over 255 characters out of the variable, never invalidating it", async () => {
    const huge = name("z", 400);
    const resolution = await resolveAwsResourceAttributes({
      env: { LOGTRACE_LOG_GROUP_NAMES: huge, OTEL_RESOURCE_ATTRIBUTES: "service.name=api" },
    });
    expect(resolution.otelResourceAttributes).toBeUndefined();
    expect(resolution.resourceAttributes["aws.log.group.names"]).toBe(huge);
    expect(warnings(resolution)).toHaveLength(1);
  });

  it("drops the ARNs, not the names, when only the ARNs are too long", async () => {
    const fixture = structuredClone(ecsFixtures["fargate-awslogs"]);
    const long = name("g", 230);
    (fixture.container.LogOptions as Record<string, string>)["awslogs-group"] = long;
    const server = await metadata({ fixture });
    const resolution = await resolveAwsResourceAttributes({ env: server.env });
    const sdk = sdkSees(resolution.otelResourceAttributes);
    expect(sdk["aws.log.group.names"]).toBe(long);
    expect(sdk["aws.log.group.arns"]).toBeUndefined();
    expect(resolution.resourceAttributes["aws.log.group.arns"]).toMatch(/log-group:\/ecs\/g+$/);
  });
});

describe("a malformed user value", () => {
  it("is named in one line and left untouched; our attributes go to the SDK resource", async () => {
    const server = await metadata({ fixture: "fargate-awslogs" });
    const resolution = await resolveAwsResourceAttributes({
      env: { ...server.env, OTEL_RESOURCE_ATTRIBUTES: "service.name=api,disk=100%" },
    });
    expect(resolution.otelResourceAttributes).toBeUndefined();
    expect(resolution.resourceAttributes["aws.log.group.names"]).toBe("/ecs/containerlogs");
    const lines = warnings(resolution);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"disk=100%"');
  });
});

describe("faults of the metadata endpoint", () => {
  const timeoutMs = 300;
  it.each(ECS_METADATA_FAULTS)(
    "%s: bounded, one clear line, user attributes kept",
    async (fault) => {
      const server = await metadata({ fixture: "fargate-awslogs", fault });
      const started = performance.now();
      const resolution = await resolveAwsResourceAttributes({
        env: { ...server.env, OTEL_RESOURCE_ATTRIBUTES: "service.name=api" },
        timeoutMs,
      });
      expect(performance.now() - started).toBeLessThan(timeoutMs + 100);
      expect(resolution.source).toBe("none");
      expect(resolution.logGroupNames).toEqual([]);
      expect(warnings(resolution)).toHaveLength(1);
      expect(sdkSees(resolution.otelResourceAttributes ?? "service.name=api")["service.name"]).toBe(
        "api",
      );
    },
  );

  it("names the reason in the line", async () => {
    const reasons: Record<string, RegExp> = {
      refused: /connection refused/,
      "status-500": /HTTP 500/,
      html: /not JSON \(text\/html\)/,
      "giant-body": /exceeds/,
      "never-answers": /within 300 ms/,
      "wrong-types":
        /unexpected type: Name \(number\), ContainerARN \(object\), LogDriver \(array\)/,
    };
    for (const [fault, reason] of Object.entries(reasons)) {
      const server = await metadata({ fault: fault as (typeof ECS_METADATA_FAULTS)[number] });
      const resolution = await resolveAwsResourceAttributes({ env: server.env, timeoutMs: 300 });
      expect(warnings(resolution)[0], fault).toMatch(reason);
    }
  });
});
