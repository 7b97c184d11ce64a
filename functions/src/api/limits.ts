import { TRPCError } from "@trpc/server";
import type { TRPCRequestInfo } from "@trpc/server/http";
import { VisibleError } from "@zhubo/core/error";

/**
 * The most calls one /trpc request may batch (tRPC's own `maxBatchSize` refuses more with a 400
 * before any input is parsed). The web client's `maxItems` reads this as a type, so they agree.
 */
export const MAX_BATCH_SIZE = 10 as const;

/**
 * Every mutation under this router takes or hands out a secret (password, refresh token, one-time
 * code) and has its own throttle, so it is never batched: one request is one attempt. A rule, not a
 * list, so a procedure added there later is covered. The web client sends these unbatched.
 */
export const UNBATCHABLE_ROUTER = "auth" as const;

/** The largest /trpc body: a course save (one DynamoDB item, ≤ 400 KB) with room to spare. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A sales import (`sale.preview`, `sale.import`) carries a CSV file of up to 4 MB as base64: it alone
 * may send up to 6 MB (a synchronous Lambda invocation's payload limit), and only as a call of its
 * own — the path names exactly one of those procedures, so no batch gets the larger allowance.
 */
export const MAX_IMPORT_BODY_BYTES = 6 * 1024 * 1024;
export const IMPORT_PATHS = ["/trpc/sale.preview", "/trpc/sale.import"] as const;

export function isUnbatchable(path: string, type: string | undefined): boolean {
  return type === "mutation" && path.startsWith(`${UNBATCHABLE_ROUTER}.`);
}

/** Refuses, before any procedure runs, a batch that holds a credential call together with anything else. */
export function assertBatchable(info: TRPCRequestInfo): void {
  if (!info.isBatchCall || info.calls.length < 2) return;
  const credential = info.calls.find((call) => isUnbatchable(call.path, call.procedure?._def.type));
  if (!credential) return;
  const message = `${credential.path} can't be batched with other calls: send it alone`;
  throw new TRPCError({ code: "BAD_REQUEST", message, cause: new VisibleError("input", "request.batch_refused", message) });
}
