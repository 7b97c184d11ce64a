/**
 * The single table, as data. infra/ builds the CloudFormation table from it and
 * packages/local creates or migrates the DynamoDB Local table from it: one source.
 * Keep this file free of imports so infra can read it without runtime code.
 */
export const TableDefinition = {
  partitionKey: "pk",
  sortKey: "sk",
  /** Overloaded GSIs; each ElectroDB index names the access pattern it serves. */
  globalIndexes: [
    { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { name: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    { name: "gsi3", partitionKey: "gsi3pk", sortKey: "gsi3sk" },
    { name: "gsi4", partitionKey: "gsi4pk", sortKey: "gsi4sk" },
  ],
  /** Epoch seconds; throttles, refresh sessions and idempotency records expire through it. */
  ttlAttribute: "expiresAt",
  stream: "NEW_AND_OLD_IMAGES",
  billing: "PAY_PER_REQUEST",
} as const;

export type GlobalIndexName = (typeof TableDefinition.globalIndexes)[number]["name"];
