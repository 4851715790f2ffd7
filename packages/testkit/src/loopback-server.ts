import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** `setTimeout` whose timer `close()` cancels. */
export type Later = (ms: number, fn: () => void) => void;

/** An HTTP server on 127.0.0.1 whose `close()` ends its connections and timers, never waiting. */
export interface LoopbackServer {
  port: number;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  later: Later;
  /** Stops listening: connecting is then refused, until `listen()` takes the same port back. */
  refuse(): Promise<void>;
  listen(): Promise<void>;
  close(): Promise<void>;
}

/** Starts `handle` on an ephemeral loopback port, for the fakes a test talks to. */
export async function startLoopbackServer(
  handle: (request: IncomingMessage, response: ServerResponse, later: Later) => void,
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const later: Later = (ms, fn) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const server = createServer((request, response) => handle(request, response, later));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const listenOn = (port: number) =>
    new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  await listenOn(0);
  const { port } = server.address() as AddressInfo;
  // The port stays ours to take back: nothing else on loopback binds ephemeral ports here.
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) resolve();
      else server.close(() => resolve());
    });
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    later,
    refuse: stop,
    listen: () => listenOn(port),
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      return stop();
    },
  };
}
