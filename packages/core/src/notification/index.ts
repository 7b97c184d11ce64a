import { z } from "zod/mini";
import { Actor } from "../actor/index.js";
import { Certification } from "../certification/index.js";
import { Clock } from "../clock/index.js";
import { Dynamo } from "../dynamo/index.js";
import { conflict, isConditionFailure } from "../error/index.js";
import type { Event } from "../event/index.js";
import { fn } from "../fn/index.js";
import { Market } from "../market/index.js";
import { Membership } from "../membership/index.js";
import { Messaging } from "../messaging/index.js";
import { Org } from "../org/index.js";
import { Page } from "../page/index.js";
import { Person } from "../person/index.js";
import { dueEntity, inboxEntity, notificationEntity } from "./entity.js";
import { isQuiet, type Kind, minutesOf, quietEnds, wantsMessage } from "./rules.js";
import { noticeText } from "./texts.js";

export * as Notification from "./index.js";
export { chinaMinute, IMPORTANT, isQuiet, KINDS, type Kind, quietEnds, wantsMessage } from "./rules.js";

/*
 * The in-app inbox, fed by the subscriber of domain events (functions/src/events/notify.ts): each
 * event becomes one notification per person it concerns, with a link to its object; the
 * important ones also go by SMS/email through the messaging port, outside the person's quiet
 * hours (China time) and as they prefer.
 */

const KEEP_DAYS = 90;
const PAGE = 30;

export interface Item {
  eventID: string;
  kind: Kind;
  link: string;
  params: Record<string, string>;
  createdAt: string;
  read: boolean;
}

export interface Notice {
  kind: Kind;
  link: string;
  params: Record<string, string>;
}

const inboxDefaults = (personID: string) => ({
  personID,
  unread: 0,
  readAt: "-",
  version: 0,
  messages: "important" as const,
  quietFrom: "22:00",
  quietTo: "08:00",
});

async function inboxOf(personID: string) {
  const found = (await (await inboxEntity()).get({ personID }).go()).data;
  return found ?? inboxDefaults(personID);
}

/**
 * The stored inbox item, made on first need (the first notification, preferences, "mark all
 * read"): one GetItem when it exists; otherwise a conditional create, and a read again if a racing
 * twin created it first.
 */
async function storedInbox(personID: string) {
  const inboxes = await inboxEntity();
  const found = (await inboxes.get({ personID }).go()).data;
  if (found) return found;
  try {
    await inboxes.create(inboxDefaults(personID)).go();
    return inboxDefaults(personID);
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return inboxOf(personID);
  }
}

/**
 * Puts one notification in each recipient's inbox for `eventID`, once: the notification's key is
 * (person, event), so a repeated delivery adds nothing and counts nothing. Its unread count goes
 * up in the same transaction — unless the person marked everything read after this moment, then
 * it arrives read. The important ones are queued for SMS/email (now, or when quiet hours end).
 */
export async function deliver(eventID: string, recipients: string[], notice: Notice): Promise<number> {
  let added = 0;
  for (const personID of new Set(recipients)) {
    if (await deliverOne(eventID, personID, notice)) added++;
  }
  return added;
}

async function deliverOne(eventID: string, personID: string, notice: Notice): Promise<boolean> {
  const [notifications, inboxes, dues] = await Promise.all([notificationEntity(), inboxEntity(), dueEntity()]);
  const inbox = await storedInbox(personID);
  const now = Clock.now();
  const createdAt = new Date(now).toISOString();
  const expiresAt = Math.floor(now / 1000) + KEEP_DAYS * 86_400;
  const message = wantsMessage(inbox.messages, notice.kind)
    ? [
        Dynamo.commit(
          dues.create({
            personID,
            eventID,
            due: new Date(isQuiet(now, inbox.quietFrom, inbox.quietTo) ? quietEnds(now, inbox.quietTo) : now).toISOString(),
            expiresAt,
          }),
        ),
      ]
    : [];
  const item = { personID, eventID, ...notice, createdAt, expiresAt };
  for (let attempt = 0; attempt < 2; attempt++) {
    const counted = attempt === 0;
    const rejected = await Dynamo.transact(notifications, [
      Dynamo.commit(notifications.create({ ...item, read: !counted })),
      ...(counted
        ? [
            Dynamo.commit(
              inboxes
                .patch({ personID })
                .add({ unread: 1, version: 1 })
                .where((a, op) => op.lt(a.readAt, createdAt)),
            ),
          ]
        : []),
      ...message,
    ]);
    if (rejected === -1) {
      if (message.length) await sendDue(personID, eventID);
      return true;
    }
    if (rejected === 0) return false; // delivered before
    if (!counted || rejected !== 1) throw new Error(`notification ${eventID} for ${personID} failed on item ${rejected}`);
    // everything up to a moment after this one was marked read meanwhile: it arrives read
  }
  return false;
}

