import { Account } from "@zhubo/core/account";
import { Actor } from "@zhubo/core/actor";
import { Auth } from "@zhubo/core/auth";
import { Catalogue } from "@zhubo/core/catalogue";
import { Certification } from "@zhubo/core/certification";
import type { CredentialFacts } from "@zhubo/core/certification/credential";
import { Clock } from "@zhubo/core/clock";
import { Cohort } from "@zhubo/core/cohort";
import { Course } from "@zhubo/core/course";
import { Dynamo } from "@zhubo/core/dynamo";
import { Enrolment } from "@zhubo/core/enrolment";
import type { Event } from "@zhubo/core/event";
import { Market } from "@zhubo/core/market";
import { Membership } from "@zhubo/core/membership";
import { Messaging } from "@zhubo/core/messaging";
import { Org } from "@zhubo/core/org";
import { Payment } from "@zhubo/core/payment";
import { Person } from "@zhubo/core/person";
import { Wallet } from "@zhubo/core/wallet";

/** Test data in one place. Phones are unique per call so files never collide. */
let counter = 0;
export function uniquePhone(): string {
  counter += 1;
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
}

export function uniqueEmail(name = "user"): string {
  counter += 1;
  return `${name}.${counter}.${Math.random().toString(36).slice(2, 8)}@example.cn`;
}

export const PASSWORD = "correct horse 9";

/** The local outbox every test file sends through (packages/local/test/file-setup.ts). */
export function outbox(): Messaging.Outbox {
  const adapter = Messaging.adapter();
  if (adapter.kind !== "local") throw new Error("tests send through the local outbox");
  return adapter as Messaging.Outbox;
}

/** The code in the newest message of `template` to a login (as typed: any spelling). */
export function codeSentTo(login: string, template: Messaging.Template = "verify_login"): string | undefined {
  return outbox().latest(Person.toLogin(login), template)?.params.code;
}

/**
 * A person signed up the way the web app does it: sign-up, then the code from the outbox
 * (verified, signed in). `verified: false` stops before the code and signs in with the password.
 */
export async function signUp(name = "学员", login = uniqueEmail(), opts: { verified?: boolean } = {}) {
  await Account.signUp({ agree: true, login, password: PASSWORD, displayName: name });
  const code = codeSentTo(login);
  if (!code) throw new Error(`no code was sent to ${login}`);
  const tokens = opts.verified === false ? await Auth.signIn({ login, password: PASSWORD }) : await Account.confirmSignUp({ login, code });
  return { ...tokens, login, actor: actorOf(tokens) };
}

export function actorOf(tokens: { personID: string; memberships: Actor.Membership[] }, sessionID = "ses_test"): Actor.PersonActor {
  return { type: "person", personID: tokens.personID, sessionID, memberships: tokens.memberships };
}

export const as = <R>(actor: Actor.Info, cb: () => R): R => Actor.provide(actor, cb);

let hashed: Promise<string> | undefined;
/**
 * A verified person signed in, without the sign-up flow's scrypt hash (the shared one from
 * `people`) or its codes: for the admins and operators most tests only need to exist.
 */
export async function member(name: string, login = uniqueEmail()) {
  hashed ??= (await import("../src/auth/password.js")).hash(PASSWORD);
  const person = await Person.create({ login: Person.toLogin(login), displayName: name, passwordHash: await hashed, verified: true });
  const tokens = await Auth.startSession(person.personID);
  return { ...tokens, login, actor: actorOf(tokens) };
}

/**
 * A verified person whose stored hash has a low scrypt cost (N=2^10), for tests of the sign-in
 * throttle that check many wrong guesses: each costs a millisecond instead of a policy-cost
 * derivation. A right password re-hashes it at the policy cost (needsRehash), as in production.
 */
