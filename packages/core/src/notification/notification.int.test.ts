import { afterEach, describe, expect, it } from "vitest";
import { as, brand, cardInput, gigInput, outbox, people, recordedEvents } from "../../test/factory.js";
import type { Actor } from "../actor/index.js";
import { Clock } from "../clock/index.js";
import type { VisibleError } from "../error/index.js";
import { Id } from "../id/index.js";
import { Market } from "../market/index.js";
import { Person } from "../person/index.js";
import { Notification } from "./index.js";

afterEach(() => Clock.reset());

/** Delivers every recorded event of `type` the inbox listens to, as the bus would (twice: a duplicate delivery changes nothing). */
async function deliverAll(type: string) {
  for (const e of await recordedEvents(type)) {
    await Notification.fromEvent(e as never);
    await Notification.fromEvent(e as never);
  }
}

const inboxOf = (actor: Actor.Info) => as(actor, () => Notification.list({}));
const loginOf = async (personID: string): Promise<Person.Login> => Person.loginOf((await Person.get(personID)) as Person.Info);
/** 12:00 China time on a day: outside the default quiet hours (22:00–08:00). */
const noonChina = Date.parse("2026-12-02T04:00:00Z");

describe("notifications", () => {
  it("tells the host about a brand's invitation (badge, text, link) once, and the brand when the host accepts — not the one who acted", async () => {
    Clock.use(Clock.fixed(noonChina));
    const [host] = (await people(1, "主播")) as [Actor.PersonActor];
    await as(host, () => Market.saveCard(cardInput()));
    const b = await brand("徐州老城牛肉月饼");
    const gig = await as(b.actor, () => Market.create(gigInput(b.org.orgID, { title: "年货节牛肉月饼专场" })));
    await as(b.actor, () => Market.invite({ gigID: gig.gigID, hostID: host.personID, terms: { slotFeeFen: 80_000, commissionBps: 1500, tiers: [] } }));
    await deliverAll("offer.made");

    const mine = await inboxOf(host);
    expect(mine.unread).toBe(1);
    expect(mine.items).toEqual([
      expect.objectContaining({
        kind: "offer_received",
        link: "/offers",
        read: false,
        params: expect.objectContaining({ gig: "年货节牛肉月饼专场", brand: "徐州老城牛肉月饼", by: "brand" }),
      }),
    ]);
    expect(await as(host, () => Notification.unread({}))).toEqual({ unread: 1 });
    // the brand made the offer: nothing for it
    expect((await inboxOf(b.actor)).items).toEqual([]);
    // important: an SMS/email to the host right away (outside quiet hours), in their language
    expect(outbox().latest(await loginOf(host.personID), "notice")?.text).toContain("徐州老城牛肉月饼邀请你直播「年货节牛肉月饼专场」");

    const booking = await as(host, () => Market.accept({ gigID: gig.gigID, hostID: host.personID, round: 1 }));
    await deliverAll("booking.confirmed");
    const brandInbox = await inboxOf(b.actor);
    expect(brandInbox.unread).toBe(1);
    expect(brandInbox.items).toEqual([expect.objectContaining({ kind: "offer_accepted", link: `/bookings/${booking.bookingID}`, read: false })]);
    expect((await inboxOf(host)).items).toHaveLength(1);

    // reading it: the badge goes down once, however many taps
    const [n] = brandInbox.items as [Notification.Item];
    await Promise.all(Array.from({ length: 5 }, () => as(b.actor, () => Notification.markRead({ eventID: n.eventID }))));
    expect(await inboxOf(b.actor)).toMatchObject({ unread: 0, items: [expect.objectContaining({ read: true })] });
  });

  it("shows each person only their own: another's notification can't be listed or marked read, and a bad id is a field error", async () => {
    const [a, other] = (await people(2)) as [Actor.PersonActor, Actor.PersonActor];
    const eventID = Id.create("event");
    await Notification.deliver(eventID, [a.personID], { kind: "certificate_revoked", link: "/certificates/x", params: { certification: "带货主播" } });
    expect((await inboxOf(other)).items).toEqual([]);
    await as(other, () => Notification.markRead({ eventID }));
    expect(await inboxOf(a)).toMatchObject({ unread: 1, items: [expect.objectContaining({ read: false })] });
    const bad = (await as(a, () => Notification.markRead({ eventID: "evt_../../x" })).catch((e) => e)) as VisibleError;
    expect(bad.fields).toEqual({ eventID: "Not a notification" });
    const cursor = (await as(a, () => Notification.list({ cursor: "garbage" })).catch((e) => e)) as VisibleError;
    expect(cursor.code).toBe("page.cursor_invalid");
  });

  it("keeps the badge equal to the unread notifications when deliveries, duplicates, taps and 'mark all read' race", async () => {
    const [p] = (await people(1)) as [Actor.PersonActor];
    const events = Array.from({ length: 12 }, () => Id.create("event"));
    const notice = { kind: "review_received" as const, link: "/bookings/x", params: {} };
    await Promise.all(events.slice(0, 4).map((e) => Notification.deliver(e, [p.personID], notice)));
    const first = (await inboxOf(p)).items.map((i) => i.eventID);
    await Promise.all([
      ...events.flatMap((e) => [Notification.deliver(e, [p.personID], notice), Notification.deliver(e, [p.personID], notice)]),
      ...first.map((eventID) => as(p, () => Notification.markRead({ eventID }))),
      as(p, () => Notification.markAllRead({})),
      ...first.map((eventID) => as(p, () => Notification.markRead({ eventID }))),
    ]);
    const after = await inboxOf(p);
    expect(after.items).toHaveLength(12);
    expect(after.unread).toBe(after.items.filter((i) => !i.read).length);
    // and from here on each new one counts
    await Notification.deliver(Id.create("event"), [p.personID], notice);
    const again = await inboxOf(p);
    expect(again.unread).toBe(again.items.filter((i) => !i.read).length);
    expect(again.items[0]?.read).toBe(false);
    await as(p, () => Notification.markAllRead({}));
    expect(await inboxOf(p)).toMatchObject({ unread: 0 });
    expect((await inboxOf(p)).items.every((i) => i.read)).toBe(true);
  });

  it("holds SMS/email during quiet hours (China time) and sends them when they end; follows each person's preference", async () => {
    const [night, none, all] = (await people(3)) as [Actor.PersonActor, Actor.PersonActor, Actor.PersonActor];
    await as(none, () => Notification.setPreferences({ messages: "none", quietFrom: "22:00", quietTo: "08:00" }));
    await as(all, () => Notification.setPreferences({ messages: "all", quietFrom: "23:30", quietTo: "07:00" }));
    expect(await as(all, () => Notification.preferences({}))).toEqual({ messages: "all", quietFrom: "23:30", quietTo: "07:00" });
    const bad = (await as(all, () => Notification.setPreferences({ messages: "all", quietFrom: "25:00", quietTo: "7" })).catch((e) => e)) as VisibleError;
    expect(bad.fields).toEqual({ quietFrom: "Use a 24-hour time like 22:00", quietTo: "Use a 24-hour time like 22:00" });
    expect(await as(all, () => Notification.preferences({}))).toMatchObject({ quietFrom: "23:30" });

    // 23:00 China time: quiet for the default (22:00–08:00), not yet for "all" (23:30–07:00)
    Clock.use(Clock.fixed(Date.parse("2026-12-02T15:00:00Z")));
    await Notification.sendDueMessages(); // whatever earlier tests of this file left queued
    const issued = { kind: "certificate_issued" as const, link: "/certificates/c", params: { certification: "带货主播", agency: "苏州主播学院" } };
    await Notification.deliver(Id.create("event"), [night.personID, none.personID, all.personID], issued);
    await Notification.deliver(Id.create("event"), [all.personID], { kind: "offer_countered", link: "/offers", params: { gig: "专场" } });
    const [nightLogin, noneLogin, allLogin] = (await Promise.all([night, none, all].map((p) => loginOf(p.personID)))) as [
      Person.Login,
      Person.Login,
      Person.Login,
    ];
    expect(outbox().latest(nightLogin, "notice")).toBeUndefined();
    expect(outbox().latest(noneLogin, "notice")).toBeUndefined();
    expect(outbox().latest(allLogin, "notice")?.text).toContain("「专场」有新的报价");
    expect(await Notification.sendDueMessages()).toBe(0);

    // 08:00 China time: the night's message goes, once
    Clock.use(Clock.fixed(Date.parse("2026-12-03T00:00:00Z")));
    expect(await Notification.sendDueMessages()).toBe(1);
    expect(await Notification.sendDueMessages()).toBe(0);
    expect(outbox().latest(nightLogin, "notice")?.text).toContain("恭喜！你获得了「带货主播」证书");
    expect(outbox().latest(noneLogin, "notice")).toBeUndefined();
    // the inbox has them all regardless
    for (const p of [night, none, all]) expect((await inboxOf(p)).items.length).toBeGreaterThan(0);
  });
});