/** Sends one queued SMS/email if it is due, and takes it off the queue (a failure leaves it for the job). */
async function sendDue(personID: string, eventID: string): Promise<boolean> {
  const dues = await dueEntity();
  const due = (await dues.get({ personID, eventID }).go()).data;
  if (!due || due.due > Clock.iso()) return false;
  const [n, person] = await Promise.all([(await notificationEntity()).get({ personID, eventID }).go(), Person.get(personID)]);
  if (n.data && person) {
    await Messaging.send({
      to: Person.loginOf(person),
      template: "notice",
      params: { text: noticeText(n.data.kind as Kind, n.data.params as Record<string, string>, person.locale), link: n.data.link },
      locale: person.locale,
    });
  }
  try {
    await dues
      .delete({ personID, eventID })
      .where((a, op) => op.exists(a.due))
      .go();
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return false; // a racing sender took it
  }
  return true;
}

/** The job: every SMS/email whose quiet hours have ended ("messages due by time", oldest first). */
export async function sendDueMessages(limit = 200): Promise<number> {
  const page = await (await dueEntity()).query
    .byTime({ queue: "due" })
    .lt({ due: new Date(Clock.now() + 1).toISOString() })
    .go({ limit });
  let sent = 0;
  for (const d of page.data) if (await sendDue(d.personID, d.eventID)) sent++;
  return sent;
}

// ——— the signed-in person's inbox ———

const isUnread = (n: { read: boolean; createdAt: string }, readAt: string) => !n.read && n.createdAt > readAt;

export const list = fn(z.object({ cursor: Page.cursor }), async ({ cursor }) => {
  const personID = Actor.person().personID;
  const q = Page.query("notification.list", personID);
  const [page, inbox] = await Promise.all([
    (await notificationEntity()).query.ofPerson({ personID }).go({ cursor: Page.open(q, cursor), limit: PAGE, order: "desc" }),
    inboxOf(personID),
  ]);
  const items: Item[] = page.data.map((n) => ({
    eventID: n.eventID,
    kind: n.kind as Kind,
    link: n.link,
    params: n.params as Record<string, string>,
    createdAt: n.createdAt,
    read: !isUnread(n, inbox.readAt),
  }));
  return { items, unread: inbox.unread, cursor: Page.seal(q, page.cursor) };
});

/** The badge: one GetItem. */
export const unread = fn(z.object({}), async () => ({ unread: (await inboxOf(Actor.person().personID)).unread }));

const eventID = z.string().check(z.regex(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/, "Not a notification"));

/** Marks one notification read (its own only: the key is the caller's); the count goes down once however many taps race. */
export const markRead = fn(z.object({ eventID }), async (input) => {
  const personID = Actor.person().personID;
  const [notifications, inboxes] = await Promise.all([notificationEntity(), inboxEntity()]);
  for (let attempt = 0; attempt < 10; attempt++) {
    const [n, inbox] = await Promise.all([notifications.get({ personID, eventID: input.eventID }).go(), inboxOf(personID)]);
    if (!n.data) return { unread: inbox.unread };
    if (!isUnread(n.data, inbox.readAt)) return { unread: inbox.unread };
    const rejected = await Dynamo.transact(notifications, [
      Dynamo.commit(
        notifications
          .patch({ personID, eventID: input.eventID })
          .set({ read: true })
          .where((a, op) => op.eq(a.read, false)),
      ),
      Dynamo.commit(
        inboxes
          .patch({ personID })
          .add({ unread: -1, version: 1 })
          .where((a, op) => `${op.eq(a.readAt, inbox.readAt)} AND ${op.gt(a.unread, 0)}`),
      ),
    ]);
    if (rejected === -1) return { unread: inbox.unread - 1 };
    // read by a racing tap (0), or everything was marked read meanwhile (1): look again
  }
  return { unread: (await inboxOf(personID)).unread };
});

/**
 * Everything so far is read: the count goes to zero and `readAt` to now — committed only over the
 * count it read (a notification counted meanwhile makes it look again), so every counted one was
 * created before `readAt`; one of an earlier moment arriving late arrives read.
 */
