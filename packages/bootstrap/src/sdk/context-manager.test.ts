import { EventEmitter, errorMonitor, once } from "node:events";
import http from "node:http";
import { setImmediate as tick } from "node:timers/promises";
import { createContextKey, ROOT_CONTEXT } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { LeanContextManager } from "./context-manager.js";

const key = createContextKey("test");
const named = (name: string) => ROOT_CONTEXT.setValue(key, name);
const nameOf = (manager: LeanContextManager) => manager.active().getValue(key);

let manager = new LeanContextManager(ROOT_CONTEXT);
afterEach(() => {
  manager.disable();
  manager = new LeanContextManager(ROOT_CONTEXT);
});

describe("LeanContextManager.with", () => {
  it("is the root outside any call and restores the outer context after one", () => {
    expect(manager.active()).toBe(ROOT_CONTEXT);
    manager.with(named("outer"), () => {
      manager.with(named("inner"), () => expect(nameOf(manager)).toBe("inner"));
      expect(nameOf(manager)).toBe("outer");
    });
    expect(manager.active()).toBe(ROOT_CONTEXT);
  });

  it("passes this and the arguments, and returns the result", () => {
    const self = { base: 40 };
    const result = manager.with(
      named("a"),
      function (this: typeof self, x: number, y: number) {
        return this.base + x + y;
      },
      self,
      1,
      1,
    );
    expect(result).toBe(42);
  });

  it("restores the outer context when the function throws", () => {
    const outer = named("outer");
    manager.with(outer, () => {
      expect(() =>
        manager.with(named("inner"), () => {
          throw new Error("boom");
        }),
      ).toThrow("boom");
      expect(manager.active()).toBe(outer);
    });
  });

  it("carries the context across timers and promises", async () => {
    const seen = await manager.with(named("async"), async () => {
      await tick();
      const afterTimer = await new Promise((resolve) =>
        setTimeout(() => resolve(nameOf(manager)), 1),
      );
      return [nameOf(manager), afterTimer];
    });
    expect(seen).toEqual(["async", "async"]);
    expect(manager.active()).toBe(ROOT_CONTEXT);
  });
});

describe("LeanContextManager.bind", () => {
  it("runs a bound function in its context, with this, arguments and arity kept", () => {
    const errorHandler = function (
      this: unknown,
      _err: unknown,
      _req: unknown,
      _res: unknown,
      _next: unknown,
    ) {
      return [this, nameOf(manager)];
    };
    const bound = manager.bind(named("bound"), errorHandler);
    expect(bound.length).toBe(4);
    for (const arity of [0, 1, 2, 3, 5, 6]) {
      const target = new Function(
        ...Array.from({ length: arity }, (_, i) => `a${i}`),
        "return arguments.length",
      );
      const wrapped = manager.bind(named("bound"), target as (...args: unknown[]) => number);
      expect([wrapped.length, wrapped(1, 2, 3, 4, 5, 6, 7)]).toEqual([arity, 7]);
    }
    const self = {};
    manager.with(named("caller"), () =>
      expect(bound.call(self, 1, 2, 3, 4)).toEqual([self, "bound"]),
    );
  });

  it("runs every listener of a bound emitter in its context, however it was added", () => {
    const emitter = new EventEmitter();
    const seen: Array<[string, unknown]> = [];
    emitter.on("event", () => seen.push(["before binding", nameOf(manager)]));
    manager.bind(named("bound"), emitter);
    emitter.on("event", () => seen.push(["on", nameOf(manager)]));
    emitter.once("event", () => seen.push(["once", nameOf(manager)]));
    emitter.prependListener("event", () => seen.push(["prepend", nameOf(manager)]));
    manager.with(named("emitter's caller"), () => emitter.emit("event"));
    emitter.emit("event");
    expect(seen).toEqual([
      ["prepend", "bound"],
      ["before binding", "bound"],
      ["on", "bound"],
      ["once", "bound"],
      ["prepend", "bound"],
      ["before binding", "bound"],
      ["on", "bound"],
    ]);
  });

  it("runs error monitors in the bound context", () => {
    const emitter = new EventEmitter();
    manager.bind(named("bound"), emitter);
    let seen: unknown;
    emitter.on(errorMonitor, () => {
      seen = nameOf(manager);
    });
    expect(() => emitter.emit("error", new Error("unhandled"))).toThrow("unhandled");
    expect(seen).toBe("bound");
  });

  it("leaves adding and removing listeners as they were", () => {
    const emitter = new EventEmitter();
    manager.bind(named("bound"), emitter);
    const listener = () => {};
    emitter.on("event", listener);
    expect(emitter.listeners("event")).toEqual([listener]);
    emitter.off("event", listener);
    expect(emitter.listenerCount("event")).toBe(0);
    emitter.once("event", listener);
    emitter.removeListener("event", listener);
    expect(emitter.emit("event")).toBe(false);
  });

  it("keeps the first binding of an emitter", () => {
    const emitter = new EventEmitter();
    manager.bind(named("first"), emitter);
    manager.bind(named("second"), emitter);
    let seen: unknown;
    emitter.on("event", () => {
      seen = nameOf(manager);
    });
    emitter.emit("event");
    expect(seen).toBe("first");
  });

  it("returns anything else unchanged", () => {
    const value = { not: "bindable" };
    expect(manager.bind(named("x"), value)).toBe(value);
  });

  it("gives a request's body events the request's context on a real server", async () => {
    const seen: unknown[] = [];
    const server = http.createServer((req, res) => {
      manager.with(named(String(req.headers["x-name"])), () => {
        manager.bind(manager.active(), req);
        manager.bind(manager.active(), res);
      });
      req.on("data", () => seen.push(["data", req.headers["x-name"], nameOf(manager)]));
      req.on("end", () => {
        seen.push(["end", req.headers["x-name"], nameOf(manager)]);
        res.end("ok");
      });
      res.on("finish", () => seen.push(["finish", req.headers["x-name"], nameOf(manager)]));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as { port: number };
    const post = (name: string) =>
      new Promise<void>((resolve, reject) => {
        const req = http.request(
          { host: "127.0.0.1", port, method: "POST", headers: { "x-name": name } },
          (res) => {
            res.resume();
            res.on("end", resolve);
          },
        );
        req.on("error", reject);
        req.end("body");
      });
    await Promise.all([post("one"), post("two")]);
    server.close();
    expect(seen).toHaveLength(6);
    for (const [, name, active] of seen as Array<[string, string, string]>)
      expect(active).toBe(name);
  });
});

describe("LeanContextManager.attach", () => {
  it("makes a context active until the token is disposed, once", () => {
    manager.with(named("outer"), () => {
      const token = manager.attach(named("attached"));
      expect(nameOf(manager)).toBe("attached");
      token.dispose();
      expect(nameOf(manager)).toBe("outer");
      token.dispose();
      expect(nameOf(manager)).toBe("outer");
    });
  });
});
