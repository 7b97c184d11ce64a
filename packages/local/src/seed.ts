import { Actor } from "@zhubo/core/actor";
import { Auth } from "@zhubo/core/auth";
import { Catalogue } from "@zhubo/core/catalogue";
import { Certification } from "@zhubo/core/certification";
import { Clock } from "@zhubo/core/clock";
import { Cohort } from "@zhubo/core/cohort";
import { Course } from "@zhubo/core/course";
import { Enrolment } from "@zhubo/core/enrolment";
import { Membership } from "@zhubo/core/membership";
import { Org } from "@zhubo/core/org";
import { Person } from "@zhubo/core/person";
import { Practice } from "@zhubo/core/practice";
import { demoCurriculum } from "./curriculum.js";
import { seedMarket } from "./seed-market.js";
import { seedMoney } from "./seed-money.js";

/** One password for every demo account; printed by `pnpm dev`. Local data only. */
export const DEMO_PASSWORD = "zhubo-demo-2026";

export interface DemoAccount {
  role: string;
  name: string;
  login: string;
}

export const DEMO_ACCOUNTS = {
  ops: { role: "platform ops", name: "平台运营 林敏", login: "ops@zhubo.local" },
  agencyAdmin: { role: "agency admin (Suzhou)", name: "陈校长", login: "13800000001" },
  instructor: { role: "instructor (Suzhou)", name: "王老师", login: "13800000002" },
  brand: { role: "brand member (Xuzhou)", name: "刘经理", login: "13800000003" },
  hostSuqian: { role: "host (Suqian)", name: "周小雨", login: "13800000004" },
  hostNanjing: { role: "host (Nanjing)", name: "李阿琳", login: "13800000005" },
  hostXuzhou: { role: "host (Xuzhou) · certified", name: "张可", login: "13800000006" },
} satisfies Record<string, DemoAccount>;

