import {
  encodeOtelResourceAttributeText,
  parseOtelResourceAttributes,
  type ResourceAttributeProblem,
} from "@logtrace/aws-resource";
import semver from "semver";
import { logGroupNameOfArn } from "../log-groups.js";
import type { CheckDefinition, DoctorContext, Finding } from "../types.js";

const NAMES = "aws.log.group.names";
const ARNS = "aws.log.group.arns";
const RESOURCES = "@opentelemetry/resources";

/** Installed @opentelemetry/resources 2.6.x copies: the only ones an empty entry breaks. */
function resources26(context: DoctorContext): string[] {
  const copies = [...context.app.copies(RESOURCES), ...(context.agent?.copies(RESOURCES) ?? [])];
  return copies
    .map((copy) => copy.version)
    .filter((version) => semver.valid(version) !== null && semver.satisfies(version, "~2.6.0"));
}

/** A corrected spelling of a bad entry, when encoding can produce one. */
function suggestion(problem: ResourceAttributeProblem): string | undefined {
  const at = problem.entry.indexOf("=");
  if (at <= 0) return undefined;
  const key = problem.entry.slice(0, at).trim();
  const value = problem.entry.slice(at + 1).trim();
  const fixed = `${encodeOtelResourceAttributeText(safeDecode(key))}=${encodeOtelResourceAttributeText(safeDecode(value))}`;
  return fixed.length <= 600 && parseOtelResourceAttributes(fixed).problems.length === 0
    ? fixed
    : undefined;
}

/** Decodes what decodes; a lone `%` stays a literal percent sign. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const split = (value: string | undefined) => (value ?? "").split("&").filter((part) => part !== "");

/** Check 4: OTEL_RESOURCE_ATTRIBUTES as @opentelemetry/resources >= 2.6 reads it. */
export const resourceAttributesCheck: CheckDefinition = {
  id: "otel-resource-attributes",
  title: "OTEL_RESOURCE_ATTRIBUTES (as @opentelemetry/resources >= 2.6 reads it)",
  run(context) {
    const raw = context.env.OTEL_RESOURCE_ATTRIBUTES;
    if (raw === undefined || raw.trim() === "") {
      return [
        {
          status: "warn",
          message: `OTEL_RESOURCE_ATTRIBUTES is not set: no ${NAMES}, so Application Signals does not know where this service's logs are`,
          fix: `set ${NAMES}=<your log group> (on ECS, \`eval "$(logtrace env)"\` or @logtrace/bootstrap finds it)`,
          data: { value: null },
        },
      ];
    }
    const parsed = parseOtelResourceAttributes(raw);
    const findings: Finding[] = [];
    const breaking26 = resources26(context);
    for (const problem of parsed.problems) {
      const fixed = suggestion(problem);
      const fatalHere = problem.discardedBy === "all" || breaking26.length > 0;
      findings.push({
        status: fatalHere ? "fail" : "warn",
        message:
          problem.discardedBy === "all"
            ? `entry #${problem.index + 1} ${JSON.stringify(problem.entry)}: ${problem.reason}; @opentelemetry/resources >= 2.6 discards the WHOLE variable (service.name and every other attribute)`
            : `entry #${problem.index + 1}: ${problem.reason}${breaking26.length > 0 ? `; installed here: ${RESOURCES} ${breaking26.join(", ")}` : ""}`,
        fix: fixed
          ? `write it as ${fixed}`
          : problem.discardedBy === "all"
            ? "fix or remove that entry"
            : "remove the extra comma",
        data: { problem, suggestion: fixed ?? null, resources26: breaking26 },
      });
    }
    if (!parsed.valid) return findings;

    const attributes = parsed.attributes;
    const names = split(attributes[NAMES]);
    const arns = split(attributes[ARNS]);
    const data = { attributes, logGroupNames: names, logGroupArns: arns };
    findings.push({
      status: "ok",
      message: `${parsed.entries.length} entr${parsed.entries.length === 1 ? "y" : "ies"} read${attributes["service.name"] ? `, service.name=${attributes["service.name"]}` : ""}`,
      data,
    });
    if (names.length === 0 && arns.length === 0) {
      findings.push({
        status: "warn",
        message: `no ${NAMES}: Application Signals does not know where this service's logs are`,
        fix: `add ${NAMES}=<group>[&<group>…] (on ECS, \`logtrace env\` prints it)`,
        data,
      });
    } else if (names.length > 0) {
      findings.push({ status: "ok", message: `${NAMES}: ${names.join(", ")}`, data });
    }
    if (arns.length > 0) {
      const arnNames = arns.map(logGroupNameOfArn);
      const unreadable = arns.filter((_, i) => arnNames[i] === undefined);
      const fromArns = arnNames.filter((name): name is string => name !== undefined);
      const same =
        unreadable.length === 0 &&
        names.length > 0 &&
        fromArns.length === names.length &&
        fromArns.every((name) => names.includes(name));
      if (unreadable.length > 0) {
        findings.push({
          status: "fail",
          message: `${ARNS} has ${unreadable.map((a) => JSON.stringify(a)).join(", ")}, not log group ARNs (arn:aws:logs:REGION:ACCOUNT:log-group:NAME)`,
          fix: `write full log group ARNs in ${ARNS}, or drop it and keep ${NAMES}`,
          data,
        });
      } else if (names.length > 0 && !same) {
        findings.push({
          status: "fail",
          message: `${ARNS} names ${fromArns.join(", ")} but ${NAMES} names ${names.join(", ")}: the X-Ray exporter puts the ARNs in the segment, so the console searches the ARNs' groups`,
          fix: `make both name the same groups, or drop ${ARNS}`,
          data,
        });
      } else if (names.length > 0) {
        findings.push({ status: "ok", message: `${ARNS} names the same groups as ${NAMES}`, data });
      }
    }
    const underEcs = [...names, ...arns.map(logGroupNameOfArn)].filter(
      (name): name is string => name?.startsWith("/ecs/") === true,
    );
    if (underEcs.length > 0) {
      findings.push({
        status: "warn",
        message: `${[...new Set(underEcs)].join(", ")} starts with /ecs/: the console's trace-to-logs search also lists every /ecs/* group in the account and scans them, this one included, with an unindexed \`@message like\` filter (billed per GB scanned; a field index does not help that search)`,
        fix: "prefer a group name outside /ecs/ and keep /ecs/* groups small; for a cheap lookup of one trace use `logtrace query <trace-id>` (filterIndex)",
        data,
      });
    }
    return findings;
  },
};
