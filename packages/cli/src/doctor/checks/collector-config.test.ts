import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, tempDir } from "../../testing/app-trees.testutil.js";
import { doctorJson, findingsOf } from "../../testing/run-cli.testutil.js";

const fixture = (name: string) => join(import.meta.dirname, "collector-fixtures", name);

async function collector(name: string) {
  const { report } = await doctorJson([
    "--cwd",
    tempDir("collector"),
    "--collector-config",
    fixture(name),
  ]);
  return findingsOf(report, "collector-config");
}

afterAll(removeTempDirs);

const statuses = (findings: Awaited<ReturnType<typeof collector>>) => findings.map((f) => f.status);

describe("doctor check 6: the collector config", () => {
  it("fails the field report's pipeline: resourcedetection with the ecs detector in traces", async () => {
    const findings = await collector("field-report.yaml");
    expect(statuses(findings)).toEqual(["fail"]);
    const [ecs] = findings;
    expect(ecs?.message).toContain(
      "pipeline traces runs resourcedetection with detectors [env, ecs]",
    );
    expect(ecs?.message).toContain("override: false does not help");
    expect(ecs?.fix).toContain("remove ecs");
    expect(ecs?.data).toMatchObject({
      pipeline: "traces",
      processor: "resourcedetection",
      override: false,
      overrideExplicit: true,
    });
  });

  it("passes the same collector after the fix (ecs detection only in metrics)", async () => {
    const findings = await collector("field-report-fixed.yaml");
    expect(statuses(findings)).toEqual(["ok"]);
    expect(findings[0]?.message).toContain("pipeline traces [filter/exclude_health, batch]");
  });

  it("warns about override when it is left at the collector's default (true)", async () => {
    const findings = await collector("override-by-default.yaml");
    expect(statuses(findings)).toEqual(["warn"]);
    expect(findings[0]?.message).toContain("override: true (the default when not set)");
    expect(findings[0]?.data).toMatchObject({
      override: true,
      overrideExplicit: false,
      detectors: ["env"],
    });
  });

  it("warns about an explicit override: true and about a traces pipeline without batch", async () => {
    const findings = await collector("override-explicit-no-batch.yaml");
    expect(statuses(findings)).toEqual(["warn", "warn"]);
    expect(findings[0]?.message).toMatch(/resourcedetection\/system has override: true:/);
    expect(findings[1]?.message).toContain("pipeline traces has no batch processor");
  });

  it("fails a processor used in a pipeline but never defined", async () => {
    const findings = await collector("undefined-processor.yaml");
    expect(statuses(findings)).toEqual(["fail"]);
    expect(findings[0]?.message).toContain(
      "uses processor attributes/redact, which is not defined",
    );
  });

  it("fails a file that is not YAML, naming the line", async () => {
    // Written here rather than kept as a fixture: the repo's linter parses every .yaml file.
    const file = join(tempDir("collector"), "invalid.yaml");
    writeFileSync(file, "receivers:\n  otlp:\n    protocols: [grpc\nprocessors:\n  batch:\n");
    const { report } = await doctorJson([
      "--cwd",
      tempDir("collector"),
      "--collector-config",
      file,
    ]);
    const findings = findingsOf(report, "collector-config");
    expect(statuses(findings)).toEqual(["fail"]);
    expect(findings[0]?.message).toMatch(
      /is not valid YAML: .* at line \d+, column \d+; the collector will not start$/,
    );
  });

  it("fails a YAML file whose top level is not a mapping", async () => {
    expect(statuses(await collector("not-a-mapping.yaml"))).toEqual(["fail"]);
  });

  it("warns when there is no traces pipeline, and leaves ecs detection in metrics alone", async () => {
    const findings = await collector("metrics-only.yaml");
    expect(statuses(findings)).toEqual(["warn"]);
    expect(findings[0]?.data).toMatchObject({ pipelines: ["metrics"] });
  });

  it("checks every traces/<name> pipeline and follows YAML anchors and merge keys", async () => {
    const findings = await collector("named-pipelines-anchors.yaml");
    expect(findings.map((f) => [f.status, f.data?.pipeline])).toEqual([
      ["fail", "traces/app"],
      ["ok", "traces/clean"],
    ]);
    expect(findings[0]?.data).toMatchObject({ detectors: ["ecs", "env"], override: false });
  });

  it("is skipped without --collector-config, and a missing file is a usage error (exit 2)", async () => {
    const { report } = await doctorJson(["--cwd", tempDir("collector")]);
    expect(statuses(findingsOf(report, "collector-config"))).toEqual(["skip"]);
    await expect(
      doctorJson(["--cwd", tempDir("collector"), "--collector-config", fixture("absent.yaml")]),
    ).rejects.toThrow(/--collector-config .*absent.yaml does not exist/);
  });
});
