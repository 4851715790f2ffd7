import { spawn } from "node:child_process";
import { startFakeEcsMetadata } from "@logtrace/testkit";
const bin = new URL("./dist/bin.js", import.meta.url).pathname;
const run = async (title, args, env = {}) => {
  const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH, ...env } });
  let stdout = ""; let stderr = "";
  child.stdout.on("data", (d) => { stdout += d; });
  child.stderr.on("data", (d) => { stderr += d; });
  const status = await new Promise((r) => child.on("close", r));
  const r = { stdout, stderr, status };
  console.log(`===== ${title}\n$ logtrace ${args.join(" ")}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit ${r.status}\n`);
};
const which = process.argv[2];
const server = await startFakeEcsMetadata({ fixture: process.argv[3] ?? "fargate-awslogs" });
const E = server.env;
if (which === "env") {
  await run("env shell", ["env"], { ...E, OTEL_RESOURCE_ATTRIBUTES: "service.name=checkout" });
  await run("env dotenv", ["env", "--format", "dotenv"], E);
  await run("env json", ["env", "--json"], E);
  await run("env none", ["env"], {});
  await run("env kept", ["env"], { ...E, OTEL_RESOURCE_ATTRIBUTES: "aws.log.group.names=mine" });
  await run("env bad", ["env", "--format", "yaml"], {});
}
if (which === "ecs") {
  await run("doctor ecs match", ["doctor", "--cwd", "/tmp/samples"], { ...E, OTEL_RESOURCE_ATTRIBUTES: "service.name=checkout,aws.log.group.names=/ecs/containerlogs" });
  await run("doctor ecs mismatch", ["doctor", "--cwd", "/tmp/samples"], { ...E, OTEL_RESOURCE_ATTRIBUTES: "service.name=ecs-express-app,aws.log.group.names=EcsNativeBlueGreenStack-FirelensConstructFirelensLogGroupD186C82F-Oieo4YPQifeI" });
  await run("doctor ecs none", ["doctor", "--cwd", "/tmp/samples"], { ...E });
}
if (which === "ecsfault") {
  await server.close();
  const bad = await startFakeEcsMetadata({ fault: "never-answers" });
  await run("doctor ecs unreachable", ["doctor", "--cwd", "/tmp/samples", "--timeout", "500"], { ...bad.env });
  await bad.close();
}
if (which === "query") {
  await run("query text", ["query", "1-698c1601-76b2820f3142596543b58e08", "--index-policy"], { ...E });
  await run("query json", ["query", "698c160176b2820f3142596543b58e08", "-g", "EcsNativeBlueGreenStack-FirelensConstructFirelensLogGroupD186C82F-wTQ4890Mp8e9", "--region", "us-east-1", "--json"], {});
  await run("query bad", ["query", "1-698c1601-76b2820f"], {});
}
await server.close();
