import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import { Dynamo } from "../dynamo/index.js";
import { conflict, forbidden, notFound } from "../error/index.js";
import { fn } from "../fn/index.js";
import { Id } from "../id/index.js";
import { Page } from "../page/index.js";
import { deadLetterEntity, outboxEntity, receiptEntity } from "./entity.js";

export * as Event from "./index.js";

/*
 * Domain events. A module declares its events in its public face (`define`), past tense, each
 * with a zod schema of its properties and a version. A verb that changes state adds the event to
 * the same DynamoDB transaction (`create` gives the outbox item): no change without its event, no
 * event without its change. The table's stream carries outbox items to the bus (`relay`), and the
 * bus to subscribers (`subscriber`, files in functions/src/events/). See ./README.md.
 */

/** Outbox items live a week: the stream keeps records for a day, so a week is only for inspection. */
const OUTBOX_DAYS = 7;
/** Receipts outlive every retry and replay (dead letters are replayable for 30 days). */
const RECEIPT_DAYS = 35;

export interface Definition<T extends string = string, P = unknown> {
  readonly type: T;
  readonly version: number;
  readonly schema: z.ZodMiniType<P>;
}

export interface Envelope<T extends string = string, P = unknown> {
  /** The event's id: what subscribers are idempotent by (a replay keeps it). */
  id: string;
  type: T;
  version: number;
  at: string;
  properties: P;
}

export type EnvelopeOf<D> = D extends Definition<infer T, infer P> ? Envelope<T, P> : never;

const defined = new Map<string, Definition>();

/** Declares an event: `type` is `<module>.<past-tense verb>`, properties are ids and facts, never personal data. */
export function define<T extends string, S extends z.ZodMiniType>(type: T, version: number, schema: S): Definition<T, z.output<S>> {
  if (!/^[a-z]+\.[a-z_]+$/.test(type)) throw new Error(`event type "${type}" is not <module>.<past_tense>`);
  const existing = defined.get(type);
  if (existing && existing.version !== version) throw new Error(`event ${type} declared twice`);
  const definition = { type, version, schema: schema as z.ZodMiniType<z.output<S>> };
  defined.set(type, definition);
  return definition;
}

/** Every event declared by the modules loaded so far. */
export function definitions(): Definition[] {
  return [...defined.values()];
}

const EnvelopeSchema = z.object({
  id: z.string().check(z.regex(/^evt_[0-9A-Z]{26}$/)),
  type: z.string().check(z.regex(/^[a-z]+\.[a-z_]+$/)),
  version: z.int().check(z.positive()),
  at: z.iso.datetime(),
  properties: z.record(z.string(), z.unknown()),
});

/** The outbox item for `properties` of `definition`: add it to the transaction that makes the change. */
export async function create<P>(definition: Definition<string, P>, properties: NoInfer<P>): Promise<Dynamo.Commit> {
  return write({
    id: Id.create("event"),
    type: definition.type,
    version: definition.version,
    at: Clock.iso(),
    properties: definition.schema.parse(properties) as Record<string, unknown>,
  });
}

async function write(envelope: Envelope): Promise<Dynamo.Commit> {
  const outbox = await outboxEntity();
  return Dynamo.commit(
    outbox.create({
      outboxID: Id.create("event"),
      eventID: envelope.id,
      type: envelope.type,
      body: JSON.stringify(envelope),
      expiresAt: Math.floor(Clock.now() / 1000) + OUTBOX_DAYS * 86_400,
    }),
  );
}

/** A change and its events as one transaction; -1 when it committed, else the failed item's index. */
export async function transact(commits: Dynamo.Commit[]): Promise<number> {
  return Dynamo.transact(await outboxEntity(), commits);
}

/** What DynamoDB Streams gives for one record (Lambda's event and GetRecords share this shape). */
export interface StreamRecord {
  eventName?: string;
  dynamodb?: { SequenceNumber?: string; NewImage?: Record<string, { S?: string } | undefined> };
}

/** The envelope an outbox INSERT carries; undefined for every other record of the table. */
export function fromRecord(record: StreamRecord): Envelope | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== "INSERT" || image?.__edb_e__?.S !== "event" || !image.body?.S) return undefined;
  const parsed = EnvelopeSchema.safeParse(JSON.parse(image.body.S));
  if (!parsed.success) throw new Error(`outbox item ${image.pk?.S} is not an event envelope`);
  return parsed.data;
}

/** Where the relay hands events on: EventBridge in AWS (./eventbridge.ts), the laptop stack's bus locally. */
export interface Bus {
  /** Publishes the envelopes; resolves with the indexes of those it could not take (to retry). */
  publish(envelopes: Envelope[]): Promise<number[]>;
}

/**
 * The stream consumer: the outbox INSERTs among `records`, published in order. Resolves with the
 * sequence number of the first record whose event was not taken (the stream retries from there),
 * or undefined when every event was.
 */
export async function relay(records: StreamRecord[], bus: Bus): Promise<string | undefined> {
  const found = records.flatMap((record) => {
    const envelope = fromRecord(record);
    return envelope ? [{ envelope, sequence: record.dynamodb?.SequenceNumber }] : [];
  });
  if (!found.length) return undefined;
  const failed = await bus.publish(found.map((f) => f.envelope));
  if (!failed.length) return undefined;
  return found[Math.min(...failed)]?.sequence ?? "";
}

export interface Subscriber {
  readonly name: string;
  readonly types: readonly string[];
  /** Handles one delivery: "duplicate" when this subscriber already handled the event's id. */
  handle(envelope: Envelope): Promise<"done" | "duplicate">;
}

