import semver from "semver";
import { instrumentationOf, LOGGERS, type Logger } from "./loggers.js";
import type { InstalledPackages, PackageCopy } from "./scan/installed-packages.js";
import { readDeclaredRanges } from "./scan/instrumentation-ranges.js";
import type { DoctorContext } from "./types.js";

export type Origin = "app" | "agent";

export interface InstrumentationCopy {
  copy: PackageCopy;
  origin: Origin;
  /** `ranges.join(" || ")`, or undefined when the code did not say. */
  range: string | undefined;
  rangeFile: string | undefined;
}

export interface LoggerCoverage {
  logger: Logger;
  /** The logger's copies in the app. */
  copies: PackageCopy[];
  instrumentations: InstrumentationCopy[];
  /** Whether `instrumentation` patches `copy`, as @opentelemetry/instrumentation decides it. */
  patches(instrumentation: InstrumentationCopy, copy: PackageCopy): boolean | undefined;
  /** True when every copy is patched by at least one instrumentation copy. */
  allCopiesPatched: boolean;
}

const cache = new WeakMap<DoctorContext, LoggerCoverage[]>();

/** For each installed logger: its copies and the instrumentation copies that might patch them. */
export function loggerCoverage(context: DoctorContext): LoggerCoverage[] {
  const cached = cache.get(context);
  if (cached) return cached;
  const result = LOGGERS.map((logger) => coverageOf(logger, context.app, context.agent)).filter(
    (coverage) => coverage.copies.length > 0,
  );
  cache.set(context, result);
  return result;
}

function coverageOf(
  logger: Logger,
  app: InstalledPackages,
  agent: InstalledPackages | null,
): LoggerCoverage {
  const name = instrumentationOf(logger);
  const tagged: Array<[PackageCopy, Origin]> = [
    ...app.copies(name).map((copy): [PackageCopy, Origin] => [copy, "app"]),
    ...(agent?.copies(name) ?? []).map((copy): [PackageCopy, Origin] => [copy, "agent"]),
  ];
  const instrumentations = tagged.map(([copy, origin]) => {
    const declared = readDeclaredRanges(copy.dir, logger);
    return {
      copy,
      origin,
      range: declared?.ranges.join(" || "),
      rangeFile: declared?.file,
    };
  });
  const copies = app.copies(logger);
  // Same test as @opentelemetry/instrumentation's isSupported(): semver.satisfies, prereleases
  // excluded (none of the logger instrumentations opts in to them).
  const patches = (instrumentation: InstrumentationCopy, copy: PackageCopy) =>
    instrumentation.range === undefined || semver.valid(copy.version) === null
      ? undefined
      : semver.satisfies(copy.version, instrumentation.range);
  return {
    logger,
    copies,
    instrumentations,
    patches,
    allCopiesPatched: copies.every((copy) =>
      instrumentations.some((i) => patches(i, copy) === true),
    ),
  };
}
