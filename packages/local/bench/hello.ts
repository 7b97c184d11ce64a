import { Hono } from "hono";
import { handle } from "hono/aws-lambda";

/** The baseline of `pnpm bench`: a bare hono/aws-lambda app, bundled like the API. */
const app = new Hono();
app.get("/healthz", (c) => c.json({ ok: true }));
export const handler = handle(app);
