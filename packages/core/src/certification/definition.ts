import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { conflict, forbidden, isConditionFailure, notFound } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Org } from "../org/index.js";
import { Page } from "../page/index.js";
import { Tenant } from "../tenant/index.js";
import { Text } from "../text/index.js";
import { NATIONAL_LEVELS, type NationalLevel, PLATFORM } from "./credential.js";
import { definitionEntity } from "./entity.js";
import { type Requirements, RequirementsSchema } from "./rules.js";

/** The platform's own definitions are owned by this id (ops); agencies own their proposals. */
export const PLATFORM_OWNER = "zhubo";
const PAGE = 50;

export interface Definition {
  definitionID: string;
  ownerID: string;
  ownerName: string;
  name: string;
  description: string;
  category: string;
  level: number;
  nationalLevel: NationalLevel;
  requirements: Requirements;
  validityMonths: number;
  renewalWithinMonths: number;
  status: "pending" | "approved" | "rejected";
  decisionNote?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const definitionID = Id.schema("certification", "definition");
const ownerID = z.union([z.literal(PLATFORM_OWNER), Id.schema("agency", "agency")]);

const Fields = {
  name: Text.line({ min: 2, max: 80 }),
  description: Text.prose({ min: 10, max: 1000 }),
  category: z.enum(Org.categories),
  level: z.int().check(z.minimum(1, "Levels run 1 to 5"), z.maximum(5, "Levels run 1 to 5")),
  nationalLevel: z.enum(Object.keys(NATIONAL_LEVELS) as [NationalLevel, ...NationalLevel[]]),
  requirements: RequirementsSchema,
  validityMonths: z.int().check(z.minimum(1, "1 to 60 months"), z.maximum(60, "1 to 60 months")),
  renewalWithinMonths: z.int().check(z.minimum(1, "1 to 24 months"), z.maximum(24, "1 to 24 months")),
};

async function read(id: string): Promise<Definition | undefined> {
  const found = await (await definitionEntity()).get({ definitionID: id }).go();
  return (found.data as Definition | null) ?? undefined;
}

/** Approved definitions are public; proposals are seen by their agency's admins and ops. */
const visible = (d: Definition): Tenant.Ref =>
  d.status === "approved" ? { kind: "public" } : d.ownerID === PLATFORM_OWNER ? { kind: "platform" } : { kind: "agency", id: d.ownerID };

/** Who may change it: ops for the platform's, the agency's admins (and ops) for an agency's. */
function assertOwner(owner: string): void {
  if (owner === PLATFORM_OWNER) {
    Tenant.assert("certification.not_found", { kind: "platform" });
  } else Tenant.assert("certification.not_found", { kind: "agency", id: owner }, { roles: ["admin"], ops: true });
}

export const DefineSchema = z.object({ ownerID, ...Fields });

/** Ops define platform certifications (approved at once); an agency's admins propose one for ops to approve. */
export const define = fn(DefineSchema, async (input) => {
  assertOwner(input.ownerID);
  let ownerName: string = PLATFORM.name;
  if (input.ownerID !== PLATFORM_OWNER) {
    const agency = await Org.get({ orgID: input.ownerID });
    if (agency.status !== "active") throw conflict("agency.not_active", "Your agency is waiting for approval");
    ownerName = agency.name;
  }
  const now = Clock.iso();
  const item: Definition = {
    ...input,
    definitionID: Id.create("definition"),
    ownerName,
    status: input.ownerID === PLATFORM_OWNER ? "approved" : "pending",
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await (await definitionEntity()).create(item).go();
  return item;
});

export const UpdateSchema = z.object({ definitionID, version: z.int(), ...Fields });

/**
 * Edits a definition (optimistic: `version` is the one the editor loaded). An agency's edit goes
 * back to ops for approval; certificates already issued keep what they said at issue.
 */
export const update = fn(UpdateSchema, async ({ definitionID: id, version, ...fields }) => {
  const current = await read(id);
  if (!current) throw notFound("certification.not_found");
  assertOwner(current.ownerID);
  const status = current.ownerID === PLATFORM_OWNER ? "approved" : "pending";
  const next: Definition = { ...current, ...fields, status, decisionNote: undefined, version: current.version + 1, updatedAt: Clock.iso() };
  try {
    await (await definitionEntity())
      .patch({ definitionID: id })
      .composite({ createdAt: current.createdAt, ownerID: current.ownerID })
      .set({ ...fields, status, version: next.version, updatedAt: next.updatedAt })
      .remove(["decisionNote"])
      .where((a, op) => op.eq(a.version, version))
      .go();
  } catch (e) {
    if (isConditionFailure(e)) throw conflict("certification.edited_elsewhere", "Someone else saved this certification meanwhile. Reload and try again.");
    throw e;
  }
  return next;
});

const decide = (status: "approved" | "rejected") =>
  fn(z.object({ definitionID, note: z.optional(Text.prose({ max: 500 })) }), async ({ definitionID: id, note }) => {
    if (!Actor.isOps()) throw forbidden("certification.ops_only", "Only platform operations decide certifications");
    const current = await read(id);
    if (!current) throw notFound("certification.not_found");
    if (current.status !== "pending") throw conflict("certification.already_decided", `This certification is already ${current.status}`);
    try {
      await (await definitionEntity())
        .patch({ definitionID: id })
        .composite({ createdAt: current.createdAt, ownerID: current.ownerID })
        .set({ status, decisionNote: note, updatedAt: Clock.iso() })
        .where((a, op) => `${op.eq(a.status, "pending")} AND ${op.eq(a.version, current.version)}`)
        .go();
    } catch (e) {
      if (isConditionFailure(e)) throw conflict("certification.already_decided", "This certification changed meanwhile. Reload and try again.");
      throw e;
    }
    return { ...current, status, decisionNote: note };
  });

export const approve = decide("approved");
export const reject = decide("rejected");

export const get = fn(z.object({ definitionID }), ({ definitionID: id }) =>
  Tenant.load("certification.not_found", () => read(id), visible, { roles: ["admin"], ops: true }),
);

/** Approved definitions (what courses lead to; anyone); pending and rejected ones are ops' queue. */
export const listByStatus = fn(z.object({ status: z.enum(["pending", "approved", "rejected"]), cursor: Page.cursor }), async ({ status, cursor }) => {
  if (status !== "approved" && !Actor.isOps()) throw forbidden("certification.ops_only", "Only platform operations can see this list");
  const q = Page.query("certification.listByStatus", status);
  const page = await (await definitionEntity()).query.byStatus({ status }).go({ cursor: Page.open(q, cursor), limit: PAGE, order: "desc" });
  return { items: page.data as Definition[], cursor: Page.seal(q, page.cursor) };
});

/** An agency's own definitions, any status (its admins and ops). */
export const listByOwner = fn(z.object({ ownerID, cursor: Page.cursor }), async ({ ownerID: owner, cursor }) => {
  assertOwner(owner);
  const q = Page.query("certification.listByOwner", owner);
  const page = await (await definitionEntity()).query.byOwner({ ownerID: owner }).go({ cursor: Page.open(q, cursor), limit: PAGE, order: "desc" });
  return { items: page.data as Definition[], cursor: Page.seal(q, page.cursor) };
});

/** What a course of this agency may lead to: an approved definition of the platform or of the agency itself. */
export async function usableBy(agencyID: string, id: string): Promise<Definition | undefined> {
  const d = await read(id);
  return d && d.status === "approved" && (d.ownerID === PLATFORM_OWNER || d.ownerID === agencyID) ? d : undefined;
}

export const load = read;