export async function weakAccount(name = "学员", login = uniqueEmail()) {
  const { randomBytes, scryptSync } = await import("node:crypto");
  const salt = randomBytes(16);
  const key = scryptSync(PASSWORD.normalize("NFKC"), salt, 32, { N: 1024, r: 8, p: 1 });
  const passwordHash = ["scrypt", 1024, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
  const person = await Person.create({ login: Person.toLogin(login), displayName: name, passwordHash, verified: true });
  return { personID: person.personID, login };
}

export async function ops() {
  const person = await member("运营");
  await Membership.grant({ personID: person.personID, orgID: "zhubo", kind: "platform", role: "ops", displayName: "运营" });
  const memberships = await Membership.ofPerson(person.personID);
  return { ...person, actor: actorOf({ personID: person.personID, memberships }) };
}

/** An approved org with its admin (actor refreshed to carry the admin membership). */
/** Brands come with ¥1,000,000 in their wallet unless `fundFen` says otherwise (0: an empty wallet). */
export async function org(
  kind: "agency" | "brand",
  name = kind === "agency" ? "苏州主播学院" : "徐州牛肉月饼",
  opts: { fundFen?: number } = { fundFen: 100_000_000 },
) {
  const admin = await member(`${name}管理员`);
  const created = await as(admin.actor, () => Org.create({ kind, name, city: kind === "agency" ? "suzhou" : "xuzhou" }));
  const operator = await ops();
  await as(operator.actor, () => Org.approve({ orgID: created.orgID }));
  const memberships = await Membership.ofPerson(admin.personID);
  const actor = actorOf({ personID: admin.personID, memberships });
  if (kind === "brand" && opts.fundFen) await fund(actor, created.orgID, opts.fundFen);
  return { org: created, admin: { ...admin, actor }, ops: operator };
}

/** The test process's payment provider (file-setup installs it): simulated bank transfers. */
export const bank = () => Payment.current() as Payment.LocalProvider;

/** Tops a brand's wallet up by a completed simulated bank transfer, as its admin would. */
export async function fund(admin: Actor.Info, brandID: string, amountFen: number) {
  const reference = bank().start(amountFen);
  bank().complete(reference);
  return as(admin, () => Wallet.topUp({ brandID, reference }));
}

/** The five criteria DESIGN.md names, weights summing to 100. */
export function rubric() {
  const levels = ["未达标", "需改进", "合格", "良好", "优秀"];
  return [
    { name: "产品知识", weight: 25, levels },
    { name: "镜头表现", weight: 20, levels },
    { name: "互动留人", weight: 20, levels },
    { name: "话术合规（无违禁词）", weight: 20, levels },
    { name: "技术质量", weight: 15, levels },
  ];
}

export function courseInput(agencyID: string) {
  return {
    agencyID,
    title: "直播带货入门",
    category: "food" as const,
    language: "zh-CN" as const,
    summary: "从选品到开播",
    modules: [
      {
        title: "开播准备",
        lessons: [
          { title: "选品与卖点", body: "# 选品\n看毛利、看复购。", minutes: 30 },
          { title: "灯光与收音", body: "三点布光。", minutes: 20, videoURL: "https://example.cn/v/light.mp4" },
        ],
      },
      { title: "话术与合规", lessons: [{ title: "不说违禁词", body: "不说“最”“第一”。", minutes: 25 }] },
    ],
    requirement: { minutes: 120, sessions: 4 },
    rubric: rubric(),
  };
}

export function cohortInput(courseID: string, patch: Partial<Parameters<typeof Cohort.create>[0]> = {}) {
  return { courseID, title: "苏州十二月班", startDate: "2026-12-01", endDate: "2027-01-15", capacity: 30, city: "suzhou" as const, online: false, ...patch };
}

/** An approved agency with a published course and an open cohort. */
export async function openCohort(patch: Partial<Parameters<typeof Cohort.create>[0]> = {}) {
  const agency = await org("agency");
  const course = await as(agency.admin.actor, async () => {
    const created = await Course.create(courseInput(agency.org.orgID));
    return Catalogue.publish({ courseID: created.courseID });
  });
  const cohort = await as(agency.admin.actor, () => Cohort.create(cohortInput(course.courseID, patch)));
  return { ...agency, course, cohort };
}

/** Many verified people fast: one scrypt hash shared, written straight through Person.create (no sessions, no codes). */
export async function people(n: number, name = "学员") {
  hashed ??= (await import("../src/auth/password.js")).hash(PASSWORD);
  const passwordHash = await hashed;
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const person = await Person.create({
        login: { kind: "email", value: uniqueEmail(`p${i}`) },
        displayName: `${name}${i + 1}`,
        passwordHash,
        verified: true,
      });
      return actorOf({ personID: person.personID, memberships: [] });
    }),
  );
}

/** What a certificate credential states, for the credential's own tests. */
export function credentialFacts(): CredentialFacts {
  return {
    code: "0ABCDEFGHJKMNPQRSTVWXYZ123",
    holderID: "prs_01JDQ0000000000000000000AA",
    holderName: "周小雨",
    definitionID: "cdf_01JDQ0000000000000000000BB",
    name: "地方特产带货主播（初级）",
    description: "能独立完成一场地方特产直播。",
    category: "local_speciality",
    level: 1,
    nationalLevel: "5",
    criteria: "Completed 100% of the lessons; practised live for 240 minutes in 4 sessions",
    creator: { id: "urn:zhubo:agency:agy_01JDQ0000000000000000000CC", name: "苏州星播直播电商学院" },
    issuedAt: "2026-11-25T08:00:00.000Z",
    expiresAt: "2027-11-25T08:00:00.000Z",
  };
}

