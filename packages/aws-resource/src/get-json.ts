import { createRequire } from "node:module";
import { isJsonObject } from "./ecs-metadata.js";

// Loaded on first use, and through require even from ESM: an ESM `import … from "node:http"`
// builds a facade that reads every export, which pulls in Node's bundled undici (~30 ms).
let http: typeof import("node:http") | undefined;
const loadHttp = () => {
  http ??= createRequire(import.meta.url)("node:http") as typeof import("node:http");
  return http;
};

/** Real metadata responses are a few KiB; a task with many containers stays far below this. */
export const MAX_METADATA_BYTES = 1024 * 1024;

export type GetJsonFailureKind =
  | "bad-url"
  | "refused"
  | "network"
  | "timeout"
  | "status"
  | "too-large"
  | "invalid-json"
  | "not-object";

export type GetJsonResult =
  | { ok: true; json: Record<string, unknown> }
  | { ok: false; kind: GetJsonFailureKind; message: string };

export type GetTextResult =
  | { ok: true; text: string; contentType: string | undefined }
  | { ok: false; kind: GetJsonFailureKind; message: string };

export interface RequestOptions {
  deadline: number;
  budgetMs?: number;
  maxBytes?: number;
  /** Default GET. */
  method?: "GET" | "PUT";
  headers?: Record<string, string>;
}

/**
 * GET a JSON object over plain HTTP (the metadata endpoints are link-local HTTP), bounded as a
 * whole — connect, headers and body — by `deadline` (a `Date.now()` instant) and by `maxBytes`.
 * `budgetMs` is the configured time limit the deadline came from, named in the timeout message.
 * Never throws, never leaves a socket or timer behind.
 */
export async function getJson(url: string, options: RequestOptions): Promise<GetJsonResult> {
  const result = await requestText(url, {
    ...options,
    headers: { accept: "application/json", ...options.headers },
  });
  if (!result.ok) return result;
  let json: unknown;
  try {
    json = JSON.parse(result.text);
  } catch {
    return {
      ok: false,
      kind: "invalid-json",
      message: `body is not JSON (${result.contentType ?? "no content-type"})`,
    };
  }
  if (!isJsonObject(json)) {
    return { ok: false, kind: "not-object", message: "body is JSON but not an object" };
  }
  return { ok: true, json };
}

/** The same bounds as `getJson`, for a text answer (the EC2 instance metadata, its token). */
export function requestText(url: string, options: RequestOptions): Promise<GetTextResult> {
  const maxBytes = options.maxBytes ?? MAX_METADATA_BYTES;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ ok: false, kind: "bad-url", message: `not a URL: ${url}` });
  }
  if (target.protocol !== "http:") {
    return Promise.resolve({
      ok: false,
      kind: "bad-url",
      message: `only http: is supported, got ${target.protocol}`,
    });
  }

  return new Promise((resolve) => {
    let settled = false;
    // Unset only if loading node:http or starting the request threw (caught below).
    let request: import("node:http").ClientRequest | undefined;
    const finish = (result: GetTextResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request?.destroy();
      resolve(result);
    };
    const fail = (kind: GetJsonFailureKind, message: string) =>
      finish({ ok: false, kind, message });

    const timeoutMs = Math.max(0, options.deadline - Date.now());
    const timer = setTimeout(
      () => fail("timeout", `no complete answer within ${options.budgetMs ?? timeoutMs} ms`),
      timeoutMs,
    );

    try {
      request = loadHttp().request(
        target,
        {
          method: options.method ?? "GET",
          agent: false,
          headers: { connection: "close", ...options.headers },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status !== 200) {
            response.resume();
            fail("status", `HTTP ${status}`);
            return;
          }
          const declared = Number(response.headers["content-length"]);
          if (Number.isFinite(declared) && declared > maxBytes) {
            fail("too-large", `body of ${declared} bytes exceeds ${maxBytes}`);
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) fail("too-large", `body exceeds ${maxBytes} bytes`);
            else chunks.push(chunk);
          });
          response.on("error", (error) => fail("network", error.message));
          response.on("end", () =>
            finish({
              ok: true,
              text: Buffer.concat(chunks).toString("utf8"),
              contentType: response.headers["content-type"],
            }),
          );
        },
      );
      request.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "ECONNREFUSED") fail("refused", "connection refused");
        else fail("network", error.code ?? error.message);
      });
      request.end();
    } catch (error) {
      fail("network", (error as Error).message);
    }
  });
}
