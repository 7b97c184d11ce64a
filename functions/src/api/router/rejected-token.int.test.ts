import { Id } from "@zhubo/core/id";
import { describe, expect, it } from "vitest";
import { org } from "../../../../packages/core/test/factory.js";
import { app } from "../app.js";
import { caller, failure } from "./testing.js";

/** What the API makes of a bearer token it refused (expired, tampered, or signed with a rotated key). */
const refused = caller({ type: "public", ip: "198.51.100.15", rejectedToken: true });

const tokenInvalid = async (p: Promise<unknown>) => {
  const error = await failure(p);
  expect(error.code).toBe("UNAUTHORIZED");
  expect((error.cause as { code?: string } | undefined)?.code).toBe("auth.token_invalid");
};

describe("a refused bearer token", () => {
  it("answers auth.token_invalid on tenant-scoped calls, for real and made-up objects alike, so the client refreshes", async () => {
    const { org: agency, admin } = await org("agency");
    const made = { orgID: Id.create("agency") };
    for (const input of [{ orgID: agency.orgID }, made]) {
      await tokenInvalid(refused.org.get(input));
      await tokenInvalid(refused.org.members(input));
      await tokenInvalid(refused.org.invitations(input));
    }
    await tokenInvalid(refused.market.gig({ gigID: Id.create("gig") }));
    await tokenInvalid(refused.market.offersOfGig({ gigID: Id.create("gig") }));
    // ops-only lists say the same instead of FORBIDDEN: the caller may well be ops with a stale token
    await tokenInvalid(refused.org.listByStatus({ kind: "agency", status: "pending" }));
    // while the admin's valid token still sees their agency
    expect((await caller(admin.actor).org.get({ orgID: agency.orgID })).orgID).toBe(agency.orgID);
  });

  it("still lets public verbs answer: the catalogue and certificate verification", async () => {
    expect(Array.isArray((await refused.course.browse({})).items)).toBe(true);
    expect(Array.isArray((await refused.cohort.browse({})).items)).toBe(true);
    expect((await failure(refused.certification.verify({ code: "0000-0000-0000-0000-0000-0000-00" }))).code).toBe("NOT_FOUND");
  });

  it("over HTTP: a garbage bearer on a tenant-scoped query is a 401 auth.token_invalid, on a public one a 200", async () => {
    const { org: agency } = await org("agency");
    const get = (path: string, input: unknown) =>
      app.request(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { authorization: "Bearer a.b.c" } });
    const tenant = await get("org.get", { orgID: agency.orgID });
    expect(tenant.status).toBe(401);
    expect(((await tenant.json()) as { error: { data: { code: string } } }).error.data.code).toBe("auth.token_invalid");
    expect((await get("course.browse", {})).status).toBe(200);
  });
});
