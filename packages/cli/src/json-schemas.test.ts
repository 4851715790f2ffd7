import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type FakeEcsMetadata, startFakeEcsMetadata } from "@logtrace/testkit";
import { Ajv } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKS } from "./doctor/checks/index.js";
import { REPO_ROOT } from "./testing/app-trees.testutil.js";
import { cli } from "./testing/run-cli.testutil.js";

// The schemas ship in the package (schemas/*.schema.json); the doctor's checks are documented,
// one heading each, in docs/cli/doctor.md.
const SCHEMAS = join(import.meta.dirname, "..", "schemas");
const SCHEMA_FILES: Record<string, string> = {
  "logtrace.doctor/1": "doctor.schema.json",
  "logtrace.env/1": "env.schema.json",
  "logtrace.query/1": "query.schema.json",
};
function documentedSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMAS, SCHEMA_FILES[name] as string), "utf8"));
}
const DOCTOR_DOC = readFileSync(join(REPO_ROOT, "docs", "cli", "doctor.md"), "utf8");
const ajv = new Ajv({ allErrors: true, strict: true });
function validate(name: string, output: string) {
  const check = ajv.getSchema(name) ?? ajv.compile(documentedSchema(name));
  const valid = check(JSON.parse(output));
  expect(check.errors ?? [], `${name}: ${JSON.stringify(check.errors)}`).toEqual([]);
  expect(valid).toBe(true);
}

let server: FakeEcsMetadata;
beforeAll(async () => {
  server = await startFakeEcsMetadata({ fixture: "fargate-awslogs" });
});
afterAll(() => server.close());

const collector = join(
  import.meta.dirname,
  "doctor",
  "checks",
  "collector-fixtures",
  "field-report.yaml",
);

describe("--json output matches the schemas shipped in schemas/", () => {
  it("doctor: valid, and byte-identical from one run to the next", async () => {
    // Every check has something to say: the repo's own packages as the app, a collector config,
    // the task environment and a metadata endpoint.
    const env = {
      ...server.env,
      OTEL_RESOURCE_ATTRIBUTES: "service.name=doc,aws.log.group.names=/ecs/containerlogs",
      NODE_OPTIONS: "--require /otel-auto-instrumentation/autoinstrumentation.js",
    };
    const argv = [
      "doctor",
      "--json",
      "--cwd",
      join(REPO_ROOT, "packages", "cli"),
      "--collector-config",
      collector,
    ];
    const first = await cli(argv, { env });
    const second = await cli(argv, { env });
    expect(first.stdout).toBe(second.stdout);
    validate("logtrace.doctor/1", first.stdout);
    const report = JSON.parse(first.stdout);
    expect(report.checks.map((c: { id: string }) => c.id)).toEqual(CHECKS.map((c) => c.id));
    expect(report.checks.every((c: { status: string }) => c.status !== "skip")).toBe(true);
  });

  it("doctor: the schema's check ids and docs/cli/doctor.md's headings follow CHECKS", () => {
    const schema = documentedSchema("logtrace.doctor/1") as {
      properties: { checks: { items: { properties: { id: { enum: string[] } } } } };
    };
    expect(schema.properties.checks.items.properties.id.enum).toEqual(CHECKS.map((c) => c.id));
    const headings = [...DOCTOR_DOC.matchAll(/^### (\d+)\. `([a-z-]+)`/gm)].map((m) => [
      Number(m[1]),
      m[2],
    ]);
    expect(headings).toEqual(CHECKS.map((c, i) => [i + 1, c.id]));
  });

  it("env: valid when something is found and when nothing is", async () => {
    validate("logtrace.env/1", (await cli(["env", "--json"], { env: server.env })).stdout);
    validate("logtrace.env/1", (await cli(["env", "--json"], { env: {} })).stdout);
  });

  it("query: valid with and without --index-policy", async () => {
    const trace = "1-698c1601-76b2820f3142596543b58e08";
    validate("logtrace.query/1", (await cli(["query", trace, "--json", "-g", "app"])).stdout);
    validate(
      "logtrace.query/1",
      (await cli(["query", trace, "--json", "--index-policy"], { env: server.env })).stdout,
    );
  });
});
