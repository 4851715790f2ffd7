import { logGroupArn } from "./arn.js";
import type { AwsLocation } from "./ecs-attributes.js";
import {
  appendOtelResourceAttributes,
  fitsOtelResourceAttributeLimit,
  formatOtelResourceAttributes,
  type ParsedResourceAttributes,
} from "./otel-resource-attributes.js";
import type { Diagnostic } from "./types.js";

export const LOG_GROUP_NAMES = "aws.log.group.names";
export const LOG_GROUP_ARNS = "aws.log.group.arns";
/** Application Signals and the X-Ray exporter split these values on `&`. */
const GROUP_SEPARATOR = "&";

export interface Composition {
  otelResourceAttributes: string | undefined;
  /** What went into the variable, decoded. */
  attributes: Record<string, string>;
  /** Everything we determined, for an SDK resource built in code (no 255-character limit). */
  resourceAttributes: Record<string, string>;
  logGroupArns: string[];
  /** Group names left out of the variable because they do not fit in 255 characters. */
  omittedLogGroupNames: string[];
  diagnostics: Diagnostic[];
}

/**
 * Puts our attributes after the user's, never replacing a key the user set, and keeps the
 * variable valid for `@opentelemetry/resources` >= 2.6:
 *
 * - `aws.log.group.names` takes as many whole names, in order, as fit in 255 characters; a name
 *   that does not fit is left out of the variable (one warning) but kept in `resourceAttributes`;
 * - `aws.log.group.arns` goes in only when it names exactly the same groups and fits too
 *   (the X-Ray exporter prefers ARNs over names, so a partial ARN list would hide names);
 * - any other value over 255 characters is left out of the variable (debug line).
 *
 * If the user's own value is malformed, the SDK discards all of it whatever we append, so the
 * variable is left as it is (the caller has already named the bad entry).
 */
export function compose(input: {
  userValue: string | undefined;
  user: ParsedResourceAttributes | undefined;
  logGroupNames: string[];
  location: AwsLocation | undefined;
  extra: Array<[string, string]>;
}): Composition {
  const diagnostics: Diagnostic[] = [];
  const userKeys = new Set(input.user?.entries.map((entry) => entry.key));
  const names = input.logGroupNames;
  const location = input.location;
  const arns = location ? names.map((name) => logGroupArn(location, name)) : [];

  const resourceAttributes: Record<string, string> = {};
  const variable: Array<[string, string]> = [];
  const omittedLogGroupNames: string[] = [];

  if (names.length > 0) {
    resourceAttributes[LOG_GROUP_NAMES] = names.join(GROUP_SEPARATOR);
    if (arns.length > 0) resourceAttributes[LOG_GROUP_ARNS] = arns.join(GROUP_SEPARATOR);

    const fitting: number[] = [];
    names.forEach((name, index) => {
      const joined = [...fitting.map((i) => names[i]), name].join(GROUP_SEPARATOR);
      if (fitsOtelResourceAttributeLimit(joined)) fitting.push(index);
      else omittedLogGroupNames.push(name);
    });
    if (fitting.length > 0) {
      variable.push([LOG_GROUP_NAMES, fitting.map((i) => names[i]).join(GROUP_SEPARATOR)]);
      const fittingArns = fitting.map((i) => arns[i]).join(GROUP_SEPARATOR);
      if (arns.length > 0 && fitsOtelResourceAttributeLimit(fittingArns)) {
        variable.push([LOG_GROUP_ARNS, fittingArns]);
      } else if (arns.length > 0) {
        diagnostics.push({
          level: "debug",
          message: `aws.log.group.arns left out of OTEL_RESOURCE_ATTRIBUTES: ${fittingArns.length} characters, the limit is 255 (the names are enough to correlate)`,
        });
      }
    }
    if (omittedLogGroupNames.length > 0) {
      diagnostics.push({
        level: "warn",
        message: `log group(s) ${omittedLogGroupNames.join(", ")} do not fit in OTEL_RESOURCE_ATTRIBUTES (255 characters per value): left out of the variable that child processes and agents read; the SDK started here still carries them`,
      });
    }
  }

  for (const [key, value] of input.extra) {
    resourceAttributes[key] = value;
    if (fitsOtelResourceAttributeLimit(value)) variable.push([key, value]);
    else {
      diagnostics.push({
        level: "debug",
        message: `${key} left out of OTEL_RESOURCE_ATTRIBUTES: ${value.length} characters, the limit is 255`,
      });
    }
  }

  // The user's keys always win, in the variable and in code.
  for (const key of userKeys) delete resourceAttributes[key];
  const added = variable.filter(([key]) => !userKeys.has(key));

  if (input.user !== undefined && !input.user.valid) {
    return {
      otelResourceAttributes: undefined,
      attributes: {},
      resourceAttributes,
      logGroupArns: arns,
      omittedLogGroupNames,
      diagnostics,
    };
  }
  return {
    otelResourceAttributes:
      added.length === 0
        ? undefined
        : appendOtelResourceAttributes(input.userValue, formatOtelResourceAttributes(added)),
    attributes: Object.fromEntries(added),
    resourceAttributes,
    logGroupArns: arns,
    omittedLogGroupNames,
    diagnostics,
  };
}
