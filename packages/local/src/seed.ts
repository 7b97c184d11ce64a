import { Actor } from "@zhubo/core/actor";
import { Auth } from "@zhubo/core/auth";
import { Catalogue } from "@zhubo/core/catalogue";
import { Clock } from "@zhubo/core/clock";
import { Cohort } from "@zhubo/core/cohort";
import { Course } from "@zhubo/core/course";
import { Enrolment } from "@zhubo/core/enrolment";
import { Membership } from "@zhubo/core/membership";
import { Org } from "@zhubo/core/org";
import { Person } from "@zhubo/core/person";
import { demoCurriculum } from "./curriculum.js";

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
} satisfies Record<string, DemoAccount>;

/** A date `days` from today in China (UTC+8), so the demo cohort is always mid-run. */
function day(days: number): string {
  return new Date(Clock.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Extra learners of the running cohort, each at a different stage. */
export const DEMO_LEARNERS = [
  { role: "learner (Suzhou)", name: "吴佳怡", login: "learner1@zhubo.local", city: "suzhou" as const, lessons: 5, minutes: 300, sessions: 5 },
  { role: "learner (Wuxi)", name: "孙浩", login: "learner2@zhubo.local", city: "wuxi" as const, lessons: 1, minutes: 0, sessions: 0 },
  { role: "learner (Suzhou)", name: "郑晓雯", login: "learner3@zhubo.local", city: "suzhou" as const, lessons: 0, minutes: 0, sessions: 0 },
];

async function account(a: DemoAccount, city: Person.City) {
  return Auth.signUp({ login: a.login, password: DEMO_PASSWORD, displayName: a.name, city });
}

const person = (t: { personID: string; memberships: Actor.Membership[] }): Actor.PersonActor => ({
  type: "person",
  personID: t.personID,
  sessionID: "ses_seed",
  memberships: t.memberships,
});

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

  const { course, cohort } = await Actor.provide(adminActor, async () => {
    const created = await Course.create({
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

  // Learners at different stages of the running cohort.
  const lessons = Course.lessonIDs(course.modules);
  const stages = [
    { who: await account(DEMO_ACCOUNTS.hostSuqian, "suqian"), lessons: lessons.length, minutes: 480, sessions: 8 },
    { who: await account(DEMO_ACCOUNTS.hostNanjing, "nanjing"), lessons: 3, minutes: 150, sessions: 3 },
    ...(await Promise.all(DEMO_LEARNERS.map(async (l) => ({ who: await account(l, l.city), lessons: l.lessons, minutes: l.minutes, sessions: l.sessions })))),
  ];
  for (const stage of stages) {
    await Actor.provide(person(stage.who), async () => {
      await Enrolment.enrol({ cohortID: cohort.cohortID });
      for (const lessonID of lessons.slice(0, stage.lessons)) await Enrolment.completeLesson({ cohortID: cohort.cohortID, lessonID });
    });
    await Enrolment.setPractice(cohort.cohortID, stage.who.personID, { minutes: stage.minutes, sessions: stage.sessions });
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

  return true;
}
