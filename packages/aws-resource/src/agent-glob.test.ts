import { describe, expect, it } from "vitest";
import { agentGlobMatches } from "./agent-glob.js";

describe("the CloudWatch agent's file_path globs", () => {
  it.each([
    ["/var/log/app/*.log", "/var/log/app/app.log", true],
    ["/var/log/app/*.log", "/var/log/app/.hidden.log", true],
    ["/var/log/app/*.log", "/var/log/app/sub/app.log", false],
    ["/var/log/app/*.log", "/var/log/app/app.log.1", false],
    ["/var/log/app/app.log*", "/var/log/app/app.log.2026-01-05", true],
    ["/var/log/app/?pp.log", "/var/log/app/app.log", true],
    ["/var/log/app/?pp.log", "/var/log/app/pp.log", false],
    ["/var/log/**.log", "/var/log/app/deep/x.log", true],
    ["/var/log/**/x.log", "/var/log/a/b/x.log", true],
    ["/var/log/app/{app,web}.log", "/var/log/app/web.log", true],
    ["/var/log/app/{app,web}.log", "/var/log/app/db.log", false],
    ["/var/log/app/[ab]pp.log", "/var/log/app/bpp.log", true],
    ["/var/log/app/[!a]pp.log", "/var/log/app/app.log", false],
    ["/var/log/app/[^a]pp.log", "/var/log/app/xpp.log", true],
    ["/var/log/app/app.log", "/var/log/app/app.log", true],
    ["/var/log/app/app.log", "/var/log/app/appxlog", false],
    ["/var/log/app (1)/a+b.log", "/var/log/app (1)/a+b.log", true],
  ])("%s against %s: %s", (glob, path, expected) => {
    expect(agentGlobMatches(glob, path)).toBe(expected);
  });
});
