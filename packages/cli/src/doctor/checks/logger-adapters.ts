import { loggerCoverage } from "../instrumentation-coverage.js";
import { adapterOf, instrumentationOf } from "../loggers.js";
import { copyData, describeCopy } from "../present.js";
import type { CheckDefinition, Finding } from "../types.js";

/** Check 2: is the @logtrace adapter installed for each installed logger? */
export const loggerAdaptersCheck: CheckDefinition = {
  id: "logtrace-adapters",
  title: "@logtrace adapter for each installed logger",
  run(context) {
    const coverage = loggerCoverage(context);
    if (coverage.length === 0) {
      return [{ status: "skip", message: "no pino, winston or bunyan installed" }];
    }
    return coverage.map(
      ({ logger, copies, instrumentations, patches, allCopiesPatched }): Finding => {
        const adapter = adapterOf(logger);
        const adapters = context.app.copies(adapter);
        const versions = copies.map((copy) => copy.version).join(", ");
        const data = {
          logger,
          adapter,
          copies: copies.map(copyData),
          adapters: adapters.map(copyData),
          patchedByInstrumentation: allCopiesPatched,
        };
        if (adapters.length > 0) {
          return {
            status: "ok",
            message: `${logger} ${versions}: ${adapters.map((a) => describeCopy(a, context.cwd)).join(", ")} is installed`,
            data,
          };
        }
        if (allCopiesPatched) {
          return {
            status: "warn",
            message: `${logger} ${versions} gets trace ids only from ${instrumentationOf(logger)} patching it: that stops on the next ${logger} major outside its range, under ESM imports and in bundles`,
            fix: `install ${adapter}: it adds trace ids through ${logger}'s own options, with or without the agent`,
            data,
          };
        }
        const unpatched = copies.filter(
          (copy) => !instrumentations.some((instr) => patches(instr, copy) === true),
        );
        return {
          status: "fail",
          message: `nothing adds trace ids to the lines of ${unpatched.map((c) => describeCopy(c, context.cwd)).join(", ")}: ${adapter} is not installed and ${instrumentations.length === 0 ? `no ${instrumentationOf(logger)} is installed` : `no ${instrumentationOf(logger)} found covers ${unpatched.length === 1 ? "it" : "them"}`}`,
          fix: `install ${adapter} and create the ${logger} logger through it (see its README)`,
          data,
        };
      },
    );
  },
};
