import { Auth } from "@zhubo/core/auth";
import { Certification } from "@zhubo/core/certification";
import { Cohort } from "@zhubo/core/cohort";
import { Course } from "@zhubo/core/course";
import { Market } from "@zhubo/core/market";
import { Org } from "@zhubo/core/org";
import { Person } from "@zhubo/core/person";
import { describe, expect, it } from "vitest";
import { Text } from "./index.js";

type Schema = { safeParse(input: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } };

/** The message a schema gives for one field of an input, whatever the other fields say. */
function messageAt(schema: Schema, input: unknown, path: string): string | undefined {
  const out = schema.safeParse(input);
  return out.error?.issues.find((i) => i.path.map(String).join(".") === path)?.message;
}

const bad = [
  ["\u202Eexe.gpj", Text.MESSAGES.bidi],
  ["\u200B\u200B\u200B", Text.MESSAGES.invisible],
  ["主播\u0007名", Text.MESSAGES.control],
  ["名\uD800字", Text.MESSAGES.surrogate],
] as const;

/** Every free-text name or title the API takes, and where it sits in its input. */
const fields: [string, Schema, (text: string) => unknown, string][] = [
  ["display name (sign-up and profile)", Person.DisplayName, (t) => t, ""],
  ["profile display name", Person.updateProfile.schema, (t) => ({ displayName: t }), "displayName"],
  ["org name", Org.CreateSchema, (t) => ({ name: t }), "name"],
  ["org description", Org.CreateSchema, (t) => ({ description: t }), "description"],
  ["course title", Course.CreateSchema, (t) => ({ title: t }), "title"],
  ["course summary", Course.CreateSchema, (t) => ({ summary: t }), "summary"],
  ["module title", Course.CreateSchema, (t) => ({ modules: [{ title: t, lessons: [] }] }), "modules.0.title"],
  ["lesson title", Course.CreateSchema, (t) => ({ modules: [{ title: "模块", lessons: [{ title: t }] }] }), "modules.0.lessons.0.title"],
  ["rubric criterion", Course.CreateSchema, (t) => ({ rubric: [{ name: t }] }), "rubric.0.name"],
  ["cohort title", Cohort.CreateSchema, (t) => ({ title: t }), "title"],
  ["gig title", Market.GigSchema, (t) => ({ title: t }), "title"],
  ["gig product", Market.GigSchema, (t) => ({ products: [{ name: t }] }), "products.0.name"],
  ["host headline", Market.CardSchema, (t) => ({ headline: t }), "headline"],
  ["certification name", Certification.DefineSchema, (t) => ({ name: t }), "name"],
];

describe("every name and title the API takes refuses invisible and direction-changing text on its field", () => {
  for (const [what, schema, input, path] of fields) {
    it.each(bad)(`${what}: %j`, (text, message) => {
      expect(messageAt(schema, input(text), path)).toBe(message);
    });
  }

  it("a login that looks like the ops account is refused on its field", () => {
    expect(messageAt(Person.LoginSchema, "\u043Eps@zhubo.local", "")).toMatch(/more than one alphabet/);
    expect(messageAt(Person.LoginSchema, "ops\u200B@zhubo.local", "")).toMatch(/invisible/);
    expect(messageAt(Auth.SignInSchema, { login: "\u043Eps@zhubo.local" }, "login")).toMatch(/more than one alphabet/);
  });
});
