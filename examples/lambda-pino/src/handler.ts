import { setTimeout as sleep } from "node:timers/promises";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import { logger } from "./logger.ts";

interface Order {
  orderId: string;
  items: number;
}

// Logged once per cold start, outside any invocation: this line has no trace fields.
logger.info("function initialised");

// #region handler
/** An API Gateway (HTTP API) route: prices an order. */
export async function handler(
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyResultV2> {
  // A child per invocation carries its request id; @logtrace/pino adds the trace at each call.
  const log = logger.child({ aws_request_id: context.awsRequestId });
  const order = parseOrder(event.body);
  if (!order) {
    log.warn({ body_length: event.body?.length ?? 0 }, "order rejected: not an order");
    return { statusCode: 400, body: JSON.stringify({ error: "expected {orderId, items}" }) };
  }
  log.info({ order_id: order.orderId }, "order received");
  const total = await priceOrder(order, log);
  log.info({ order_id: order.orderId, total }, "order priced");
  return { statusCode: 200, body: JSON.stringify({ orderId: order.orderId, total }) };
}
// #endregion handler

function parseOrder(body: string | undefined): Order | undefined {
  try {
    const value: unknown = JSON.parse(body ?? "");
    if (typeof value !== "object" || value === null) return undefined;
    const { orderId, items } = value as Record<string, unknown>;
    if (typeof orderId !== "string" || typeof items !== "number") return undefined;
    return { orderId, items };
  } catch {
    return undefined;
  }
}

/** Stands in for calls to other services: the invocation's span stays active across awaits. */
async function priceOrder(order: Order, log: typeof logger): Promise<number> {
  const prices = await Promise.all(
    Array.from({ length: order.items }, async (_, index) => {
      await sleep(1);
      return 5 + index;
    }),
  );
  log.debug({ order_id: order.orderId, prices }, "items priced");
  return prices.reduce((sum, price) => sum + price, 0);
}
