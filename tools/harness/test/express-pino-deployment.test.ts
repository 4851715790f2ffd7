// The deployment files people copy are parsed and cross-checked here, so they cannot rot: the
// task definition, the collector configuration and the Dockerfile must agree with each other and
// with the lessons of the field report.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { expressPinoDir } from "../src/express-pino.js";

const file = (path: string) => join(expressPinoDir, path);
const read = (path: string) => readFileSync(file(path), "utf8");

interface KeyValue {
  name: string;
  value?: string;
  valueFrom?: string;
}
interface Container {
  name: string;
  essential?: boolean;
  environment?: KeyValue[];
  secrets?: KeyValue[];
  portMappings?: { containerPort: number }[];
  dependsOn?: { containerName: string; condition: string }[];
  firelensConfiguration?: { type: string };
  logConfiguration: { logDriver: string; options: Record<string, string> };
}
interface Pipeline {
  receivers: string[];
  processors?: string[];
  exporters: string[];
}

const taskDefinition = JSON.parse(read("ecs/task-definition.json")) as {
  containerDefinitions: Container[];
};
const collectorText = read("collector.yaml");
const collector = parse(collectorText) as {
  extensions?: Record<string, unknown>;
  receivers: Record<string, { protocols: Record<string, { endpoint: string }> }>;
  processors?: Record<string, unknown>;
  exporters: Record<string, unknown>;
  service: { extensions?: string[]; pipelines: Record<string, Pipeline> };
};
const dockerfile = read("Dockerfile");
const manifest = JSON.parse(read("package.json")) as { dependencies: Record<string, string> };

const containers = taskDefinition.containerDefinitions;
const only = (what: string, found: Container[]): Container => {
  expect(found, what).toHaveLength(1);
  return found[0] as Container;
};
const app = only(
  "one app container logging through FireLens",
  containers.filter((c) => c.logConfiguration.logDriver === "awsfirelens"),
);
const logRouter = only(
  "one FireLens log router",
  containers.filter((c) => c.firelensConfiguration !== undefined),
);
const collectorContainer = only(
  "one collector sidecar given collector.yaml",
  containers.filter((c) => c.secrets?.some((s) => s.name === "AOT_CONFIG_CONTENT")),
);
const envOf = (container: Container) =>
  Object.fromEntries((container.environment ?? []).map((e) => [e.name, e.value]));
const appEnv = envOf(app);
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;

describe("ecs/task-definition.json", () => {
  it("sends the app's stdout through FireLens to a named CloudWatch log group", () => {
    const options = app.logConfiguration.options;
    expect(["cloudwatch", "cloudwatch_logs"]).toContain(options.Name);
    expect(options.log_group_name).toMatch(LOG_GROUP_NAME);
    expect(options.region).toBeTruthy();
    expect(logRouter.firelensConfiguration?.type).toBe("fluentbit");
  });

  it("names no log group under /ecs/, which the trace page searches with an un-indexed like", () => {
    const groups = containers.map((c) => {
      const options = c.logConfiguration.options;
      return options.log_group_name ?? options["awslogs-group"];
    });
    expect(groups.every((group) => group !== undefined && LOG_GROUP_NAME.test(group))).toBe(true);
    expect(groups.filter((group) => group?.startsWith("/ecs/"))).toEqual([]);
  });

  it("starts the app after its log router and collector, so no early line or span is lost", () => {
    expect(app.dependsOn).toEqual(
      expect.arrayContaining([
        { containerName: logRouter.name, condition: "START" },
        { containerName: collectorContainer.name, condition: "START" },
      ]),
    );
  });

  it("exports over OTLP http/protobuf to the collector's own receiver, like the field report", () => {
    const http = collector.receivers.otlp?.protocols.http?.endpoint ?? "";
    expect(appEnv.OTEL_EXPORTER_OTLP_PROTOCOL).toBe("http/protobuf");
    expect(new URL(appEnv.OTEL_EXPORTER_OTLP_ENDPOINT ?? "").port).toBe(http.split(":").pop());
    expect(appEnv).toMatchObject({
      OTEL_TRACES_EXPORTER: "otlp",
      OTEL_LOGS_EXPORTER: "none",
      OTEL_PROPAGATORS: "tracecontext,baggage,xray",
    });
    expect(appEnv.OTEL_SERVICE_NAME).toBeTruthy();
  });

  it("gives the collector every variable collector.yaml reads", () => {
    const used = [...collectorText.matchAll(/\$\{env:(\w+)\}/g)].map((match) => match[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(envOf(collectorContainer)).toHaveProperty(name as string);
  });

  it("listens on the port the Dockerfile exposes", () => {
    const exposed = dockerfile.match(/^EXPOSE (\d+)$/m)?.[1];
    expect(app.portMappings?.map((p) => String(p.containerPort))).toEqual([exposed]);
    expect(appEnv.PORT).toBe(exposed);
  });
});

describe("collector.yaml", () => {
  it("defines every component its pipelines and extensions name", () => {
    const service = collector.service;
    for (const name of service.extensions ?? []) expect(collector.extensions).toHaveProperty(name);
    for (const pipeline of Object.values(service.pipelines)) {
      for (const name of pipeline.receivers) expect(collector.receivers).toHaveProperty(name);
      for (const name of pipeline.processors ?? []) {
        expect(collector.processors).toHaveProperty(name);
      }
      for (const name of pipeline.exporters) expect(collector.exporters).toHaveProperty(name);
    }
  });

  it("has no resourcedetection in the traces pipeline, and says why", () => {
    const processors = collector.service.pipelines.traces?.processors ?? [];
    expect(processors.filter((name) => name.startsWith("resourcedetection"))).toEqual([]);
    expect(collectorText).toMatch(/^# .*NO `resourcedetection` processor with the `ecs` detector/m);
  });

  it("fits a standard SSM parameter (4 KB), where the task definition reads it from", () => {
    expect(statSync(file("collector.yaml")).size).toBeLessThan(4096);
  });
});

describe("Dockerfile", () => {
  it("runs on Node 24 slim as a non-root user", () => {
    expect(dockerfile).toMatch(/^FROM node:24(\.\d+)*-slim\b/m);
    const user = dockerfile.match(/^USER (\S+)$/m)?.[1];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
  });

  it("preloads a package the example depends on, and starts a file that exists", () => {
    const preload = dockerfile.match(/^ENV NODE_OPTIONS="--import (\S+)"$/m)?.[1];
    expect(preload).toBe("@logtrace/bootstrap");
    expect(manifest.dependencies).toHaveProperty(preload as string);
    const entry = JSON.parse(dockerfile.match(/^CMD (\[.*\])$/m)?.[1] ?? "[]") as string[];
    expect(entry[0]).toBe("node");
    expect(existsSync(file(entry[1] ?? "missing"))).toBe(true);
  });
});
