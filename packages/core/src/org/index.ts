import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { Dynamo } from "../dynamo/index.js";
import { conflict, forbidden, isConditionFailure } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Membership } from "../membership/index.js";
import { Page } from "../page/index.js";
import { Person } from "../person/index.js";
import { Tenant } from "../tenant/index.js";
import { Text } from "../text/index.js";
import { agencyEntity, brandEntity } from "./entity.js";

export * as Org from "./index.js";

export type Kind = "agency" | "brand";
export type Status = "pending" | "active" | "rejected";

export const categories = ["food", "fresh_produce", "apparel", "beauty", "home", "electronics", "local_speciality"] as const;

export interface Info {
  orgID: string;
  kind: Kind;
  name: string;
  city: string;
  description?: string;
  categories?: string[];
  status: Status;
  decisionNote?: string;
  createdBy: string;
  createdAt: string;
  decidedAt?: string;
}

const orgID = Id.schema("organisation", "agency", "brand");
const kindOf = (id: string): Kind => (id.startsWith("brd_") ? "brand" : "agency");
const entityOf = (kind: Kind) => (kind === "agency" ? agencyEntity() : brandEntity());

function toInfo(kind: Kind, item: Omit<Info, "kind"> & { categories?: string[] }): Info {
  return { ...item, kind, categories: item.categories ? [...item.categories].sort() : undefined };
}

async function read(id: string): Promise<Info | undefined> {
  const kind = kindOf(id);
  const found = await (await entityOf(kind)).get({ orgID: id }).go();
  return found.data ? toInfo(kind, found.data as Omit<Info, "kind">) : undefined;
}

export const CreateSchema = z.object({
  kind: z.enum(["agency", "brand"]),
  name: Text.line({ min: 2, max: 80 }),
  city: z.enum(Person.cities),
  description: z.optional(Text.prose({ max: 500 })),
  categories: z.optional(z.array(z.enum(categories)).check(z.maxLength(7))),
});

/** Anyone signed in may register an agency or brand; it waits for ops approval and its creator is its first admin. */
export const create = fn(CreateSchema, async (input) => {
  const actor = Actor.person();
  const me = await Person.me();
  const id = Id.create(input.kind);
  const item = {
    orgID: id,
    name: input.name,
    city: input.city,
    description: input.description,
    status: "pending" as const,
    createdBy: actor.personID,
    createdAt: Clock.iso(),
  };
  const entity = await entityOf(input.kind);
  const write =
    input.kind === "brand" && input.categories?.length
      ? Dynamo.commit((await brandEntity()).create({ ...item, categories: input.categories }))
      : Dynamo.commit(entity.create(item));
  const rejected = await Dynamo.transact(entity, [
    write,
    await Membership.grantCommit({ personID: actor.personID, orgID: id, kind: input.kind, role: "admin", displayName: me.displayName }),
  ]);
  if (rejected !== -1) throw conflict("org.exists", "Try again");
  return toInfo(input.kind, { ...item, categories: input.categories });
});

/** Members see their org; ops see every org. */
export const get = fn(z.object({ orgID }), ({ orgID }) =>
  Tenant.load(
    "org.not_found",
    () => read(orgID),
    (o) => Tenant.ofOrg(o.orgID),
    { ops: true },
  ),
);

/** An org by id, for reactions to events (no tenancy: the caller is the system). */
export const load = (orgID: string) => read(orgID);

/** The orgs the signed-in person belongs to, from the token's memberships. */
export async function mine(): Promise<Info[]> {
  const ids = Actor.person()
    .memberships.filter((m) => m.kind !== "platform")
    .map((m) => m.orgID);
  const found = await Promise.all(ids.map(read));
  return found.filter((o): o is Info => o !== undefined);
}

export const listByStatus = fn(
  z.object({
    kind: z.enum(["agency", "brand"]),
    status: z.enum(["pending", "active", "rejected"]),
    cursor: Page.cursor,
  }),
  async ({ kind, status, cursor }) => {
    if (!Actor.isOps()) throw forbidden("org.ops_only", "Only platform operations can see this list");
    const q = Page.query("org.listByStatus", kind, status);
    const options = { cursor: Page.open(q, cursor), limit: 50 };
    const page =
      kind === "agency"
        ? await (await agencyEntity()).query.byStatus({ status }).go(options)
        : await (await brandEntity()).query.byStatus({ status }).go(options);
    return { items: page.data.map((o) => toInfo(kind, o as Omit<Info, "kind">)), cursor: Page.seal(q, page.cursor) };
  },
);

const decide = (status: "active" | "rejected") =>
  fn(z.object({ orgID, note: z.optional(Text.prose({ max: 500 })) }), async ({ orgID, note }) => {
    if (!Actor.isOps()) throw forbidden("org.ops_only", "Only platform operations can approve organisations");
    const org = await Tenant.load(
      "org.not_found",
      () => read(orgID),
      () => ({ kind: "platform" }),
    );
    if (org.status !== "pending") throw conflict("org.already_decided", `This organisation is already ${org.status}`);
    // Agencies and brands share these attributes; the union of the two entity types isn't callable.
    const entity = (await entityOf(org.kind)) as Awaited<ReturnType<typeof agencyEntity>>;
    try {
      await entity
        .patch({ orgID })
        .set({ status, decisionNote: note, decidedAt: Clock.iso() })
        .where((a, op) => op.eq(a.status, "pending"))
        .go();
    } catch (e) {
      if (isConditionFailure(e)) throw conflict("org.already_decided", "This organisation was decided by someone else");
      throw e;
    }
    return { ...org, status, decisionNote: note };
  });

export const approve = decide("active");
export const reject = decide("rejected");

/** Admins invite people by email or mobile; the invitation waits for that login to sign in. */
export const invite = fn(Membership.InviteSchema, async (input) => {
  const org = await Tenant.load(
    "org.not_found",
    () => read(input.orgID),
    (o) => Tenant.ofOrg(o.orgID),
    { roles: ["admin"] },
  );
  return Membership.invite({ ...input, orgName: org.name });
});
