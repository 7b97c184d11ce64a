import { ulid } from "ulid";

export * as Id from "./index.js";

export const prefixes = {
  person: "prs",
  agency: "agy",
  brand: "brd",
  session: "ses",
  invitation: "inv",
  request: "req",
  course: "crs",
  cohort: "coh",
} as const;

export type Prefix = keyof typeof prefixes;

export function create(kind: Prefix): string {
  return `${prefixes[kind]}_${ulid()}`;
}

export function is(kind: Prefix, value: string): boolean {
  return new RegExp(`^${prefixes[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value);
}
