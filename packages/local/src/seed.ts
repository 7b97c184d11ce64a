import { Actor } from "@zhubo/core/actor";
import { Auth } from "@zhubo/core/auth";
import { Cohort } from "@zhubo/core/cohort";
import { Course } from "@zhubo/core/course";
import { Membership } from "@zhubo/core/membership";
import { Org } from "@zhubo/core/org";
import { Person } from "@zhubo/core/person";

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
  await Actor.provide(adminActor, async () => {
    await Org.invite({ orgID: agency.orgID, login: DEMO_ACCOUNTS.instructor.login, role: "instructor" });
    const course = await Course.create({
      agencyID: agency.orgID,
      title: "直播带货主播入门（互联网营销师·直播销售员 五级）",
      category: "local_speciality",
      language: "zh-CN",
      summary: "选品与卖点、开播话术与合规（不说违禁词）、镜头表现、互动留人、技术与灯光。约120学时，含实战练播。",
    });
    await Course.publish({ courseID: course.courseID });
    await Cohort.create({
      courseID: course.courseID,
      title: "2026年冬季苏州线下班",
      startDate: "2026-11-02",
      endDate: "2027-01-22",
      capacity: 30,
      city: "suzhou",
      online: false,
    });
  });
  const instructor = await account(DEMO_ACCOUNTS.instructor, "suzhou");
  await Actor.provide(person(instructor), async () => {
    await Person.updateProfile({ city: "suzhou" });
    await Membership.accept({ orgID: agency.orgID });
  });

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

  await account(DEMO_ACCOUNTS.hostSuqian, "suqian");
  await account(DEMO_ACCOUNTS.hostNanjing, "nanjing");
  return true;
}
