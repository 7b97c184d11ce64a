import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { Dynamo } from "../src/dynamo/index.js";

/**
 * How many items the test file's table holds. Tests only (a Scan), to prove a refused request wrote
 * nothing at all: no throttle counter, no partial item.
 */
export async function itemCount(): Promise<number> {
  const client = await Dynamo.getClient();
  let count = 0;
  let start: ScanCommand["input"]["ExclusiveStartKey"];
  do {
    const page = await client.send(new ScanCommand({ TableName: Dynamo.table(), Select: "COUNT", ExclusiveStartKey: start }));
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}
