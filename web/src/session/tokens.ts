import type { Membership, Tokens } from "../api/types";

/** The tokens plus when the access token lapses by this device's clock (which may be off from the server's). */
export type Session = Tokens & { localExpiresAt: number };

/** The hats a person can wear on the home page, most urgent work first. */
export type Role = "ops" | "agencyAdmin" | "brandAdmin" | "instructor" | "brandMember" | "learner";
export const roleOrder: readonly Role[] = ["ops", "agencyAdmin", "brandAdmin", "instructor", "brandMember", "learner"];

export function roleOf(m: Membership): Role | undefined {
  if (m.kind === "platform") return m.role === "ops" ? "ops" : undefined;
  if (m.kind === "agency") return m.role === "admin" ? "agencyAdmin" : m.role === "instructor" ? "instructor" : undefined;
  return m.role === "admin" ? "brandAdmin" : m.role === "member" ? "brandMember" : undefined;
}

/** Everyone is a learner/host; memberships add the rest. */
export function rolesOf(memberships: readonly Membership[]): Role[] {
  const held = new Set<Role>(["learner"]);
  for (const m of memberships) {
    const role = roleOf(m);
    if (role) held.add(role);
  }
  return roleOrder.filter((r) => held.has(r));
}

export function orgIDsFor(memberships: readonly Membership[], role: Role): string[] {
  return memberships.filter((m) => roleOf(m) === role).map((m) => m.orgID);
}

/** Refresh this long before the access token lapses, so a request never leaves with a dying token. */
export const REFRESH_MARGIN_MS = 60_000;

export function needsRefresh(localExpiresAt: number, now: number, margin = REFRESH_MARGIN_MS): boolean {
  return localExpiresAt - now <= margin;
}

/** exp − iat of a JWT in ms, read without verifying (the API verifies); undefined if unreadable. */
export function tokenLifetimeMs(jwt: string): number | undefined {
  const payload = jwt.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
    if (typeof claims !== "object" || claims === null) return undefined;
    const { exp, iat } = claims as Record<string, unknown>;
    return typeof exp === "number" && typeof iat === "number" && exp > iat ? (exp - iat) * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Timing refreshes by the token's own lifetime keeps a skewed phone clock from refreshing too late or on every call. */
export function toSession(tokens: Tokens, receivedAt: number): Session {
  const lifetime = tokenLifetimeMs(tokens.accessToken);
  return { ...tokens, localExpiresAt: lifetime === undefined ? tokens.expiresAt : receivedAt + lifetime };
}

const kinds = new Set(["agency", "brand", "platform"]);
const roles = new Set(["admin", "instructor", "member", "ops"]);

function isMembership(v: unknown): v is Membership {
  if (typeof v !== "object" || v === null) return false;
  const m = v as Record<string, unknown>;
  return typeof m.orgID === "string" && typeof m.kind === "string" && kinds.has(m.kind) && typeof m.role === "string" && roles.has(m.role);
}

/** Stored sessions come back from localStorage: anything malformed is treated as signed out. */
export function parseSession(raw: string | null): Session | null {
  if (!raw) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof v !== "object" || v === null) return null;
  const s = v as Record<string, unknown>;
  if (typeof s.accessToken !== "string" || typeof s.refreshToken !== "string" || typeof s.personID !== "string") return null;
  if (typeof s.expiresAt !== "number" || typeof s.localExpiresAt !== "number") return null;
  if (!Array.isArray(s.memberships) || !s.memberships.every(isMembership)) return null;
  const { accessToken, refreshToken, expiresAt, localExpiresAt, personID, memberships } = s;
  return { accessToken, refreshToken, expiresAt, localExpiresAt, personID, memberships };
}
