import { TRPCError } from "@trpc/server";
import type { Actor } from "@zhubo/core/actor";
import { fieldsOf } from "@zhubo/core/fn";
import { expect } from "vitest";
import { createCaller } from "./index.js";

/** Router tests call procedures directly, as a given actor (public when omitted). */
export const caller = (actor?: Actor.Info) => createCaller({ requestId: "req_test", actor: actor ?? { type: "public" } });

/** The error a call failed with, plus the per-field messages a client would get (from a VisibleError or the input schema's issues). */
export async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TRPCError);
    const cause = (e as TRPCError).cause as { fields?: Record<string, string>; issues?: Parameters<typeof fieldsOf>[0] } | undefined;
    return Object.assign(e as TRPCError, { fields: cause?.fields ?? (cause?.issues ? fieldsOf(cause.issues) : {}) });
  }
  return expect.fail("expected a TRPCError");
}

/**
 * A caller of one router as `actor` that records each procedure it answered in `answered`
 * ("router.procedure"), so a test file can prove every procedure's happy path ran.
 */
export function recording<K extends keyof ReturnType<typeof caller>>(answered: Set<string>, router: K, actor: Actor.Info): ReturnType<typeof caller>[K] {
  return new Proxy(caller(actor)[router], {
    get(target, name: string) {
      const procedure = (target as unknown as Record<string, (input?: unknown) => Promise<unknown>>)[name];
      return async (input?: unknown) => {
        const out = await procedure?.(input);
        answered.add(`${router}.${name}`);
        return out;
      };
    },
  }) as ReturnType<typeof caller>[K];
}
