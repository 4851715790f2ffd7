// #region declaration
declare module "koa-pino-logger" {
  import type { Middleware } from "koa";
  import type { Logger } from "pino";
  import type { Options } from "pino-http";

  module "koa" {
    interface ExtendableContext {
      log: Logger;
    }
  }

  export default function pinoLogger(options?: Options): Middleware & { logger: Logger };
}
// #endregion
