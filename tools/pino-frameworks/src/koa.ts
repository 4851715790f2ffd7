import type { AddressInfo } from "node:net";
// #region koa
import { withTraceContext } from "@logtrace/pino";
import Koa from "koa";
import pinoLogger from "koa-pino-logger";

const app = new Koa();
// koa-pino-logger passes its options to pino-http, which builds the logger from them.
const logging = pinoLogger(withTraceContext({ level: "info" }));
app.use(logging);
app.use((ctx) => {
  ctx.log.info("listing orders");
  ctx.body = [];
});
// #endregion

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST, () => {
  logging.logger.info({ port: (server.address() as AddressInfo).port }, "listening");
});
