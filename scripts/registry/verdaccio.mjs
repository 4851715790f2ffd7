// A real npm registry for the @logtrace scope only, on loopback: Verdaccio in a child process
// with a temporary storage and a config written here. Nothing is proxied: any other package
// must come from the normal npm registry, as it does for users.
import { once } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startChild } from "./processes.mjs";

const START_TIMEOUT_MS = 30_000;

// npm refuses to publish without a token; Verdaccio lets anonymous callers publish this scope,
// so any token does.
export const PUBLISH_TOKEN = "logtrace-registry-test";

function configYaml(dir) {
  return `storage: ${JSON.stringify(join(dir, "storage"))}
auth:
  htpasswd:
    file: ${JSON.stringify(join(dir, "htpasswd"))}
    max_users: -1
uplinks: {}
packages:
  "@logtrace/*":
    access: $all
    publish: $anonymous $authenticated
    unpublish: $anonymous $authenticated
web:
  enable: false
max_body_size: 50mb
log: { type: stdout, format: json, level: warn }
`;
}

/**
 * Starts Verdaccio with its files under `dir`. Resolves with its URL (trailing slash), its
 * output so far, and stop().
 */
export async function startVerdaccio(dir) {
  mkdirSync(join(dir, "storage"), { recursive: true });
  const configFile = join(dir, "config.yaml");
  writeFileSync(configFile, configYaml(dir));
  const server = join(import.meta.dirname, "verdaccio-server.mjs");
  const child = startChild(process.execPath, [server, configFile], { cwd: dir });
  let output = "";
  const closed = once(child, "close");
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`Verdaccio did not listen within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      output += chunk;
      const port = output.match(/^\{"port":(\d+)\}$/m)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(Number(port));
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      output += chunk;
    });
    closed.then(([code, signal]) => {
      clearTimeout(timer);
      reject(new Error(`Verdaccio exited (${code ?? signal}) before listening:\n${output}`));
    });
  }).catch((error) => {
    child.kill("SIGKILL");
    throw error;
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await closed;
      clearTimeout(timer);
    },
  };
}
