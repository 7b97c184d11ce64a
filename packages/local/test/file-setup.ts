import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Auth } from "@zhubo/core/auth";
import { Certification } from "@zhubo/core/certification";
import { Clock } from "@zhubo/core/clock";
import { Dynamo } from "@zhubo/core/dynamo";
import { ensureTable } from "@zhubo/core/dynamo/admin";
import { Messaging } from "@zhubo/core/messaging";
import { Payment } from "@zhubo/core/payment";
import { Payout } from "@zhubo/core/payout";
import { afterAll, beforeAll, inject } from "vitest";

/** Every test file gets its own table on the shared DynamoDB Local and its own signing key. */
const table = `t_${randomBytes(6).toString("hex")}`;
// This worker's own DynamoDB Local (global-setup starts one per worker).
const endpoints = inject("dynamoEndpoints");
process.env.DYNAMO_ENDPOINT = endpoints[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % endpoints.length];
process.env.TABLE_NAME = table;
const keys = inject("signingKeys");
process.env.JWT_PRIVATE_JWK ??= keys?.jwt ?? (await Auth.generateSigningJwk());
process.env.CREDENTIAL_PRIVATE_JWK ??= keys?.credential ?? (await Certification.generateSigningJwk());
// Codes and notices land in memory, where tests read them (test/factory.ts codeSentTo).
Messaging.use(Messaging.createOutbox({ keep: 10_000 }));
// Top-ups confirm against simulated bank transfers (test/factory.ts fund).
Payment.use(Payment.createLocalProvider());
// Payouts go to the local provider's files in a folder of this file's own (tests that decide outcomes install their own).
Payout.useProvider(Payout.createLocalPayoutProvider(mkdtempSync(join(tmpdir(), "zhubo-payouts-"))));
const client = await Dynamo.createClient();
Dynamo.useClient(client);

beforeAll(async () => {
  await ensureTable(client, table);
});

afterAll(() => {
  Clock.reset();
});
