import { Actor } from "@zhubo/core/actor";
import { Auth } from "@zhubo/core/auth";
import { Clock } from "@zhubo/core/clock";
import { Market } from "@zhubo/core/market";
import { Membership } from "@zhubo/core/membership";
import { Org } from "@zhubo/core/org";
import { Person } from "@zhubo/core/person";

/**
 * The marketplace's demo data: dozens of hosts across Jiangsu with cards and track records,
 * several brands and their open gigs. Deterministic (no randomness), so demos and tests agree.
 */

const JIANGSU = Person.jiangsu;
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
const GIVEN = ["思雨", "佳琪", "子涵", "欣怡", "梓萱", "浩然", "宇轩", "雨桐", "一诺", "可馨", "俊杰", "晓彤"];
const CATEGORIES = ["food", "fresh_produce", "apparel", "beauty", "home", "electronics", "local_speciality"] as const;
const DIALECTS: Record<string, "wu" | "jianghuai" | "zhongyuan"> = {
  suzhou: "wu",
  wuxi: "wu",
  changzhou: "wu",
  nantong: "jianghuai",
  nanjing: "jianghuai",
  yangzhou: "jianghuai",
  zhenjiang: "jianghuai",
  taizhou: "jianghuai",
  yancheng: "jianghuai",
  huaian: "jianghuai",
  lianyungang: "zhongyuan",
  xuzhou: "zhongyuan",
  suqian: "zhongyuan",
};

export const GENERATED_HOSTS = 40;

const evenings = (from: string, to: string, days = [1, 2, 3, 4, 5, 6, 7]) => days.map((day) => ({ day, from, to }));

