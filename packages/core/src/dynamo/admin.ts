import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  type DynamoDBClient,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { TableDefinition } from "./table-definition.js";

/** Creating and migrating the table: used by the local stack and tests, never in a request path. */
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
  let last = "";
  for (let i = 0; i < 600; i++) {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: name }));
    const busy = Table?.TableStatus !== "ACTIVE" || Table.GlobalSecondaryIndexes?.some((g) => g.IndexStatus !== "ACTIVE");
    if (!busy) return;
    last = `${Table?.TableStatus} ${(Table?.GlobalSecondaryIndexes ?? []).map((g) => `${g.IndexName}:${g.IndexStatus}`).join(" ")}`;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`table ${name} did not become ACTIVE (${last})`);
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
