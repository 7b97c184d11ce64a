import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  DynamoDBClient,
  GetItemCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { createWriteTransaction } from "electrodb";
import { Config } from "../config/index.js";
import { TableDefinition } from "./table-definition.js";

export * as Dynamo from "./index.js";
export { TableDefinition } from "./table-definition.js";

let client: DynamoDBClient | undefined;

/** DynamoDB Local when DYNAMO_ENDPOINT is set, the real service otherwise. */
export function createClient(opts: { endpoint?: string; region?: string } = {}): DynamoDBClient {
  const endpoint = opts.endpoint ?? Config.dynamoEndpoint();
  return new DynamoDBClient({
    region: opts.region ?? Config.region(),
    ...(endpoint ? { endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
    maxAttempts: 3,
  });
}

export function getClient(): DynamoDBClient {
  client ??= createClient();
  return client;
}

/** Points the module at another client (tests, the local stack). */
export function useClient(next: DynamoDBClient): void {
  client = next;
}

export function table(): string {
  return Config.tableName();
}

/** A cheap read that proves the table answers: a GetItem of a key that never exists. */
export async function ping(): Promise<boolean> {
  try {
    await getClient().send(
      new GetItemCommand({
        TableName: table(),
        Key: { pk: { S: "$health" }, sk: { S: "$health" } },
      }),
    );
    return true;
  } catch {
    return false;
  }
}

export function createTableInput(name: string): CreateTableCommandInput {
  const def = TableDefinition;
  const keys = [def.partitionKey, def.sortKey, ...def.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: name,
    BillingMode: def.billing,
    AttributeDefinitions: keys.map((k) => ({ AttributeName: k, AttributeType: "S" })),
    KeySchema: [
      { AttributeName: def.partitionKey, KeyType: "HASH" },
      { AttributeName: def.sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: def.globalIndexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: "HASH" },
        { AttributeName: i.sortKey, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream },
  };
}

async function waitActive(dynamo: DynamoDBClient, name: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: name }));
    const busy = Table?.TableStatus !== "ACTIVE" || Table.GlobalSecondaryIndexes?.some((g) => g.IndexStatus !== "ACTIVE");
    if (!busy) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`table ${name} did not become ACTIVE`);
}

/**
 * Creates the table from the definition, or adds the GSIs a newer definition has
 * (DynamoDB takes one index creation per UpdateTable). Returns what it did.
 */
export async function ensureTable(dynamo: DynamoDBClient, name: string): Promise<string[]> {
  const done: string[] = [];
  let existing: DescribeTableCommandOutput | undefined;
  try {
    existing = await dynamo.send(new DescribeTableCommand({ TableName: name }));
  } catch (e) {
    if ((e as { name?: string }).name !== "ResourceNotFoundException") throw e;
  }
  const input = createTableInput(name);
  if (!existing) {
    await dynamo.send(new CreateTableCommand(input));
    done.push(`created table ${name}`);
  } else {
    const have = new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
    for (const gsi of input.GlobalSecondaryIndexes ?? []) {
      if (have.has(gsi.IndexName)) continue;
      await waitActive(dynamo, name);
      await dynamo.send(
        new UpdateTableCommand({
          TableName: name,
          AttributeDefinitions: input.AttributeDefinitions?.filter((a) => gsi.KeySchema?.some((k) => k.AttributeName === a.AttributeName)),
          GlobalSecondaryIndexUpdates: [{ Create: gsi }],
        }),
      );
      done.push(`added index ${gsi.IndexName}`);
    }
  }
  await waitActive(dynamo, name);
  if (!existing) {
    await dynamo.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: TableDefinition.ttlAttribute, Enabled: true },
      }),
    );
  }
  return done;
}

interface Bindable {
  setClient(client: unknown): void;
  setTableName(name: string): void;
}
const bound = new WeakMap<object, { client: DynamoDBClient; table: string }>();

/** Entities are declared once per module; this points one at the current client and table. */
export function bind<E extends object>(entity: E): E {
  const c = getClient();
  const t = table();
  const prev = bound.get(entity);
  if (!prev || prev.client !== c || prev.table !== t) {
    (entity as unknown as Bindable).setClient(c);
    (entity as unknown as Bindable).setTableName(t);
    bound.set(entity, { client: c, table: t });
  }
  return entity;
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
 * Runs ElectroDB commits (`entity.create(x).commit()`) as one TransactWriteItems.
 * Returns the index of the first rejected item (ConditionalCheckFailed), or -1 when it committed.
 */
export async function transact(anchor: object, commits: Commit[]): Promise<number> {
  const result = await createWriteTransaction({ anchor: bind(anchor) } as never, () => commits as never).go();
  if (!result.canceled) return -1;
  const rejected = (result.data as { rejected: boolean; code: string }[]).findIndex((r) => r.rejected);
  return rejected === -1 ? 0 : rejected;
}
