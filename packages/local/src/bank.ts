import type { Payment } from "@zhubo/core/payment";
import { Hono } from "hono";

/** Where the dev web app's simulated bank lives (proxied by Vite like /trpc). */
export const BANK_PATH = "/__local/bank";

const MAX_FEN = 100_000_000;

/**
 * The laptop's payment provider, as a route: a tester "sends" a bank transfer of an amount (it is
 * pending), then completes or fails it; the wallet's top-up confirms against it by reference.
 * Like the sent-messages route it exists only in this package, never in a Lambda bundle.
 */
export function bankRoute(bank: Payment.LocalProvider) {
  const app = new Hono();
  app.use(`${BANK_PATH}/*`, async (c, next) => {
    c.header("cache-control", "no-store");
    await next();
  });
  app.get(`${BANK_PATH}/transfers`, (c) => c.json({ transfers: bank.list().slice(0, 50) }));
  app.post(`${BANK_PATH}/transfers`, async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { amountFen?: unknown };
    const amountFen = body.amountFen;
    if (typeof amountFen !== "number" || !Number.isSafeInteger(amountFen) || amountFen <= 0 || amountFen > MAX_FEN) {
      return c.json({ error: "amountFen: a whole number of fen, 1 to 100,000,000" }, 400);
    }
    return c.json({ reference: bank.start(amountFen) }, 201);
  });
  app.post(`${BANK_PATH}/transfers/:reference/:outcome{succeeded|failed}`, (c) => {
    try {
      bank.complete(c.req.param("reference"), c.req.param("outcome") as "succeeded" | "failed");
      return c.json({ ok: true });
    } catch {
      return c.json({ error: "no such transfer" }, 404);
    }
  });
  return app;
}
