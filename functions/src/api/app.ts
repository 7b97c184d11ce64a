import { trpcServer } from "@hono/trpc-server";
import { Dynamo } from "@zhubo/core/dynamo";
import { Id } from "@zhubo/core/id";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { assertBatchable, IMPORT_PATHS, MAX_BATCH_SIZE, MAX_BODY_BYTES, MAX_IMPORT_BODY_BYTES } from "./limits.js";
import { appRouter } from "./router/index.js";

type Env = {
  Variables: { requestId: string };
  Bindings: {
    /** hono/aws-lambda (API Gateway HTTP API v2) */
    requestContext?: { requestId?: string; http?: { sourceIp?: string } };
    /** @hono/node-server */
    incoming?: { socket?: { remoteAddress?: string } };
  };
};

const safeId = /^[A-Za-z0-9_-]{1,64}$/;

/** The same app object runs as the Lambda handler (lambda.ts) and on the laptop (packages/local). */
export const app = new Hono<Env>();

app.use(async (c, next) => {
  const given = c.req.header("x-request-id");
  const requestId = given && safeId.test(given) ? given : (c.env?.requestContext?.requestId ?? Id.create("request"));
  c.set("requestId", requestId);
  await next();
  c.header("x-request-id", requestId);
});

app.get("/healthz", async (c) => {
  const ok = await Dynamo.ping();
  return ok ? c.json({ ok: true, db: "ok" }) : c.json({ ok: false, db: "unreachable" }, 503);
});

// The public half of the key that signs Open Badges credentials, for verifying them offline.
app.get("/.well-known/jwks.json", async (c) => {
  c.header("cache-control", "public, max-age=3600");
  const { Certification } = await import("@zhubo/core/certification");
  return c.json(await Certification.jwks());
});

// Counted as the body arrives, so a chunked body without content-length is cut off at the limit too.
const limited = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: (c) => {
      const message = `The request body is larger than ${maxSize / 1024 / 1024} MB`;
      const data = { code: "request.too_large", httpStatus: 413, requestId: c.get("requestId") };
      return c.json({ error: { message, code: -32413, data } }, 413);
    },
  });
const standardLimit = limited(MAX_BODY_BYTES);
const importLimit = limited(MAX_IMPORT_BODY_BYTES);
app.use("/trpc/*", (c, next) => ((IMPORT_PATHS as readonly string[]).includes(c.req.path) ? importLimit(c, next) : standardLimit(c, next)));

app.use(
  "/trpc/*",
  trpcServer({
    router: appRouter,
    endpoint: "/trpc",
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ info }, c) => {
      assertBatchable(info);
      return {
        requestId: c.get("requestId"),
        ip: c.env?.requestContext?.http?.sourceIp ?? c.env?.incoming?.socket?.remoteAddress,
        authorization: c.req.header("authorization"),
      };
    },
  }),
);

app.notFound((c) => c.json({ error: "not_found" }, 404));

app.onError((err, c) => {
  const requestId = c.get("requestId");
  console.error(JSON.stringify({ level: "error", requestId, message: err.message, stack: err.stack }));
  return c.json({ error: "internal", requestId }, 500);
});
