import type { TestProject } from "vitest/node";
import { type DynamoLocal, freePort, startDynamoLocal } from "../src/dynamo-local.js";

/** ONE DynamoDB Local (in memory) for the whole run; each test file makes its own table on it. */
let server: DynamoLocal | undefined;

export async function setup(project: TestProject) {
  server = await startDynamoLocal({ port: await freePort() });
  project.provide("dynamoEndpoint", server.endpoint);
}

export async function teardown() {
  await server?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
