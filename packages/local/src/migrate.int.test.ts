import { CreateTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { Dynamo, TableDefinition } from "@zhubo/core/dynamo";
import { createTableInput, ensureTable } from "@zhubo/core/dynamo/admin";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DynamoLocal, freePort, startDynamoLocal } from "./dynamo-local.js";

/*
 * Its own DynamoDB Local: index creation there is served by one background worker for the
 * whole server, and under the full test run's load a backfill can wait on other files' work.
 * C1 only, as the run's shared servers (test/global-setup.ts): 6 CPU-s for this file's server instead of 13.
 */
let server: DynamoLocal;
beforeAll(async () => {
  server = await startDynamoLocal({ port: await freePort(), jvm: ["-XX:TieredStopAtLevel=1"] });
});
afterAll(() => server.stop());

describe("the table from the shared definition", () => {
  it("is created with every index, TTL and the stream", async () => {
    const client = await Dynamo.createClient({ endpoint: server.endpoint });
    const name = `m_${Date.now()}`;
    expect(await ensureTable(client, name)).toEqual([`created table ${name}`]);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName).sort()).toEqual(TableDefinition.globalIndexes.map((g) => g.name));
    expect(Table?.StreamSpecification?.StreamViewType).toBe("NEW_AND_OLD_IMAGES");
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe("expiresAt");
    expect(await ensureTable(client, name)).toEqual([]);
  });

  it("gains the indexes a newer definition adds, one at a time, keeping its data", async () => {
    const client = await Dynamo.createClient({ endpoint: server.endpoint });
    const name = `old_${Date.now()}`;
    const full = createTableInput(name);
    const keys = ["pk", "sk", "gsi1pk", "gsi1sk"];
    await client.send(
      new CreateTableCommand({
        ...full,
        AttributeDefinitions: full.AttributeDefinitions?.filter((a) => keys.includes(a.AttributeName as string)),
        GlobalSecondaryIndexes: full.GlobalSecondaryIndexes?.slice(0, 1),
      }),
    );
    await client.send(new PutItemCommand({ TableName: name, Item: { pk: { S: "p" }, sk: { S: "s" }, gsi2pk: { S: "x" }, gsi2sk: { S: "y" } } }));
    expect(await ensureTable(client, name)).toEqual(["added index gsi2", "added index gsi3", "added index gsi4"]);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.GlobalSecondaryIndexes).toHaveLength(4);
    const { Item } = await client.send(new GetItemCommand({ TableName: name, Key: { pk: { S: "p" }, sk: { S: "s" } } }));
    expect(Item?.gsi2pk?.S).toBe("x");
  }, 120_000);
});
