import "reflect-metadata";
import type { AddressInfo } from "node:net";
// #region nestjs
import { withTraceContext } from "@logtrace/pino";
import { Controller, Get, Module } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { Logger, LoggerModule, PinoLogger } from "nestjs-pino";

@Controller("orders")
class OrdersController {
  constructor(private readonly logger: PinoLogger) {}

  @Get()
  list(): unknown[] {
    this.logger.info("listing orders");
    return [];
  }
}

@Module({
  // nestjs-pino hands `pinoHttp` to pino-http, which builds the logger from it.
  imports: [LoggerModule.forRoot({ pinoHttp: withTraceContext({ level: "info" }) })],
  controllers: [OrdersController],
})
class AppModule {}

const app = await NestFactory.create(AppModule, { bufferLogs: true });
app.useLogger(app.get(Logger));
await app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? "0.0.0.0");
// #endregion
const logger = await app.resolve(PinoLogger);
logger.info({ port: (app.getHttpServer().address() as AddressInfo).port }, "listening");
