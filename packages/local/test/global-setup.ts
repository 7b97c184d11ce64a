import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Auth } from "@zhubo/core/auth";
import { Certification } from "@zhubo/core/certification";
import type { TestProject } from "vitest/node";
import { type DynamoLocal, freePort, startDynamoLocal } from "../src/dynamo-local.js";

/**
 * One DynamoDB Local (in memory) per test worker for the whole run; each test file makes its own
 * table on its worker's server. One server per worker because DynamoDB Local serialises much of its
 * work: a single JVM shared by every worker left the CPU idle while workers queued for it.
 */
let servers: DynamoLocal[] = [];
/** Where the browser tests' demo data is seeded once per run, for every worker to copy (test/demo-template.ts). */
let demoTemplateDir: string | undefined;

export async function setup(project: TestProject) {
  const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
  const ports: number[] = [];
  for (let i = 0; i < workers; i++) ports.push(await freePort());
  // C1 only: a test run's servers live minutes, and the C2 compiler's work never pays back on two cores
  servers = await Promise.all(ports.map((port) => startDynamoLocal({ port, jvm: ["-XX:TieredStopAtLevel=1"] })));
  project.provide(
    "dynamoEndpoints",
    servers.map((s) => s.endpoint),
  );
  // Signing keys once per run (an RSA key takes 0.1–0.4 s to make; every file used to make its own): each file still has its own table.
  project.provide("signingKeys", { jwt: await Auth.generateSigningJwk(), credential: await Certification.generateSigningJwk() });
  const templateDir = mkdtempSync(join(tmpdir(), "zhubo-demo-template-"));
  demoTemplateDir = templateDir;
  project.provide("demoTemplateDir", templateDir);
  // Watch mode: each rerun seeds afresh (the seed itself may be what changed).
  project.onTestsRerun(() => {
    rmSync(templateDir, { recursive: true, force: true });
    mkdirSync(templateDir, { mode: 0o700 });
  });
}

export async function teardown() {
  await Promise.all(servers.map((s) => s.stop()));
  if (demoTemplateDir) rmSync(demoTemplateDir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoints: string[];
    demoTemplateDir: string;
    signingKeys: { jwt: string; credential: string };
  }
}
