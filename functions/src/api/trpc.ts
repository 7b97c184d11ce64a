import { initTRPC, type TRPC_ERROR_CODE_KEY, TRPCError } from "@trpc/server";
import { Actor } from "@zhubo/core/actor";
import { Auth } from "@zhubo/core/auth";
import { type Kind, VisibleError } from "@zhubo/core/error";
import { fieldsOf } from "@zhubo/core/fn";

export interface Context {
  requestId: string;
  ip?: string;
  /** The raw Authorization header (HTTP), or */
  authorization?: string;
  /** an actor given directly (createCaller in tests and scripts). */
  actor?: Actor.Info;
}

const codes: Record<Kind, TRPC_ERROR_CODE_KEY> = {
  input: "BAD_REQUEST",
  auth: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  too_many: "TOO_MANY_REQUESTS",
};

function issuesOf(cause: unknown) {
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as Parameters<typeof fieldsOf>[0]) : undefined;
}

const t = initTRPC.context<Context>().create({
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    const visible = error.cause instanceof VisibleError ? error.cause : undefined;
    const issues = error.code === "BAD_REQUEST" && !visible ? issuesOf(error.cause) : undefined;
    const fields = visible?.fields ?? (issues ? fieldsOf(issues) : undefined);
    return {
      message: issues && fields ? `Invalid input: ${Object.keys(fields).join(", ")}` : shape.message,
      code: shape.code,
      data: {
        code: visible?.code ?? (issues ? "input.invalid" : undefined),
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fields,
        retryAfterSeconds: visible?.retryAfterSeconds,
        requestId: ctx?.requestId,
      },
    };
  },
});

/**
 * The one place errors are mapped: VisibleError kinds become tRPC codes; anything else is
 * logged with the request id and answered as INTERNAL_SERVER_ERROR without its message.
 * It also resolves the actor and runs the procedure inside its AsyncLocalStorage scope.
 */
const actorAndErrors = t.middleware(async ({ ctx, path, next }) => {
  const actor: Actor.Info = ctx.actor ?? (await Auth.authenticate(ctx.authorization, ctx.ip));
  const result = await Actor.provide(actor, () => next({ ctx: { ...ctx, actor } }));
  if (result.ok) return result;
  const { error } = result;
  if (error.cause instanceof VisibleError) {
    throw new TRPCError({ code: codes[error.cause.kind], message: error.cause.message, cause: error.cause });
  }
  if (error.code === "INTERNAL_SERVER_ERROR") {
    console.error(
      JSON.stringify({ level: "error", requestId: ctx.requestId, path, message: error.cause?.message ?? error.message, stack: error.cause?.stack }),
    );
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `Something went wrong (request ${ctx.requestId})` });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const procedure = t.procedure.use(actorAndErrors);