/** Passed to a subscriber's reaction: its receipt, for a verb to commit in its own transaction. */
export interface Once {
  /** The receipt as a transaction item (conditional: it fails when the event was handled already). */
  receipt(): Promise<Dynamo.Commit>;
}

/**
 * A reaction to events: validates the envelope against the declared schema and version, runs
 * `react` as the system actor `name`, and records a receipt so a duplicate delivery (normal on
 * the bus) does nothing. A reaction whose effect isn't idempotent by itself puts
 * `once.receipt()` in its transaction: the effect and the receipt then commit together, exactly
 * once however many deliveries race.
 */
export function subscriber<const D extends readonly Definition[]>(
  name: string,
  events: D,
  react: (event: EnvelopeOf<D[number]>, once: Once) => Promise<void>,
): Subscriber {
  const byType = new Map<string, Definition>(events.map((d) => [d.type, d]));
  return {
    name,
    types: events.map((d) => d.type),
    async handle(raw) {
      const envelope = EnvelopeSchema.parse(raw);
      const definition = byType.get(envelope.type);
      if (!definition) throw new Error(`${name} does not subscribe to ${envelope.type}`);
      if (envelope.version !== definition.version) throw new Error(`${name} reads ${envelope.type} v${definition.version}, got v${envelope.version}`);
      const properties = definition.schema.parse(envelope.properties);
      const receipts = await receiptEntity();
      const key = { subscriber: name, eventID: envelope.id };
      if ((await receipts.get(key).go()).data) return "duplicate";
      let committed = false;
      const receipt = () => receipts.create({ ...key, at: Clock.iso(), expiresAt: Math.floor(Clock.now() / 1000) + RECEIPT_DAYS * 86_400 });
      const once: Once = {
        receipt: async () => {
          committed = true;
          return Dynamo.commit(receipt());
        },
      };
      await Actor.provide({ type: "system", name }, () => react({ ...envelope, properties } as EnvelopeOf<D[number]>, once));
      if (!committed)
        await receipt()
          .go()
          .catch(() => undefined);
      return "done";
    },
  };
}

/** Records a delivery that failed every attempt (the cloud's dead-letter recorder and the laptop bus call it). */
export async function deadLetter(input: { subscriber: string; envelope: Envelope; error: string; attempts: number }): Promise<string> {
  const deadLetterID = Id.create("deadLetter");
  await (await deadLetterEntity())
    .create({
      deadLetterID,
      subscriber: input.subscriber,
      eventID: input.envelope.id,
      type: input.envelope.type,
      body: JSON.stringify(input.envelope),
      error: input.error.slice(0, 500),
      attempts: input.attempts,
      failedAt: Clock.iso(),
      status: "open",
    })
    .go();
  console.error(
    JSON.stringify({ level: "error", message: "event dead-lettered", subscriber: input.subscriber, eventID: input.envelope.id, type: input.envelope.type }),
  );
  return deadLetterID;
}

function assertOps() {
  Actor.person();
  if (!Actor.isOps()) throw forbidden("event.ops_only", "Only platform operations see failed deliveries");
}

export interface DeadLetter {
  deadLetterID: string;
  subscriber: string;
  eventID: string;
  type: string;
  error: string;
  attempts: number;
  failedAt: string;
  status: "open" | "replayed";
  replayedAt?: string;
  properties: Record<string, unknown>;
}

const view = (d: { body: string } & Omit<DeadLetter, "properties">): DeadLetter => {
  const { body, ...rest } = d as typeof d & { expiresAt?: number };
  return { ...rest, properties: (JSON.parse(body) as Envelope<string, Record<string, unknown>>).properties };
};

/** Ops: failed deliveries, open ones (or replayed ones), newest first. */
export const deadLetters = fn(z.object({ status: z._default(z.enum(["open", "replayed"]), "open"), cursor: Page.cursor }), async ({ status, cursor }) => {
  assertOps();
  const q = Page.query("ops.deadLetters", status);
  const page = await (await deadLetterEntity()).query.byStatus({ status }).go({ cursor: Page.open(q, cursor), limit: 50, order: "desc" });
  return { items: page.data.map(view), cursor: Page.seal(q, page.cursor) };
});

/**
 * Ops replay a dead letter: the event goes onto the stream again with its own id, so every
 * subscriber that already handled it finds its receipt and only the one that failed reacts.
 * Marking it replayed and re-publishing are one transaction: two replays racing publish once.
 */
export const replay = fn(z.object({ deadLetterID: Id.schema("dead letter", "deadLetter") }), async ({ deadLetterID }) => {
  assertOps();
  const letters = await deadLetterEntity();
  const found = (await letters.get({ deadLetterID }).go()).data;
  if (!found) throw notFound("dead_letter.not_found");
  if (found.status !== "open") throw conflict("dead_letter.replayed", "This delivery was replayed already");
  const replayedAt = Clock.iso();
  const rejected = await transact([
    Dynamo.commit(
      letters
        .patch({ deadLetterID })
        .set({ status: "replayed", replayedAt, replayedBy: Actor.person().personID })
        .composite({ failedAt: found.failedAt })
        .where((a, op) => op.eq(a.status, "open")),
    ),
    await write(EnvelopeSchema.parse(JSON.parse(found.body))),
  ]);
  if (rejected === 0) throw conflict("dead_letter.replayed", "This delivery was replayed already");
  if (rejected !== -1) throw new Error(`replay of ${deadLetterID} failed on item ${rejected}`);
  return view({ ...found, status: "replayed", replayedAt });
});
