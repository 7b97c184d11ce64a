import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { z } from "zod/mini";
import { Clock } from "../clock/index.js";
import { isConditionFailure, VisibleError } from "../error/index.js";
import { Id } from "../id/index.js";
import { codeEntity } from "./entity.js";

export type Purpose = "verify_login" | "reset_password";

/** Ten minutes to use a code, five guesses at it. */
export const CODE_TTL_SECONDS = 10 * 60;
export const MAX_TRIES = 5;

export const CodeSchema = z.string().check(z.trim(), z.regex(/^\d{6}$/, "Enter the 6-digit code"));

/** One answer for a wrong, expired, used-up or never-sent code: the answer says nothing about the login. */
export const invalidCode = () =>
  new VisibleError("input", "account.code_invalid", "Wrong or expired code. Check it, or ask for a new one.", { code: "Wrong or expired code" });

/**
 * HMAC-SHA256 keyed by the code's own id: the stored item never holds the code, and equal codes
 * for different logins hash differently. Six digits are cheap to brute-force from a leaked table, so
 * the hash only keeps codes out of backups and logs; the 10-minute life is what protects them.
 */
function digest(codeID: string, code: string): string {
  return createHmac("sha256", codeID).update(code).digest("base64url");
}

/** A fresh 6-digit code for (purpose, login), replacing any earlier one; returns the code to send. */
export async function issue(purpose: Purpose, login: string, personID: string): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const codeID = Id.create("code");
  const now = Clock.now();
  await (await codeEntity())
    .put({
      purpose,
      login,
      codeID,
      digest: digest(codeID, code),
      personID,
      tries: 0,
      createdAt: new Date(now).toISOString(),
      expiresAt: Math.floor(now / 1000) + CODE_TTL_SECONDS,
    })
    .go();
  return code;
}

/**
 * Checks a code and uses it up. Every guess first takes a try with a conditional increment that
 * refuses at MAX_TRIES (so racing guesses can't get more than MAX_TRIES looks); a right code is
 * then deleted on the condition that it is still the same code, so it works once. Returns the
 * person the code was made for.
 */
export async function consume(purpose: Purpose, login: string, code: string): Promise<string> {
  const entity = await codeEntity();
  let item: { codeID?: string; digest?: string; personID?: string; expiresAt?: number };
  try {
    const out = await entity
      .patch({ purpose, login })
      .add({ tries: 1 })
      .where((a, op) => op.lt(a.tries, MAX_TRIES))
      .go({ response: "all_new" });
    item = out.data;
  } catch (e) {
    if (isConditionFailure(e)) throw invalidCode();
    throw e;
  }
  if (!item.codeID || !item.digest || !item.personID || (item.expiresAt ?? 0) * 1000 <= Clock.now()) throw invalidCode();
  const presented = Buffer.from(digest(item.codeID, code));
  const stored = Buffer.from(item.digest);
  if (presented.length !== stored.length || !timingSafeEqual(presented, stored)) throw invalidCode();
  try {
    await entity
      .delete({ purpose, login })
      .where((a, op) => op.eq(a.codeID, item.codeID as string))
      .go();
  } catch (e) {
    if (isConditionFailure(e)) throw invalidCode();
    throw e;
  }
  return item.personID;
}
