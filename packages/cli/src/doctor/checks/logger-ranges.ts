import { loggerCoverage } from "../instrumentation-coverage.js";
import { adapterOf, instrumentationOf, LOGGERS } from "../loggers.js";
import { copyData, describeCopy } from "../present.js";
import type { CheckDefinition, Finding } from "../types.js";

/** Check 1: each installed logger copy against the ranges its OTel instrumentations declare. */
export const loggerRangesCheck: CheckDefinition = {
  id: "logger-instrumentation-ranges",
  title: "Logger versions vs. the OpenTelemetry instrumentations' supported ranges",
  run(context) {
    const coverage = loggerCoverage(context);
    if (coverage.length === 0) {
      return [
        {
          status: "warn",
          message: `none of ${LOGGERS.join(", ")} is installed under ${context.cwd}: nothing to check`,
          fix: "run logtrace doctor in the app's directory (or pass --cwd) after installing its dependencies",
        },
      ];
    }
    const findings: Finding[] = [];
    for (const { logger, copies, instrumentations, patches } of coverage) {
      const instrumentation = instrumentationOf(logger);
      if (instrumentations.length === 0) {
        findings.push({
          status: "skip",
          message: `${logger} is installed but no ${instrumentation} was found in the app${context.agent ? " or the agent dir" : " (pass --agent-dir if an agent image brings its own node_modules)"}`,
          data: { logger, copies: copies.map(copyData), instrumentations: [] },
        });
        continue;
      }
      const adapterInstalled = context.app.copies(adapterOf(logger)).length > 0;
      for (const instr of instrumentations) {
        // Where each copy sits is in `data`; the line stays short.
        const instrName = `${instrumentation} ${instr.copy.version} [${instr.origin}]`;
        if (instr.range === undefined) {
          findings.push({
            status: "warn",
            message: `could not read the ${logger} range from ${instrName}: its code has no InstrumentationNodeModuleDefinition("${logger}", …) this doctor understands`,
            fix: `check the supported versions in ${instrumentation}'s README for version ${instr.copy.version}`,
            data: {
              logger,
              instrumentation: copyData(instr.copy),
              origin: instr.origin,
              range: null,
            },
          });
          continue;
        }
        for (const copy of copies) {
          const patched = patches(instr, copy);
          const data = {
            logger,
            copy: copyData(copy),
            instrumentation: copyData(instr.copy),
            origin: instr.origin,
            range: instr.range,
            rangeFile: instr.rangeFile,
            inRange: patched ?? null,
          };
          if (patched === true) {
            findings.push({
              status: "ok",
              message: `${describeCopy(copy, context.cwd)} is within ${instrName}'s range ${instr.range}`,
              data,
            });
          } else if (patched === false) {
            findings.push({
              status: adapterInstalled ? "warn" : "fail",
              message: `${describeCopy(copy, context.cwd)} is outside ${instrName}'s range ${instr.range}: the ${instr.origin === "agent" ? "agent" : "instrumentation"} will not add trace ids to its lines`,
              fix: adapterInstalled
                ? `${adapterOf(logger)} is installed: create every ${logger} logger through it`
                : `use ${adapterOf(logger)} (trace ids through ${logger}'s own options, any version), or pin ${logger} into ${instr.range}`,
              data,
            });
          } else {
            findings.push({
              status: "warn",
              message: `${describeCopy(copy, context.cwd)} has a version semver cannot read, so whether ${instrName} patches it is unknown`,
              data,
            });
          }
        }
      }
    }
    return findings;
  },
};
