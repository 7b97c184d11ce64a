import { createMemo, createResource, createRoot } from "solid-js";
import { api } from "../api/client";
import { publicApi } from "../api/public-client";
import type { City } from "../api/types";
import { type Locale, locale, setLocale } from "../i18n";
import { endSession, refreshSession, session, startSession } from "./session";
import { rolesOf } from "./tokens";

export const roles = createRoot(() => createMemo(() => rolesOf(session()?.memberships ?? [])));

/** The signed-in person's profile, refetched whenever the person changes. */
export const [me, { mutate: setMe }] = createRoot(() =>
  createResource(
    () => session()?.personID,
    () => api.auth.me.query(),
  ),
);

export async function signIn(login: string, password: string): Promise<void> {
  startSession(await publicApi.auth.signIn.mutate({ login, password }));
}

/** Sign-up answers "code sent" whether or not the login was new; the session starts with the code (session/account.ts). */
export async function signUp(input: { login: string; password: string; displayName: string; city?: City; agree: true }) {
  return publicApi.auth.signUp.mutate({ ...input, locale: locale() });
}

/** Revokes the refresh session on the server; forgets the tokens here even if that call fails. */
export async function signOut(): Promise<void> {
  try {
    if (session()) await api.auth.signOut.mutate();
  } catch {
    // The access token lapses on its own within minutes; the local sign-out must not wait for the network.
  } finally {
    endSession();
    setMe(undefined);
  }
}

/** New memberships only reach the token (and so the API's checks) through a refresh. */
export async function reloadMemberships(): Promise<void> {
  await refreshSession({ force: true });
}

export function switchLocale(next: Locale): void {
  setLocale(next);
  if (session()) void api.auth.updateProfile.mutate({ locale: next }).catch(() => {});
}

/** The profile if loaded; never throws (a failed load leaves the header with a placeholder). */
export function profile() {
  return me.state === "ready" || me.state === "refreshing" ? me.latest : undefined;
}