/** A China date `days` from today. */
function day(days: number): string {
  return new Date(Clock.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

export interface MarketSeedInput {
  ops: Actor.PersonActor;
  brand: { orgID: string; admin: Actor.PersonActor };
  /** Demo hosts with accounts already: their cards and track records. */
  hosts: {
    actor: Actor.PersonActor;
    city: (typeof Person.jiangsu)[number];
    categories: (typeof CATEGORIES)[number][];
    feeYuan: number;
    record: [number, number, number];
  }[];
  /** The certification gigs may require. */
  certificationID: string;
}

async function card(actor: Actor.PersonActor, input: Parameters<typeof Market.saveCard>[0], record: [number, number, number]) {
  await Actor.provide(actor, () => Market.saveCard(input));
  const [sessions, rating, noShows] = record;
  // Demo track record (sessions, average rating, no-shows): what reviews and no-shows add up to in use.
  await Market.relist(actor.personID, () => ({ sessions, noShows, ratingCount: sessions, ratingSum: Math.round((rating * sessions) / 10) }));
}

export async function seedMarket(input: MarketSeedInput): Promise<void> {
  for (const h of input.hosts) {
    await card(
      h.actor,
      {
        city: h.city,
        categories: h.categories,
        languages: ["mandarin", DIALECTS[h.city] ?? "jianghuai"],
        headline: "擅长地方特产讲解，节奏稳、转化高",
        slotFeePerHourFen: h.feeYuan * 100,
        minCommissionBps: 1000,
        weekly: evenings("18:00", "23:00"),
        exceptions: [],
        clips: [],
        version: 0,
      },
      h.record,
    );
  }

  // Dozens more hosts across Jiangsu, each at a different price and track record.
  const passwordHash = await Auth.hashPassword("zhubo-demo-2026");
  for (let i = 0; i < GENERATED_HOSTS; i++) {
    const city = JIANGSU[i % JIANGSU.length] as (typeof Person.jiangsu)[number];
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`;
    const person = await Person.create({ login: { kind: "email", value: `host${i + 1}@zhubo.local` }, displayName: name, passwordHash, city, verified: true });
    const actor: Actor.PersonActor = { type: "person", personID: person.personID, sessionID: "ses_seed", memberships: [] };
    const categories = [CATEGORIES[i % CATEGORIES.length], CATEGORIES[(i * 3 + 1) % CATEGORIES.length]].filter(
      (c, k, a) => a.indexOf(c) === k,
    ) as (typeof CATEGORIES)[number][];
    await card(
      actor,
      {
        city,
        categories,
        languages: i % 5 === 0 ? ["mandarin", DIALECTS[city] ?? "jianghuai", "english"] : ["mandarin", DIALECTS[city] ?? "jianghuai"],
        slotFeePerHourFen: (300 + ((i * 137) % 1500)) * 100,
        minCommissionBps: 500 + ((i * 250) % 1500),
        weekly: i % 3 === 0 ? evenings("19:00", "23:30", [5, 6, 7]) : evenings("10:00", "22:00"),
        exceptions: i % 4 === 0 ? [{ date: day(7) }] : [],
        clips: [],
        version: 0,
      },
      [(i * 7) % 40, 38 + ((i * 3) % 12), i % 9 === 0 ? 1 : 0],
    );
  }

  // Brands and their open gigs.
  const more = [
    { name: "阳澄湖大闸蟹合作社", city: "suzhou" as const, categories: ["fresh_produce" as const], admin: "蟹农 沈师傅" },
    { name: "宜兴紫砂壶工坊", city: "wuxi" as const, categories: ["home" as const, "local_speciality" as const], admin: "蒋老师" },
    { name: "南京桂花鸭食品", city: "nanjing" as const, categories: ["food" as const], admin: "许经理" },
  ];
  const brands = [input.brand];
  for (const [i, b] of more.entries()) {
    const person = await Person.create({
      login: { kind: "email", value: `brand${i + 2}@zhubo.local` },
      displayName: b.admin,
      passwordHash,
      city: b.city,
      verified: true,
    });
    const creator: Actor.PersonActor = { type: "person", personID: person.personID, sessionID: "ses_seed", memberships: [] };
    const org = await Actor.provide(creator, () => Org.create({ kind: "brand", name: b.name, city: b.city, categories: b.categories }));
    await Actor.provide(input.ops, () => Org.approve({ orgID: org.orgID }));
    brands.push({ orgID: org.orgID, admin: { ...creator, memberships: await Membership.ofPerson(person.personID) } });
  }
  const gigs = [
    { b: 0, title: "老城牛肉月饼·周末专场", category: "local_speciality" as const, city: "xuzhou" as const, venue: "徐州彭城广场直播间", in: 9, cert: true },
    { b: 0, title: "地锅鸡预制菜上新", category: "food" as const, city: "xuzhou" as const, venue: "徐州云龙区中央厨房", in: 12, cert: false },
    { b: 1, title: "大闸蟹开湖季产地直播", category: "fresh_produce" as const, city: "suzhou" as const, venue: "阳澄湖莲花岛码头", in: 5, cert: false },
    { b: 2, title: "紫砂壶鉴赏与带货", category: "local_speciality" as const, city: undefined, venue: undefined, in: 6, cert: true },
    { b: 3, title: "桂花鸭中秋礼盒", category: "food" as const, city: "nanjing" as const, venue: "南京夫子庙直播基地", in: 10, cert: false },
  ];
  for (const g of gigs) {
    const brand = brands[g.b] as (typeof brands)[number];
    await Actor.provide(brand.admin, () =>
      Market.create({
        brandID: brand.orgID,
        title: g.title,
        products: [{ name: g.title.replace(/·.*/, ""), priceFen: 9_900 + g.in * 1_000 }],
        category: g.category,
        mode: g.city ? "onsite" : "remote",
        city: g.city,
        venue: g.venue,
        date: day(g.in),
        startTime: "19:30",
        minutes: 120,
        requiredCertifications: g.cert ? [input.certificationID] : [],
        languages: ["mandarin"],
        budgetFen: 200_000,
        commissionBps: 1500,
      }),
    );
  }
}
