import type { OrgKind } from "../api/types";
import { t } from "./index";
import { isMessageKey } from "./translate";

type OrgRole = "admin" | "instructor" | "member" | "ops";

/** Names for API values; an unknown value (a newer API than this build) is shown as is. */
function named(prefix: "city" | "category" | "language", value: string | undefined): string {
  if (value === undefined) return "";
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

export const cityName = (value: string | undefined) => named("city", value);
export const categoryName = (value: string) => named("category", value);
export const languageName = (value: string) => named("language", value);
export const orgRoleName = (role: OrgRole) => t(`orgRole.${role}`);
export const orgKindName = (kind: OrgKind) => t(`orgKind.${kind}`);
