import { Dynamo } from "../dynamo/index.js";

/**
 * "notifications of a person, newest first": one per (person, event) — the event's id is the
 * sort key (ULIDs sort by time), so a repeated delivery of the event finds it there and adds
 * nothing. Kept 90 days.
 */
export const notificationEntity = Dynamo.entity({
  model: { entity: "notification", version: "1", service: "zhubo" },
  attributes: {
    personID: { type: "string", required: true, readOnly: true },
    eventID: { type: "string", required: true, readOnly: true },
    kind: { type: "string", required: true, readOnly: true },
    /** The object it is about, as the web app's path (/offers, /bookings/bkg_…). */
    link: { type: "string", required: true, readOnly: true },
    /** Names and figures for the text, as they were when it happened: { gig: "…", brand: "…" }. */
    params: { type: "any", required: true, readOnly: true },
    createdAt: { type: "string", required: true, readOnly: true },
    read: { type: "boolean", required: true },
    expiresAt: { type: "number", required: true },
  },
  indexes: {
    ofPerson: { pk: { field: "pk", composite: ["personID"] }, sk: { field: "sk", composite: ["eventID"] } },
  },
});

/** "messages due by time": notifications whose SMS/email waits for the recipient's quiet hours to end. */
export const dueEntity = Dynamo.entity({
  model: { entity: "notificationDue", version: "1", service: "zhubo" },
  attributes: {
    personID: { type: "string", required: true, readOnly: true },
    eventID: { type: "string", required: true, readOnly: true },
    due: { type: "string", required: true, readOnly: true },
    queue: { type: "string", required: true, readOnly: true, default: "due" },
    expiresAt: { type: "number", required: true },
  },
  indexes: {
    byNotification: { pk: { field: "pk", composite: ["personID", "eventID"] }, sk: { field: "sk", composite: [] } },
    byTime: { index: "gsi1", pk: { field: "gsi1pk", composite: ["queue"] }, sk: { field: "gsi1sk", composite: ["due", "personID", "eventID"] } },
  },
});

/**
 * A person's inbox: the unread count the badge shows, and when they last marked everything read.
 * Invariant (every write is conditional): `unread` = notifications with `read` false created
 * after `readAt`.
 */
export const inboxEntity = Dynamo.entity({
  model: { entity: "inbox", version: "1", service: "zhubo" },
  attributes: {
    personID: { type: "string", required: true, readOnly: true },
    unread: { type: "number", required: true },
    readAt: { type: "string", required: true },
    /** Goes up with every change of the count: "mark all read" commits only over the count it read. */
    version: { type: "number", required: true, default: 0 },
    /** Message preferences: which notifications also go by SMS/email, and the quiet hours (China time, "HH:MM"). */
    messages: { type: ["important", "all", "none"] as const, required: true, default: "important" },
    quietFrom: { type: "string", required: true, default: "22:00" },
    quietTo: { type: "string", required: true, default: "08:00" },
  },
  indexes: {
    byPerson: { pk: { field: "pk", composite: ["personID"] }, sk: { field: "sk", composite: [] } },
  },
});
