import { sdkReads } from "@logtrace/testkit";
import { resourceAttributesEnvDetector } from "@opentelemetry/resources";
import { describe, expect, it } from "vitest";
import {
  appendOtelResourceAttributes,
  formatOtelResourceAttributes,
  parseOtelResourceAttributes,
} from "./otel-resource-attributes.js";

// The real SDK detector is the oracle: whatever our parser says must be what it does.
const sdkSees = (value: string) => sdkReads(resourceAttributesEnvDetector, value);

const long = "x".repeat(256);
const cases: Array<[string, string]> = [
  ["plain", "service.name=api,deployment.environment=prod"],
  ["spaces trimmed", " service.name = api , team=core "],
  ["percent-encoded", "service.name=my%2Capi,note=a%3Db,path=%2Fecs%2F100%25"],
  ["a=b=c", "service.name=api,a=b=c"],
  ["no =", "service.name=api,lonely"],
  ["bad escape", "service.name=api,aws.log.group.names=/ecs/100%"],
  ["invalid utf-8 escape", "service.name=api,x=%FF"],
  ["value over 255", `service.name=api,k=${long}`],
  ["key over 255", `service.name=api,${long}=v`],
  ["value of 255 once decoded", `k=${"%41".repeat(255)}`],
  ["empty key", "service.name=api,=v"],
  ["trailing comma (2.7+ skips)", "service.name=api,"],
  ["duplicate key, last wins", "a=1,a=2"],
  ["empty value", "a="],
];

describe("parseOtelResourceAttributes agrees with @opentelemetry/resources", () => {
  it.each(cases)("%s", (_name, value) => {
    const parsed = parseOtelResourceAttributes(value);
    const sdk = sdkSees(value);
    if (parsed.valid) expect(parsed.attributes).toEqual(sdk);
    else expect(sdk).toEqual({});
  });
});

describe("parseOtelResourceAttributes names bad entries", () => {
  it("names the entry that discards the whole variable, and why", () => {
    const parsed = parseOtelResourceAttributes(
      "service.name=api,aws.log.group.names=/ecs/100%,a=b=c",
    );
    expect(parsed.valid).toBe(false);
    expect(parsed.problems.map((p) => [p.entry, p.discardedBy])).toEqual([
      ["aws.log.group.names=/ecs/100%", "all"],
      ["a=b=c", "all"],
    ]);
    expect(parsed.problems[0]?.reason).toMatch(/%25/);
    expect(parsed.problems[1]?.reason).toMatch(/%3D/);
    expect(parsed.entries.map((e) => e.key)).toEqual(["service.name"]);
  });

  it("flags empty entries as fatal for 2.6.x only", () => {
    const parsed = parseOtelResourceAttributes("a=1,,b=2");
    expect(parsed.valid).toBe(true);
    expect(parsed.validForAllVersions).toBe(false);
    expect(parsed.problems).toEqual([expect.objectContaining({ index: 1, discardedBy: "2.6.x" })]);
  });

  it("treats a blank variable as absent", () => {
    expect(parseOtelResourceAttributes("   ")).toMatchObject({ valid: true, problems: [] });
  });
});

describe("formatOtelResourceAttributes", () => {
  const tricky: Record<string, string> = {
    "service.name": "a,b=c%d",
    "aws.log.group.names": "/ecs/app&/aws/ecs/containerinsights/c/app_user",
    "aws.log.group.arns": "arn:aws-cn:logs:cn-north-1:210987654321:log-group:/ecs/api",
    spaced: "  padded  ",
    unicode: "ログ",
  };

  it("round-trips through the real SDK detector exactly", () => {
    const value = formatOtelResourceAttributes(tricky);
    expect(sdkSees(value)).toEqual(tricky);
    expect(parseOtelResourceAttributes(value).validForAllVersions).toBe(true);
  });

  it("keeps ARNs and group names readable", () => {
    expect(formatOtelResourceAttributes({ a: "arn:aws:logs:x:1:log-group:/ecs/a&/b#c" })).toBe(
      "a=arn:aws:logs:x:1:log-group:/ecs/a&/b#c",
    );
  });

  it("refuses to produce a value the SDK would discard", () => {
    expect(() => formatOtelResourceAttributes({ k: "x".repeat(256) })).toThrow(RangeError);
    expect(() => formatOtelResourceAttributes({ "": "v" })).toThrow(RangeError);
  });
});

describe("appendOtelResourceAttributes", () => {
  it("keeps the user's entries verbatim and never creates an empty entry", () => {
    expect(appendOtelResourceAttributes("service.name=api, team=a%2Cb ,", "x=1")).toBe(
      "service.name=api, team=a%2Cb,x=1",
    );
    expect(appendOtelResourceAttributes(undefined, "x=1")).toBe("x=1");
    expect(appendOtelResourceAttributes("  ", "x=1")).toBe("x=1");
  });
});
