import { serve } from "@hono/node-server";
import { app } from "@zhubo/functions/api/app";
import { Hono } from "hono";

/** Run by bench.ts in its own process, so the load generator doesn't share the server's thread. */
const bare = new Hono();
bare.get("/hello", (c) => c.json({ ok: true }));
const [barePort, apiPort] = [Number(process.env.BARE_PORT), Number(process.env.API_PORT)];
serve({ fetch: bare.fetch, port: barePort, hostname: "127.0.0.1" });
serve({ fetch: app.fetch, port: apiPort, hostname: "127.0.0.1" }, () => process.send?.("ready"));