export const markAllRead = fn(z.object({}), async () => {
  const personID = Actor.person().personID;
  const inboxes = await inboxEntity();
  for (let attempt = 0; attempt < 20; attempt++) {
    const inbox = await storedInbox(personID);
    // after the read: every notification it counted was created before this moment
    const readAt = Clock.iso();
    try {
      await inboxes
        .patch({ personID })
        .set({ unread: 0, readAt })
        .add({ version: 1 })
        .where((a, op) => op.eq(a.version, inbox.version))
        .go();
      return { unread: 0 };
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }
  throw conflict("notification.busy", "Your inbox is changing. Try again.");
});

// ——— preferences ———

const hhmm = z.string().check(z.refine((s) => minutesOf(s) !== undefined, "Use a 24-hour time like 22:00"));
export const PreferencesSchema = z.object({ messages: z.enum(["important", "all", "none"]), quietFrom: hhmm, quietTo: hhmm });
export type Preferences = z.output<typeof PreferencesSchema>;

export const preferences = fn(z.object({}), async (): Promise<Preferences> => {
  const { messages, quietFrom, quietTo } = await inboxOf(Actor.person().personID);
  return { messages, quietFrom, quietTo };
});

export const setPreferences = fn(PreferencesSchema, async (input) => {
  const personID = Actor.person().personID;
  await storedInbox(personID);
  await (await inboxEntity()).patch({ personID }).set(input).go();
  return input;
});

// ——— what each event means to whom ———

type Side = "brand" | "host";
const other = (side: Side): Side => (side === "brand" ? "host" : "brand");

/** The people on one side of an offer or booking: the host, or the brand's admins and members. */
async function sideOf(x: { brandID: string; hostID: string }, side: Side): Promise<string[]> {
  return side === "host" ? [x.hostID] : Membership.peopleOf(x.brandID, ["admin", "member"]);
}

const offerLink = (side: Side, gigID: string) => (side === "host" ? "/offers" : `/brand/gigs/${gigID}`);

type Known =
  | Event.EnvelopeOf<typeof Market.OfferMade>
  | Event.EnvelopeOf<typeof Market.OfferCountered>
  | Event.EnvelopeOf<typeof Market.OfferDeclined>
  | Event.EnvelopeOf<typeof Market.BookingConfirmed>
  | Event.EnvelopeOf<typeof Market.BookingCancelled>
  | Event.EnvelopeOf<typeof Market.BookingNoShow>
  | Event.EnvelopeOf<typeof Market.BookingCompleted>
  | Event.EnvelopeOf<typeof Certification.Issued>
  | Event.EnvelopeOf<typeof Certification.Renewed>
  | Event.EnvelopeOf<typeof Certification.Revoked>
  | Event.EnvelopeOf<typeof Membership.Invited>;

/** The events the inbox listens to (the subscriber's list). */
export const EVENTS = [
  Market.OfferMade,
  Market.OfferCountered,
  Market.OfferDeclined,
  Market.BookingConfirmed,
  Market.BookingCancelled,
  Market.BookingNoShow,
  Market.BookingCompleted,
  Certification.Issued,
  Certification.Renewed,
  Certification.Revoked,
  Membership.Invited,
] as const;

/** Who an event concerns and what they are told, read from current state (names as they are now). */
export async function fromEvent(event: Known): Promise<number> {
  switch (event.type) {
    case "offer.made":
    case "offer.countered":
    case "offer.declined": {
      const { gigID, hostID, brandID, by } = event.properties;
      const [offer, gig] = await Promise.all([Market.loadOffer(gigID, hostID), Market.loadGig(gigID)]);
      if (!offer || !gig) return 0;
      const to = other(by);
      const kind: Kind =
        event.type === "offer.made"
          ? "offer_received"
          : event.type === "offer.countered"
            ? "offer_countered"
            : event.properties.outcome === "withdrawn"
              ? "offer_withdrawn"
              : "offer_declined";
      return deliver(event.id, await sideOf({ brandID, hostID }, to), {
        kind,
        link: offerLink(to, gigID),
        params: { gig: offer.gigTitle, brand: gig.brandName, host: offer.hostName, by },
      });
    }
    case "booking.confirmed":
    case "booking.cancelled":
    case "booking.no_show":
    case "booking.completed": {
      const b = await Market.loadBooking(event.properties.bookingID);
      if (!b) return 0;
      const params = { gig: b.title, brand: b.brandName, host: b.hostName, startsAt: b.startsAt };
      const link = `/bookings/${b.bookingID}`;
      if (event.type === "booking.confirmed") {
        const by = event.properties.by;
        const sides: Side[] = by ? [other(by)] : ["brand", "host"];
        let n = 0;
        for (const side of sides) n += await deliver(event.id, await sideOf(b, side), { kind: "offer_accepted", link, params: { ...params, by: by ?? "" } });
        return n;
      }
      if (event.type === "booking.cancelled")
        return deliver(event.id, await sideOf(b, other(event.properties.by)), {
          kind: "booking_cancelled",
          link,
          params: { ...params, by: event.properties.by },
        });
      if (event.type === "booking.no_show") return deliver(event.id, [b.hostID], { kind: "booking_no_show", link, params });
      if (event.properties.by !== "brand") return 0;
      return deliver(event.id, [b.hostID], { kind: "review_received", link, params });
    }
    case "certificate.issued":
    case "certificate.renewed":
    case "certificate.revoked": {
      const { holderID, certificateID } = event.properties;
      const c = await Certification.load(holderID, certificateID);
      if (!c) return 0;
      const kind: Kind =
        event.type === "certificate.issued" ? "certificate_issued" : event.type === "certificate.renewed" ? "certificate_renewed" : "certificate_revoked";
      return deliver(event.id, [holderID], {
        kind,
        link: kind === "certificate_issued" ? `/certificates/${certificateID}?new=1` : `/certificates/${certificateID}`,
        params: { certification: c.name, agency: c.creatorName, level: String(c.level), expiresAt: c.expiresAt },
      });
    }
    case "membership.invited": {
      const org = await Org.load(event.properties.orgID);
      if (!org) return 0;
      return deliver(event.id, [event.properties.personID], { kind: "invitation_received", link: "/", params: { org: org.name, role: event.properties.role } });
    }
  }
  return 0;
}
