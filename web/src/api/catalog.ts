import type { Category, City, CourseLanguage, InviteRole, MarketLanguage, OrgKind } from "./types";

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;

/** Jiangsu first, in the order people look for them; must list every city the API accepts. */
export const cities = [
  "suzhou",
  "nanjing",
  "wuxi",
  "changzhou",
  "nantong",
  "yangzhou",
  "zhenjiang",
  "taizhou",
  "yancheng",
  "huaian",
  "lianyungang",
  "xuzhou",
  "suqian",
  "shanghai",
  "hangzhou",
  "other",
] as const satisfies readonly City[];
export const allCitiesListed: Exhaustive<City, (typeof cities)[number]> = true;

export const categories = ["food", "fresh_produce", "apparel", "beauty", "home", "electronics", "local_speciality"] as const satisfies readonly Category[];
export const allCategoriesListed: Exhaustive<Category, (typeof categories)[number]> = true;

/** What each kind of org may invite (the API refuses the others with invitation.role_invalid). */
export const invitableRoles: Record<OrgKind, readonly InviteRole[]> = {
  agency: ["instructor", "admin"],
  brand: ["member", "admin"],
};

export function isCity(value: string): value is City {
  return (cities as readonly string[]).includes(value);
}

/** Teaching languages, Mandarin first; must list every language the course API accepts. */
export const courseLanguages = ["zh-CN", "wuu", "yue", "en"] as const satisfies readonly CourseLanguage[];
export const allLanguagesListed: Exhaustive<CourseLanguage, (typeof courseLanguages)[number]> = true;

export function isCategory(value: string): value is Category {
  return (categories as readonly string[]).includes(value);
}

/** Languages and dialects a host speaks (marketplace), Mandarin first; must list every one the market API accepts. */
export const marketLanguages = ["mandarin", "wu", "jianghuai", "zhongyuan", "cantonese", "english"] as const satisfies readonly MarketLanguage[];
export const allMarketLanguagesListed: Exhaustive<MarketLanguage, (typeof marketLanguages)[number]> = true;
