import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { z } from "zod/mini";
import { Config } from "../config/index.js";
import { input } from "../error/index.js";

export * as Page from "./index.js";

/**
 * One cursor for every list. A page's position (ElectroDB's cursor: the table keys of the last item
 * read) is sealed with AES-256-GCM, the query it belongs to — procedure and every input that shapes
 * the key condition or the filter, including the actor where the list is theirs — as additional
 * authenticated data. So a cursor opens only for the query that made it: a malformed, edited or
 * forged cursor, or one from another partition (another agency's list, another status, another
 * `from`), is a per-field input error instead of reaching DynamoDB (which answered garbage with a
 * 500, or paged into whatever partition the keys named). Encrypting rather than only signing also
 * keeps the raw keys out of the client: the last item read may be one the caller never sees
 * (filtered out after the read).
 *
 * The key is derived (HKDF-SHA256) from the JWT signing key, so no new secret is deployed; rotating
 * that key ends open cursors, which costs a reader nothing but starting the list again.
 */

const MESSAGE = "Not a cursor of this list";
const VERSION = 1;
const IV = 12;
const TAG = 16;

/** What a list takes as its cursor: absent or null for the first page, else what the previous page returned. */
export const cursor = z.optional(z.nullable(z.string().check(z.maxLength(4096, MESSAGE))));

type Part = string | number | boolean | null | undefined;

/** A list query's identity: its name (the procedure) and every value that shapes what it reads. */
export interface Query {
  readonly id: string;
}

export function query(name: string, ...parts: Part[]): Query {
  return { id: JSON.stringify([name, ...parts.map((p) => p ?? null)]) };
}

let derived: { from: string; key: Buffer } | undefined;

function key(): Buffer {
  const raw = Config.jwt.privateJwk();
  if (!raw) throw new Error("JWT_PRIVATE_JWK is not configured");
  if (derived?.from !== raw) {
    let secret = raw;
    try {
      secret = (JSON.parse(raw) as { d?: string }).d ?? raw;
    } catch {}
    derived = { from: raw, key: Buffer.from(hkdfSync("sha256", secret, "zhubo", "zhubo/page-cursor/v1", 32)) };
  }
  return derived.key;
}

/** The cursor to hand out for the next page of `q`, sealing the store's position (null when the list is done). */
export function seal(q: Query, position: string | null | undefined): string | null {
  if (!position) return null;
  const iv = randomBytes(IV);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(q.id));
  const body = Buffer.concat([cipher.update(position, "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The store's position inside a cursor `seal` made for this same query; null for the first page; `page.cursor_invalid` on `cursor` otherwise. */
export function open(q: Query, cursor: string | null | undefined): string | null {
  if (cursor === undefined || cursor === null || cursor === "") return null;
  const raw = Buffer.from(cursor, "base64url");
  if (raw.length <= 1 + IV + TAG || raw[0] !== VERSION || raw.toString("base64url") !== cursor) throw refused();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(1, 1 + IV));
    decipher.setAAD(Buffer.from(q.id));
    decipher.setAuthTag(raw.subarray(1 + IV, 1 + IV + TAG));
    return Buffer.concat([decipher.update(raw.subarray(1 + IV + TAG)), decipher.final()]).toString("utf8");
  } catch {
    throw refused();
  }
}

const refused = () => input("page.cursor_invalid", "cursor", MESSAGE);
