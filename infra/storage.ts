import { RemovalPolicy } from "aws-cdk-lib";
import { BillingMode } from "aws-cdk-lib/aws-dynamodb";
import { type StackContext, Table } from "sst/constructs";
import { TableDefinition } from "../packages/core/src/dynamo/table-definition.js";

/** Stages whose data must survive `sst remove` and accidental deletes. */
export function isProductionStage(stage: string): boolean {
  return stage === "production" || stage === "prod";
}

type StreamView = Lowercase<typeof TableDefinition.stream>;

/** Every key attribute named in TableDefinition, all strings (ElectroDB composite keys). */
function keyFields(): Record<string, "string"> {
  const names = [
    TableDefinition.partitionKey,
    TableDefinition.sortKey,
    ...TableDefinition.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return Object.fromEntries(names.map((name) => [name, "string" as const]));
}

export function Storage({ stack, app }: StackContext) {
  const production = isProductionStage(app.stage);

  const table = new Table(stack, "table", {
    fields: keyFields(),
    primaryIndex: {
      partitionKey: TableDefinition.partitionKey,
      sortKey: TableDefinition.sortKey,
    },
    globalIndexes: Object.fromEntries(
      TableDefinition.globalIndexes.map((index) => [index.name, { partitionKey: index.partitionKey, sortKey: index.sortKey, projection: "all" as const }]),
    ),
    timeToLiveAttribute: TableDefinition.ttlAttribute,
    stream: TableDefinition.stream.toLowerCase() as StreamView,
    cdk: {
      table: {
        billingMode: BillingMode[TableDefinition.billing],
        // SST passes the deprecated `pointInTimeRecovery` flag; CDK rejects it next to
        // the specification, so it is cleared in favour of the explicit specification.
        pointInTimeRecovery: undefined,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: production,
        removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      },
    },
  });

  stack.addOutputs({ TableName: table.tableName });

  return { table };
}
