import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Auth } from "../auth/index.js";
import { Clock } from "../clock/index.js";
import { conflict, isConditionFailure } from "../error/index.js";
import { Ledger } from "../ledger/index.js";
import type { Fen } from "../money/index.js";
import { Payee } from "../payee/index.js";
import { Person } from "../person/index.js";
import { Tenant } from "../tenant/index.js";
import { settingsEntity } from "./entity.js";
import type { Destination } from "./provider.js";

/** Payouts smaller than this wait for more (the payee may choose another, from ¥1). */
export const DEFAULT_MINIMUM_FEN = 1_000;
export const MIN_MINIMUM_FEN = 100;
export const MAX_MINIMUM_FEN = 5_000_000;
/** A changed method receives nothing for this long: time for the real owner to notice a takeover. */
export const PAUSE_HOURS = 24;

export type PayeeKind = "host" | "agency";

export const payeeID = z.string().check(z.regex(/^(prs|agy)_[0-9A-HJKMNP-TV-Z]{26}$/, "Unknown payee"));

/** An Alipay login id: a mainland mobile number or an email address. */
export const accountSchema = z.string().check(
  z.trim(),
  z.maxLength(100, "At most 100 characters"),
  z.refine(
    (v) => /^1[3-9]\d{9}$/.test(v) || /^[^\s@]{1,64}@[^\s@]+\.[A-Za-z]{2,}$/.test(v),
    "An Alipay account is a mainland mobile number or an email address",
  ),
);

/** The account holder's real name as Alipay has it: letters (any script), middle dots, spaces; no digits. */
export const nameSchema = z.string().check(
  z.trim(),
  z.minLength(2, "At least 2 characters"),
  z.maxLength(40, "At most 40 characters"),
  z.refine((v) => !/\d/.test(v), "A real name has no digits"),
  z.refine((v) => /^\p{L}[\p{L}\p{M}·・. '-]*\p{L}$/u.test(v), "Letters only (a middle dot · between names is fine)"),
);

export const minimumSchema = z.int("Whole fen").check(z.minimum(MIN_MINIMUM_FEN, "At least ¥1"), z.maximum(MAX_MINIMUM_FEN, "At most ¥50,000"));

export const kindOf = (id: string): PayeeKind => (id.startsWith("agy_") ? "agency" : "host");

/** Hosts manage their own payouts; an agency's admins manage the agency's. Anyone else: NOT_FOUND. */
export function assertManages(id: string): void {
  const ref: Tenant.Ref = kindOf(id) === "agency" ? { kind: "agency", id } : { kind: "person", id };
  Tenant.assert("payee.not_found", ref, { roles: ["admin"] });
}

export interface Stored {
  payeeID: string;
  payeeKind: PayeeKind;
  account?: string;
  name?: string;
  minimumFen: Fen;
  methodSetAt?: string;
  pausedUntil?: string;
  version: number;
}

export async function read(id: string): Promise<Stored | undefined> {
  return ((await (await settingsEntity()).get({ payeeID: id }).go({ consistent: true })).data as Stored | null) ?? undefined;
}

export const destinationOf = (s: Stored | undefined): Destination | undefined =>
  s?.account && s.name ? { type: "alipay", account: s.account, name: s.name } : undefined;

/** 138****5678, z***@example.com: enough for the owner to recognise, too little for anyone else. */
export function maskAccount(account: string): string {
  if (/^1\d{10}$/.test(account)) return `${account.slice(0, 3)}****${account.slice(-4)}`;
  const [local = "", domain = ""] = account.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}

/** *明 for 王小明, L*** for Li Ming. */
export function maskName(name: string): string {
  const chars = [...name];
  return /\p{Script=Han}/u.test(name) ? `${"*".repeat(Math.max(1, chars.length - 1))}${chars.at(-1)}` : `${chars[0]}***`;
}

export function view(id: string, s: Stored | undefined, nowMs = Clock.now()) {
  const paused = s?.pausedUntil && Date.parse(s.pausedUntil) > nowMs ? s.pausedUntil : undefined;
  return {
    payeeID: id,
    payeeKind: kindOf(id),
    method:
      s?.account && s.name ? { type: "alipay" as const, account: maskAccount(s.account), name: maskName(s.name), setAt: s.methodSetAt as string } : undefined,
    minimumFen: s?.minimumFen ?? DEFAULT_MINIMUM_FEN,
    pausedUntil: paused,
    version: s?.version ?? 0,
  };
}

async function write(id: string, previous: Stored | undefined, next: Omit<Stored, "payeeID" | "payeeKind" | "version">): Promise<void> {
  const entity = await settingsEntity();
  const item = {
    ...next,
    payeeID: id,
    payeeKind: kindOf(id),
    version: (previous?.version ?? 0) + 1,
    updatedBy: Actor.person().personID,
    updatedAt: Clock.iso(),
  };
  // whole-item writes under the version read: two racing changes can't both land
  const op = previous ? entity.put(item).where((a, o) => o.eq(a.version, previous.version)) : entity.create(item);
  await op.go().catch((e: unknown) => {
    throw isConditionFailure(e) ? conflict("payout.settings_changed", "The payout settings changed meanwhile. Reload.") : e;
  });
  // what decides about paying it changed: the next run looks at it again
  await Ledger.touch(Payee.earnedOf(id));
}

export async function setMethod(input: { payeeID: string; account: string; name: string; password: string }) {
  assertManages(input.payeeID);
  await Person.assertVerified();
  await Auth.reauthenticate(input.password);
  const previous = await read(input.payeeID);
  const account = input.account.includes("@") ? input.account.toLowerCase() : input.account;
  const same = previous?.account === account && previous?.name === input.name;
  const changed = !!previous?.account && !same;
  await write(input.payeeID, previous, {
    account,
    name: input.name,
    minimumFen: previous?.minimumFen ?? DEFAULT_MINIMUM_FEN,
    methodSetAt: same ? previous?.methodSetAt : Clock.iso(),
    pausedUntil: changed ? new Date(Clock.now() + PAUSE_HOURS * 3_600_000).toISOString() : previous?.pausedUntil,
  });
  return view(input.payeeID, await read(input.payeeID));
}

export async function setMinimum(input: { payeeID: string; minimumFen: Fen }) {
  assertManages(input.payeeID);
  const previous = await read(input.payeeID);
  const { payeeID: _, payeeKind: __, version: ___, ...rest } = previous ?? { payeeID: "", payeeKind: "host", version: 0 };
  await write(input.payeeID, previous, { ...rest, minimumFen: input.minimumFen });
  return view(input.payeeID, await read(input.payeeID));
}

/**
 * Stores a payee's method without asking for a password: for bringing existing payees over (a
 * migration) and the benchmark's 10,000 payees. Never behind a transport.
 */
export async function importMethod(id: string, method: { account: string; name: string; minimumFen?: Fen }, by: string): Promise<void> {
  await (await settingsEntity())
    .put({
      payeeID: id,
      payeeKind: kindOf(id),
      account: method.account,
      name: method.name,
      minimumFen: method.minimumFen ?? DEFAULT_MINIMUM_FEN,
      methodSetAt: Clock.iso(),
      version: 1,
      updatedBy: by,
      updatedAt: Clock.iso(),
    })
    .go();
  await Ledger.touch(Payee.earnedOf(id));
}
