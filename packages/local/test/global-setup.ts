import type { TestProject } from "vitest/node";
import { type DynamoLocal, freePort, startDynamoLocal } from "../src/dynamo-local.js";

/**
 * One DynamoDB Local (in memory) per test worker for the whole run; each test file makes its own
 * table on its worker's server. One server per worker because DynamoDB Local serialises much of its
 * work: a single JVM shared by every worker left the CPU idle while workers queued for it.
 */
let servers: DynamoLocal[] = [];

export async function setup(project: TestProject) {
  const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
  const ports: number[] = [];
  for (let i = 0; i < workers; i++) ports.push(await freePort());
  servers = await Promise.all(ports.map((port) => startDynamoLocal({ port })));
  project.provide(
    "dynamoEndpoints",
    servers.map((s) => s.endpoint),
  );
}

export async function teardown() {
  await Promise.all(servers.map((s) => s.stop()));
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoints: string[];
  }
}
