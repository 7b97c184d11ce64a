import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Entity, Schema } from "electrodb";
import { Config } from "../config/index.js";

export * as Dynamo from "./index.js";
export { TableDefinition } from "./table-definition.js";

/*
 * The AWS SDK and ElectroDB are imported on first use, not at module load: a request that
 * never touches the table (token checks, validation errors) doesn't pay for evaluating them
 * during a Lambda cold start. `pnpm bench` measures the difference.
 */
const sdk = () => import("@aws-sdk/client-dynamodb");
/** ElectroDB is CommonJS: Node gives it named exports, an ESM bundle only `default`. */
const electro = async (): Promise<typeof import("electrodb")> => {
  const mod = await import("electrodb");
  return "Entity" in mod ? mod : (mod as { default: typeof import("electrodb") }).default;
};

let client: Promise<DynamoDBClient> | undefined;

/** DynamoDB Local when DYNAMO_ENDPOINT is set, the real service otherwise. */
export async function createClient(opts: { endpoint?: string; region?: string } = {}): Promise<DynamoDBClient> {
  const { DynamoDBClient } = await sdk();
  const endpoint = opts.endpoint ?? Config.dynamoEndpoint();
  return new DynamoDBClient({
    region: opts.region ?? Config.region(),
    ...(endpoint ? { endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
    maxAttempts: 3,
  });
}

export function getClient(): Promise<DynamoDBClient> {
  client ??= createClient();
  return client;
}

/** Points the module at another client (tests, the local stack). */
export function useClient(next: DynamoDBClient): void {
  client = Promise.resolve(next);
}

export function table(): string {
  return Config.tableName();
}

/** A cheap read that proves the table answers: a GetItem of a key that never exists. */
export async function ping(): Promise<boolean> {
  try {
    const { GetItemCommand } = await sdk();
    await (await getClient()).send(new GetItemCommand({ TableName: table(), Key: { pk: { S: "$health" }, sk: { S: "$health" } } }));
    return true;
  } catch (e) {
    console.error(JSON.stringify({ level: "error", message: "health: table did not answer", table: table(), error: (e as Error).message }));
    return false;
  }
}

/**
 * Declares a module's ElectroDB entity; call the result to get it bound to the current
 * client and table (rebuilt only when those change, e.g. a test file's own table).
 */
export function entity<A extends string, F extends string, C extends string, S extends Schema<A, F, C>>(schema: S): () => Promise<Entity<A, F, C, S>> {
  let cached: { client: DynamoDBClient; table: string; entity: Entity<A, F, C, S> } | undefined;
  return async () => {
    const c = await getClient();
    const t = table();
    if (!cached || cached.client !== c || cached.table !== t) {
      const { Entity } = await electro();
      cached = { client: c, table: t, entity: new Entity(schema, { client: c, table: t }) };
    }
    return cached.entity;
  };
}

export interface Commit {
  readonly [key: string]: unknown;
}

/**
 * The transaction item of a chained ElectroDB write (`create`, `put`, `delete`, `patch`).
 * ElectroDB has `commit()` on every write chain at runtime but types it only inside its
 * own transaction callback; this lets modules hand each other items for one transaction.
 */
export function commit(operation: object): Commit {
  return (operation as { commit(): Commit }).commit();
}

/**
 * Runs commits as one TransactWriteItems. Returns the index of the first item whose condition
 * failed, or -1 when it committed. Transactions that lose a race with another transaction on
 * the same item (TransactionConflict) are retried with jittered backoff: contention on a
 * popular cohort is normal, not an error.
 */
export async function transact(anchor: { schema: unknown }, commits: Commit[], attempts = 25): Promise<number> {
  const { createWriteTransaction } = await electro();
  for (let attempt = 1; ; attempt++) {
    const result = await createWriteTransaction({ anchor } as never, () => commits as never).go();
    if (!result.canceled) return -1;
    const reasons = result.data as { rejected: boolean; code: string }[];
    const failed = reasons.findIndex((r) => r.code === "ConditionalCheckFailed");
    if (failed !== -1) return failed;
    if (!reasons.some((r) => r.code === "TransactionConflict") || attempt >= attempts) {
      throw new Error(`transaction cancelled: ${reasons.map((r) => r.code).join(", ")}`);
    }
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 10 * 2 ** attempt)));
  }
}
