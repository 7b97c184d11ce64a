import { randomBytes } from "node:crypto";
import { Auth } from "@zhubo/core/auth";
import { Certification } from "@zhubo/core/certification";
import { Dynamo } from "@zhubo/core/dynamo";
import { ensureTable } from "@zhubo/core/dynamo/admin";
import { Messaging } from "@zhubo/core/messaging";
import { freePort, startDynamoLocal } from "../dynamo-local.js";
import { SimFailure, simulate } from "./sim.js";

/**
 * `pnpm sim --seeds N --ops M` (or `--seed S` to replay one): the money simulation against a
 * DynamoDB Local of its own (in memory), one table per seed, seeds 1..N unless `--from` says.
 */
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : Number(process.argv[i + 1]);
};
const one = arg("seed");
const seeds = one !== undefined ? [one] : Array.from({ length: arg("seeds") ?? 10 }, (_, i) => (arg("from") ?? 1) + i);
const ops = arg("ops") ?? 60;
const verbose = process.argv.includes("--verbose");

process.env.JWT_PRIVATE_JWK ??= await Auth.generateSigningJwk();
process.env.CREDENTIAL_PRIVATE_JWK ??= await Certification.generateSigningJwk();
Messaging.use(Messaging.createOutbox({ keep: 1_000 }));
const dynamo = await startDynamoLocal({ port: await freePort() });
const started = Date.now();
let failed = 0;
const totals = { ops: 0, ambiguous: 0, bookings: 0, lines: 0 };
const memos: Record<string, number> = {};
try {
  for (const seed of seeds) {
    process.env.TABLE_NAME = `sim_${seed}_${randomBytes(3).toString("hex")}`;
    const client = await Dynamo.createClient({ endpoint: dynamo.endpoint });
    Dynamo.useClient(client);
    await ensureTable(client, Dynamo.table());
    const t = Date.now();
    try {
      const r = await simulate(seed, ops, { client, log: verbose ? console.log : undefined });
      totals.ops += r.ops;
      totals.ambiguous += r.ambiguous;
      totals.bookings += r.bookings;
      totals.lines += r.lines;
      for (const [k, v] of Object.entries(r.memos)) memos[k] = (memos[k] ?? 0) + v;
      console.log(
        `seed ${seed}: ${r.ops} steps ok in ${((Date.now() - t) / 1000).toFixed(1)} s · ${r.bookings} bookings · ${r.lines} order lines · ${r.ambiguous} ambiguous failures · ${r.accounts} accounts · ${JSON.stringify(r.counts)}`,
      );
    } catch (e) {
      failed++;
      console.error(e instanceof SimFailure ? e.message : e);
      if (e instanceof SimFailure && e.cause) console.error(e.cause);
    }
  }
} finally {
  await dynamo.stop();
}
console.log(
  `${seeds.length - failed}/${seeds.length} seeds passed · ${totals.ops} steps · ${totals.bookings} bookings · ${totals.lines} order lines · ${totals.ambiguous} ambiguous failures · transfers ${JSON.stringify(memos)} · ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
process.exitCode = failed ? 1 : 0;