/** A date `days` from today in China (UTC+8), so the demo cohort is always mid-run. */
function day(days: number): string {
  return new Date(Clock.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Extra learners of the running cohort, each at a different stage: `lessonsLeft` lessons not yet
 * done, practice so far, the latest review's score on every criterion, and what became of their
 * certificate (issued long ago so it is about to expire; revoked by ops).
 */
export const DEMO_LEARNERS = [
  {
    role: "learner · cert expiring",
    name: "吴佳怡",
    login: "learner1@zhubo.local",
    city: "suzhou" as const,
    lessonsLeft: 0,
    minutes: 300,
    sessions: 5,
    score: 3,
    issuedDaysAgo: 345,
  },
  {
    role: "learner · one lesson to go",
    name: "孙浩",
    login: "learner2@zhubo.local",
    city: "wuxi" as const,
    lessonsLeft: 1,
    minutes: 300,
    sessions: 5,
    score: 3,
  },
  { role: "learner (just started)", name: "郑晓雯", login: "learner3@zhubo.local", city: "suzhou" as const, lessonsLeft: 999, minutes: 0, sessions: 0 },
  {
    role: "learner · cert revoked",
    name: "赵雪",
    login: "learner4@zhubo.local",
    city: "changzhou" as const,
    lessonsLeft: 0,
    minutes: 260,
    sessions: 4,
    score: 3,
    revoked: "冒用他人直播录像参加考核",
  },
];

/** The platform's certifications (ops) and one an agency proposed that waits for ops. */
const REQUIRE_ALL_LESSONS = 100;
export const DEMO_CERTIFICATIONS = {
  localSpeciality: {
    name: "地方特产带货主播（初级）",
    description: "能独立完成一场地方特产直播：讲清产地与工艺、合规话术（不说违禁词）、画面与声音稳定、留住观众。",
    category: "local_speciality" as const,
    level: 1,
    nationalLevel: "5" as const,
    requirements: { lessonsPercent: REQUIRE_ALL_LESSONS, practiceMinutes: 240, practiceSessions: 4, rubricAverage: 250, criterionFloor: 2 },
    validityMonths: 12,
    renewalWithinMonths: 3,
  },
  foodIntermediate: {
    name: "食品带货主播（中级）",
    description: "能主持两小时以上的食品专场：多品讲解、逼单节奏、食品安全合规、突发情况处理。",
    category: "food" as const,
    level: 2,
    nationalLevel: "4" as const,
    requirements: { lessonsPercent: REQUIRE_ALL_LESSONS, practiceMinutes: 600, practiceSessions: 10, rubricAverage: 300, criterionFloor: 3 },
    validityMonths: 24,
    renewalWithinMonths: 6,
  },
  proposal: {
    name: "苏式糕点直播讲解员",
    description: "苏式糕点的原料、工艺与保存讲解，节令营销话术。由苏州星播直播电商学院提出，待平台审核。",
    category: "food" as const,
    level: 1,
    nationalLevel: "5" as const,
    requirements: { lessonsPercent: 80, practiceMinutes: 120, practiceSessions: 2, rubricAverage: 200, criterionFloor: 1 },
    validityMonths: 12,
    renewalWithinMonths: 3,
  },
};

let demoHash: Promise<string> | undefined;
/** Demo accounts share the one published password (one scrypt hash) and are verified: their logins are ours. */
async function account(a: DemoAccount, city: Person.City): Promise<{ personID: string; memberships: Actor.Membership[] }> {
  demoHash ??= Auth.hashPassword(DEMO_PASSWORD);
  const created = await Person.create({ login: Person.toLogin(a.login), displayName: a.name, passwordHash: await demoHash, city, verified: true });
  return { personID: created.personID, memberships: [] };
}

const person = (t: { personID: string; memberships: Actor.Membership[] }): Actor.PersonActor => ({
  type: "person",
  personID: t.personID,
  sessionID: "ses_seed",
  memberships: t.memberships,
});

/** Demo practice happened on a channel of its own per learner (not the pool's), so imported sessions never overlap. */
const demoChannel = (lane: number) => `arn:aws:ivs:local:000000000000:channel/demo-practice-${lane}`;

/** `count` sessions sharing `minutes`, every other evening, the last one the day before `at` (when they last practised). */
export function demoSessions(minutes: number, count: number, at: number): { startsAt: string; minutes: number }[] {
  const quarter = 15 * 60_000;
  const last = Math.floor((at - 86_400_000) / quarter) * quarter;
  return Array.from({ length: count }, (_, i) => ({
    startsAt: new Date(last - (count - 1 - i) * 2 * 86_400_000).toISOString(),
    minutes: Math.floor(minutes / count) + (i < minutes % count ? 1 : 0),
  }));
}

/** Seeds demo data once per table; returns false when it was already there. */
export async function seed(): Promise<boolean> {
  const login = Person.parseLogin(DEMO_ACCOUNTS.ops.login);
  if (login && (await Person.byLogin(login))) return false;

  const ops = await account(DEMO_ACCOUNTS.ops, "suzhou");
  await Membership.grant({ personID: ops.personID, orgID: "zhubo", kind: "platform", role: "ops", displayName: DEMO_ACCOUNTS.ops.name });
  const opsActor = person({ ...ops, memberships: await Membership.ofPerson(ops.personID) });

  const admin = await account(DEMO_ACCOUNTS.agencyAdmin, "suzhou");
  const agency = await Actor.provide(person(admin), () =>
    Org.create({
      kind: "agency",
      name: "苏州星播直播电商学院",
      city: "suzhou",
      description: "苏州工业园区的直播电商人才培训机构，互联网营销师（直播销售员）培训。",
    }),
  );
  await Actor.provide(opsActor, () => Org.approve({ orgID: agency.orgID, note: "资质审核通过" }));
  const adminActor = person({ ...admin, memberships: await Membership.ofPerson(admin.personID) });
  await Actor.provide(adminActor, () => Org.invite({ orgID: agency.orgID, login: DEMO_ACCOUNTS.instructor.login, role: "instructor" }));
  const instructor = await account(DEMO_ACCOUNTS.instructor, "suzhou");
  await Actor.provide(person(instructor), () => Membership.accept({ orgID: agency.orgID }));

  const [localSpeciality] = await Actor.provide(opsActor, () =>
    Promise.all([
      Certification.define({ ownerID: Certification.PLATFORM_OWNER, ...DEMO_CERTIFICATIONS.localSpeciality }),
      Certification.define({ ownerID: Certification.PLATFORM_OWNER, ...DEMO_CERTIFICATIONS.foodIntermediate }),
    ]),
  );
  await Actor.provide(adminActor, () => Certification.define({ ownerID: agency.orgID, ...DEMO_CERTIFICATIONS.proposal }));

  const { course, cohort } = await Actor.provide(adminActor, async () => {
    const created = await Course.create({
      certificationID: localSpeciality.definitionID,
      agencyID: agency.orgID,
      title: "直播带货主播入门（互联网营销师·直播销售员 五级）",
      category: "local_speciality",
      language: "zh-CN",
      summary: "选品与卖点、开播话术与合规（不说违禁词）、镜头表现、互动留人、技术与灯光。约120学时，含实战练播。",
      ...demoCurriculum,
    });
    const published = await Catalogue.publish({ courseID: created.courseID });
    const running = await Cohort.create({
      courseID: created.courseID,
      title: "2026年冬季苏州线下班",
      startDate: day(-23),
      endDate: day(58),
      capacity: 30,
      city: "suzhou",
      online: false,
      instructorIDs: [instructor.personID],
      schedule: [
        { title: "开班仪式与选品实操", startsAt: `${day(-23)}T19:00+08:00`, minutes: 120 },
        { title: "话术与合规工作坊", startsAt: `${day(-9)}T19:00+08:00`, minutes: 120 },
        { title: "灯光与推流实操", startsAt: `${day(5)}T19:00+08:00`, minutes: 120 },
        { title: "结业直播考核", startsAt: `${day(54)}T19:00+08:00`, minutes: 180 },
      ],
    });
    await Cohort.create({
      courseID: created.courseID,
      title: "2027年春季线上班",
      startDate: day(96),
      endDate: day(171),
      capacity: 50,
      online: true,
      instructorIDs: [instructor.personID],
    });
    return { course: published, cohort: running };
  });

  // Learners at different stages of the running cohort; meeting every requirement issues the certificate.
  const lessons = Course.lessonIDs(course.modules);
  const criteria = course.rubric.map((c) => c.criterionID);
  const stages = [
    { who: await account(DEMO_ACCOUNTS.hostSuqian, "suqian"), learner: { lessonsLeft: 0, minutes: 480, sessions: 8, score: 3 } },
    { who: await account(DEMO_ACCOUNTS.hostNanjing, "nanjing"), learner: { lessonsLeft: lessons.length - 3, minutes: 150, sessions: 3 } },
    { who: await account(DEMO_ACCOUNTS.hostXuzhou, "xuzhou"), learner: { lessonsLeft: 0, minutes: 360, sessions: 6, score: 4 } },
    ...(await Promise.all(DEMO_LEARNERS.map(async (l) => ({ who: await account(l, l.city), learner: l })))),
  ];
  for (const [lane, { who, learner }] of stages.entries()) {
    const at = Clock.now() - ("issuedDaysAgo" in learner ? (learner.issuedDaysAgo ?? 0) : 0) * 86_400_000;
    Clock.use(Clock.fixed(at));
    try {
      await Actor.provide(person(who), async () => {
        await Enrolment.enrol({ cohortID: cohort.cohortID });
        for (const lessonID of lessons.slice(0, Math.max(0, lessons.length - learner.lessonsLeft))) {
          await Enrolment.completeLesson({ cohortID: cohort.cohortID, lessonID });
        }
      });
      // Practice as credits through the session ledger, the path a streamed session takes: totals are their sum, so a new session adds to them.
      for (const session of demoSessions(learner.minutes, learner.sessions, at)) {
        await Practice.importSession({ cohortID: cohort.cohortID, learnerID: who.personID, channelArn: demoChannel(lane), ...session });
      }
      if ("score" in learner && learner.score !== undefined) {
        await Enrolment.setScores(cohort.cohortID, who.personID, Object.fromEntries(criteria.map((id) => [id, learner.score])));
      }
      await Certification.evaluate(cohort.cohortID, who.personID);
    } finally {
      Clock.reset();
    }
    if ("revoked" in learner && learner.revoked) {
      const [cert] = await Actor.provide(person(who), async () => (await Certification.mine({})).certificates);
      if (cert)
        await Actor.provide(opsActor, () => Certification.revoke({ holderID: who.personID, certificateID: cert.certificateID, reason: learner.revoked }));
    }
  }

  const brandAdmin = await account(DEMO_ACCOUNTS.brand, "xuzhou");
  const brand = await Actor.provide(person(brandAdmin), () =>
    Org.create({
      kind: "brand",
      name: "徐州老城牛肉月饼",
      city: "xuzhou",
      description: "徐州老字号，手工牛肉月饼，中秋直播带货。",
      categories: ["food", "local_speciality"],
    }),
  );
  await Actor.provide(opsActor, () => Org.approve({ orgID: brand.orgID }));

  // The marketplace: the certified demo hosts' cards, dozens more hosts across Jiangsu, brands and open gigs.
  const [suqian, nanjing, xuzhou] = stages as [(typeof stages)[number], (typeof stages)[number], (typeof stages)[number]];
  await seedMarket({
    ops: opsActor,
    brand: { orgID: brand.orgID, admin: person({ ...brandAdmin, memberships: await Membership.ofPerson(brandAdmin.personID) }) },
    hosts: [
      { actor: person(xuzhou.who), city: "xuzhou", categories: ["local_speciality", "food"], feeYuan: 800, record: [24, 49, 0] },
      { actor: person(suqian.who), city: "suqian", categories: ["local_speciality"], feeYuan: 600, record: [12, 46, 0] },
      { actor: person(nanjing.who), city: "nanjing", categories: ["food", "fresh_produce"], feeYuan: 500, record: [3, 42, 0] },
    ],
    certificationID: localSpeciality.definitionID,
  });
  // Money: a funded wallet, a completed session with sales (released, one clawback), pending commission, a held slot fee.
  await seedMoney({
    ops: opsActor,
    agency: { orgID: agency.orgID, admin: adminActor },
    brand: { orgID: brand.orgID, admin: person({ ...brandAdmin, memberships: await Membership.ofPerson(brandAdmin.personID) }) },
    host: person(xuzhou.who),
    password: DEMO_PASSWORD,
  });

  return true;
}
