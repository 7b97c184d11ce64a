import { Actor } from "@zhubo/core/actor";
import type { Event } from "@zhubo/core/event";
import { Payout } from "@zhubo/core/payout";
import { Hono } from "hono";

/** Where the dev web app's payout provider console lives (proxied by Vite like /trpc). */
export const PAYOUTS_PATH = "/__local/payouts";

const BEHAVIOURS = ["pending", "succeed", "timeout", "lost", "system_error"] as const;

/**
 * The local payout provider's console, as a route: every transfer a run sent (as the Alipay
 * request it stands for), and the tester's decisions — succeed or fail a pending transfer, or make
 * the next transfer time out, get lost or hit a system error. Only in this package, never a Lambda.
 */
export function payoutsRoute(provider: Payout.LocalPayoutProvider) {
  const app = new Hono();
  app.use(`${PAYOUTS_PATH}/*`, async (c, next) => {
    c.header("cache-control", "no-store");
    await next();
  });
  app.get(`${PAYOUTS_PATH}/transfers`, (c) => c.json({ transfers: provider.list().slice(0, 100), failures: Payout.FAILURES }));
  app.post(`${PAYOUTS_PATH}/transfers/:reference`, async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { decision?: unknown; code?: unknown };
    const decision =
      body.decision === "succeed"
        ? "succeed"
        : body.decision === "fail" && typeof body.code === "string" && body.code in Payout.FAILURES
          ? { fail: body.code }
          : undefined;
    if (!decision) return c.json({ error: `decision: "succeed", or "fail" with a code (${Object.keys(Payout.FAILURES).join(", ")})` }, 400);
    try {
      return c.json({ transfer: provider.decide(c.req.param("reference"), decision) });
    } catch (e) {
      return c.json({ error: (e as Error).message }, 409);
    }
  });
  app.post(`${PAYOUTS_PATH}/next`, async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { behaviour?: unknown };
    const b = body.behaviour;
    const behaviour = BEHAVIOURS.includes(b as never) ? (b as Payout.Behaviour) : typeof b === "string" && b in Payout.FAILURES ? { fail: b } : undefined;
    if (!behaviour) return c.json({ error: `behaviour: one of ${BEHAVIOURS.join(", ")} or a failure code` }, 400);
    provider.plan(behaviour);
    return c.json({ ok: true });
  });
  return app;
}

/**
 * The laptop's payout engine: the same steps Step Functions runs in the cloud, in-process, started
 * by the same event (`payout.run_requested` on the laptop's bus, as EventBridge's rule starts the
 * state machine). One loop per run; "wait" (outcomes still out at the provider) asks again every `pollMs`.
 */
export function localEngine(opts: { pollMs?: number; log?: (line: string) => void } = {}) {
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  const log = opts.log ?? (() => {});
  const loop = async (runID: string) => {
    while (!stopped) {
      const next = await Actor.provide({ type: "system", name: "payout-run" }, () => Payout.drive(runID));
      if (next === "done") {
        log(`payout run ${runID} done`);
        return;
      }
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 2_000));
    }
  };
  const launch = (runID: string) => {
    if (running.has(runID) || stopped) return;
    const p = loop(runID)
      .catch((e) => console.error(`payout run ${runID} stopped (its next request resumes it):`, e))
      .finally(() => running.delete(runID));
    running.set(runID, p);
  };
  const subscriber: Event.Subscriber = {
    name: "payout-run",
    types: [Payout.RunRequested.type],
    async handle(envelope) {
      launch((envelope.properties as { runID: string }).runID);
      return "done";
    },
  };
  return {
    subscriber,
    launch,
    async stop() {
      stopped = true;
      await Promise.all(running.values());
    },
    /** Every launched run's loop has ended (tests, the seed). */
    idle: () => Promise.all(running.values()),
  };
}
