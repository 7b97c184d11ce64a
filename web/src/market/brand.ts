import { session } from "../session/session";
import { orgIDsFor } from "../session/tokens";

/** The brands the signed-in person posts gigs and books hosts for (admins and members alike). */
export function myBrandIDs(): string[] {
  const memberships = session()?.memberships ?? [];
  return [...new Set([...orgIDsFor(memberships, "brandAdmin"), ...orgIDsFor(memberships, "brandMember")])];
}

/** The brand a page acts for: the one named in the address if the person belongs to it, else their first. */
export function brandFrom(param: string | undefined): string | undefined {
  const mine = myBrandIDs();
  return param && mine.includes(param) ? param : mine[0];
}

/** Home's tab for the person's brand role, so "back" returns to where they came from. */
export function brandHome(): string {
  const memberships = session()?.memberships ?? [];
  return orgIDsFor(memberships, "brandAdmin").length ? "/?as=brandAdmin" : "/?as=brandMember";
}

/** The brands whose wallet the signed-in person may see and top up: those they administer. */
export function adminBrandIDs(): string[] {
  return orgIDsFor(session()?.memberships ?? [], "brandAdmin");
}