/**
 * The domain events this test file's table has recorded (its outbox), oldest first, optionally of
 * one type. Test-only: it scans the file's own small table; production reads the outbox through
 * the table's stream, never by a Scan.
 */
export async function recordedEvents(type?: string): Promise<Event.Envelope<string, Record<string, unknown>>[]> {
  const { ScanCommand } = await import("@aws-sdk/client-dynamodb");
  const client = await Dynamo.getClient();
  const found: Event.Envelope<string, Record<string, unknown>>[] = [];
  let start: Record<string, import("@aws-sdk/client-dynamodb").AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: Dynamo.table(),
        FilterExpression: "#e = :event",
        ExpressionAttributeNames: { "#e": "__edb_e__" },
        ExpressionAttributeValues: { ":event": { S: "event" } },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) found.push(JSON.parse(item.body?.S ?? "{}") as Event.Envelope<string, Record<string, unknown>>);
    start = page.LastEvaluatedKey;
  } while (start);
  return found.filter((e) => !type || e.type === type).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** A China date `days` from now. */
export const day = (days: number) => new Date(Clock.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const everyDay = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ day: d, from: "09:00", to: "23:00" }));

/** A Xuzhou food host's card, available every day. */
export function cardInput(patch: Partial<Parameters<typeof Market.saveCard>[0]> = {}) {
  return {
    city: "xuzhou" as const,
    categories: ["food" as const],
    languages: ["mandarin" as const, "zhongyuan" as const],
    slotFeePerHourFen: 80_000,
    minCommissionBps: 1000,
    weekly: everyDay,
    exceptions: [],
    clips: [],
    version: 0,
    ...patch,
  };
}

/** An on-site food gig in Xuzhou a week from now, 19:00 for two hours. */
export function gigInput(brandID: string, patch: Partial<Parameters<typeof Market.create>[0]> = {}) {
  return {
    brandID,
    title: "牛肉月饼中秋专场",
    products: [{ name: "牛肉月饼礼盒", priceFen: 12_800 }],
    category: "food" as const,
    mode: "onsite" as const,
    city: "xuzhou" as const,
    venue: "徐州彭城广场直播间",
    date: day(7),
    startTime: "19:00",
    minutes: 120,
    requiredCertifications: [] as string[],
    languages: ["mandarin" as const],
    budgetFen: 200_000,
    commissionBps: 1500,
    ...patch,
  };
}

/** A platform food certification that an agency's open cohort's course leads to, with the given requirements. */
export async function certifying(requirements: Partial<Parameters<typeof Certification.define>[0]["requirements"]> = {}) {
  const c = await openCohort({ startDate: "2026-01-01", endDate: "2030-12-31" });
  const definition = await as(c.ops.actor, () =>
    Certification.define({
      ownerID: Certification.PLATFORM_OWNER,
      name: "食品带货主播（初级）",
      description: "能独立完成一场食品类直播的主播。",
      category: "food",
      level: 1,
      nationalLevel: "5",
      requirements: { lessonsPercent: 0, practiceMinutes: 0, practiceSessions: 0, rubricAverage: 0, criterionFloor: 0, ...requirements },
      validityMonths: 12,
      renewalWithinMonths: 3,
    }),
  );
  const course = c.course as Course.Info;
  await as(c.admin.actor, () => Catalogue.update({ ...course, category: "food", language: "zh-CN", certificationID: definition.definitionID }));
  return { ...c, course, definition };
}

/** Hosts who hold that certification, issued through the real evidence path (the agency's cohort trained them). */
export async function certified(n: number) {
  const c = await certifying();
  const hosts = (await people(n, "主播")) as Actor.PersonActor[];
  for (const h of hosts) {
    await as(h, () => Enrolment.enrol({ cohortID: c.cohort.cohortID }));
    await Certification.evaluate(c.cohort.cohortID, h.personID);
  }
  return { ...c, hosts };
}

/** A brand and its admin's actor. */
export async function brand(name = "徐州老城牛肉月饼", opts?: { fundFen?: number }) {
  const b = await org("brand", name, opts);
  return { ...b, actor: b.admin.actor };
}

/** A host with a card, a brand's gig the host applied to, and the booking the brand accepted. */
export async function booked() {
  const [host] = (await people(1, "主播")) as [Actor.PersonActor];
  await as(host, () => Market.saveCard(cardInput()));
  const b = await brand();
  const gig = await as(b.actor, () => Market.create(gigInput(b.org.orgID)));
  await as(host, () => Market.apply({ gigID: gig.gigID, terms: { slotFeeFen: 100_000, commissionBps: 1500, tiers: [] } }));
  const booking = await as(b.actor, () => Market.accept({ gigID: gig.gigID, hostID: host.personID, round: 1 }));
  return { host, brand: b, gig, booking };
}
