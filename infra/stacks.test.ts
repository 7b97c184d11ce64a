import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Match } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TableDefinition } from "../packages/core/src/dynamo/table-definition.js";
import { isProductionStage } from "./storage.js";
import { cleanupSynth, exported, type Json, only, type Resource, ROOT, STACK_NAMES, type Synthesized, synthApp } from "./test-synth.js";

const API_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:Query",
  "dynamodb:BatchGetItem",
  "dynamodb:ConditionCheckItem",
];

function policyStatements(app: Synthesized): { Action: string | string[]; Resource: unknown; Effect: string }[] {
  const policies = Object.values(app.template("Api").findResources("AWS::IAM::Policy")) as Resource[];
  return policies.flatMap((p) => (p.Properties.PolicyDocument as { Statement: never[] }).Statement);
}

function apiFunction(app: Synthesized): [string, Resource] {
  const all = Object.entries(app.template("Api").findResources("AWS::Lambda::Function")) as [string, Resource][];
  const api = all.filter(([, fn]) => fn.Properties.Handler === "functions/src/api/lambda.handler");
  expect(api).toHaveLength(1);
  return api[0] as [string, Resource];
}

const actionsOf = (s: { Action: string | string[] }) => [s.Action].flat();

// One file on purpose: initProject bundles sst.config.ts to a timestamped file in the repo
// root, so test files synthesising in parallel processes could race on it.
let prod: Synthesized;
let dev: Synthesized;
const started = Date.now();

beforeAll(async () => {
  prod = await synthApp("production");
  dev = await synthApp("dev");
}, 60_000);

afterAll(() => cleanupSynth());

describe("Storage", () => {
  it("builds the table from TableDefinition", () => {
    const [, table] = only(dev, "Storage", "AWS::DynamoDB::Table");
    const p = table.Properties;
    expect(p.BillingMode).toBe(TableDefinition.billing);
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(p.StreamSpecification).toEqual({ StreamViewType: TableDefinition.stream });
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: TableDefinition.ttlAttribute, Enabled: true });
    expect(p.KeySchema).toEqual([
      { AttributeName: TableDefinition.partitionKey, KeyType: "HASH" },
      { AttributeName: TableDefinition.sortKey, KeyType: "RANGE" },
    ]);
    expect(p.GlobalSecondaryIndexes).toEqual(
      TableDefinition.globalIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: "HASH" },
          { AttributeName: index.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      })),
    );
  });

  it("treats production and prod as production stages", () => {
    expect(["production", "prod", "dev", "staging"].map(isProductionStage)).toEqual([true, true, false, false]);
  });

  it("protects and retains the table in production only", () => {
    const [, prodTable] = only(prod, "Storage", "AWS::DynamoDB::Table");
    expect(prodTable.Properties.DeletionProtectionEnabled).toBe(true);
    expect(prodTable.DeletionPolicy).toBe("Retain");
    expect(prodTable.UpdateReplacePolicy).toBe("Retain");

    const [, devTable] = only(dev, "Storage", "AWS::DynamoDB::Table");
    expect(devTable.Properties.DeletionProtectionEnabled).not.toBe(true);
    expect(devTable.DeletionPolicy).toBe("Delete");
    expect(devTable.UpdateReplacePolicy).toBe("Delete");
  });
});

describe("Api", () => {
  it("runs one bundled ESM nodejs22.x arm64 function behind both routes", () => {
    const [fnId, fn] = apiFunction(dev);
    expect(fn.Properties).toMatchObject({
      Handler: "functions/src/api/lambda.handler",
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      MemorySize: 512,
      Timeout: 10,
    });
    expect(fn.Properties.Code).toHaveProperty("S3Key");

    const routes = Object.values(dev.template("Api").findResources("AWS::ApiGatewayV2::Route")) as Resource[];
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(["ANY /trpc/{proxy+}", "GET /healthz"]);
    const integrations = Object.values(dev.template("Api").findResources("AWS::ApiGatewayV2::Integration")) as Resource[];
    expect(integrations).toHaveLength(2);
    for (const i of integrations) expect(i.Properties.IntegrationUri).toEqual({ "Fn::GetAtt": [fnId, "Arn"] });
  });

  it("passes the table name and JWT settings, and binds no table", () => {
    const [, fn] = apiFunction(dev);
    const env = (fn.Properties.Environment as { Variables: Json }).Variables;
    const [tableId] = only(dev, "Storage", "AWS::DynamoDB::Table");
    expect(exported(dev, "Storage", env.TABLE_NAME)).toEqual({ Ref: tableId });
    expect(env.JWT_ISSUER).toBe("zhubo:dev");
    expect(env.JWT_AUDIENCE).toBe("zhubo-api");
    expect(env).not.toHaveProperty("JWT_PRIVATE_JWK");
    expect(Object.keys(env).filter((k) => k.startsWith("SST_Table_"))).toEqual([]);
  });

  it("grants only the listed DynamoDB actions, on the table and its indexes", () => {
    const statements = policyStatements(dev);
    const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith("dynamodb:")));
    expect(dynamo).toHaveLength(1);
    const [statement] = dynamo as [(typeof dynamo)[number]];
    expect(actionsOf(statement).sort()).toEqual([...API_TABLE_ACTIONS].sort());
    expect(statement.Effect).toBe("Allow");

    const [tableId] = only(dev, "Storage", "AWS::DynamoDB::Table");
    const [arn, indexes] = statement.Resource as [unknown, { "Fn::Join": [string, unknown[]] }];
    expect(exported(dev, "Storage", arn)).toEqual({ "Fn::GetAtt": [tableId, "Arn"] });
    expect(indexes["Fn::Join"][1]).toEqual([arn, "/index/*"]);
  });

  it("never grants dynamodb:* or Scan anywhere in the app", () => {
    for (const app of [prod, dev]) {
      for (const name of STACK_NAMES) {
        const template = JSON.stringify(app.template(name).toJSON());
        expect(template).not.toContain("dynamodb:*");
        expect(template).not.toContain("dynamodb:Scan");
      }
    }
  });

  it("binds the JWT_PRIVATE_JWK secret through SSM", () => {
    const [, fn] = apiFunction(dev);
    expect((fn.Properties.Environment as { Variables: Json }).Variables).toMatchObject({
      SST_APP: "zhubo",
      SST_STAGE: "dev",
      SST_SSM_PREFIX: "/sst/zhubo/dev/",
      SST_Secret_value_JWT_PRIVATE_JWK: "__FETCH_FROM_SSM__",
    });
    const ssm = policyStatements(dev).filter((s) => actionsOf(s).some((a) => a.startsWith("ssm:")));
    expect(ssm.flatMap(actionsOf)).toEqual(["ssm:GetParameters"]);
    const resources = JSON.stringify(ssm.map((s) => s.Resource));
    expect(resources).toContain(":ssm:ap-northeast-1:123456789012:parameter/sst/zhubo/dev/Secret/JWT_PRIVATE_JWK/value");
    expect(resources).toContain(":ssm:ap-northeast-1:123456789012:parameter/sst/zhubo/.fallback/Secret/JWT_PRIVATE_JWK/value");
  });

  it("allows CORS for the web origin's headers and outputs the URL", () => {
    const [apiId, api] = only(dev, "Api", "AWS::ApiGatewayV2::Api");
    expect(api.Properties.CorsConfiguration).toMatchObject({
      AllowCredentials: false,
      AllowHeaders: expect.arrayContaining(["authorization", "content-type"]),
      AllowMethods: expect.arrayContaining(["GET", "POST"]),
    });
    dev.template("Api").hasOutput("ApiUrl", { Value: { "Fn::GetAtt": [apiId, "ApiEndpoint"] } });
  });

  it("bundles the handler as minified ESM per the app defaults", () => {
    const props = dev.functions.filter((f) => f.handler === "functions/src/api/lambda.handler");
    expect(props).toHaveLength(1);
    expect(props[0]?.nodejs).toMatchObject({ format: "esm", minify: true });
    const bundles = readdirSync(dev.artifacts, { recursive: true }).map(String);
    expect(bundles.some((f) => f.endsWith(path.join("functions", "src", "api", "lambda.mjs")))).toBe(true);
  });
});

describe("Web", () => {
  it("declares the Vite site built with the API URL", () => {
    expect(dev.sites).toHaveLength(1);
    const [{ props }] = dev.sites as [(typeof dev.sites)[number]];
    expect(props).toMatchObject({ path: "web", buildCommand: "pnpm run build", buildOutput: "dist" });
    expect(Object.keys(props.environment ?? {})).toEqual(["VITE_API_URL"]);
  });

  it("synthesises bucket, distribution and the upload that injects VITE_API_URL", () => {
    only(dev, "Web", "AWS::S3::Bucket");
    const [distId] = only(dev, "Web", "AWS::CloudFront::Distribution");
    const [, upload] = only(dev, "Web", "Custom::S3Uploader");
    const [apiId] = only(dev, "Api", "AWS::ApiGatewayV2::Api");
    const replace = upload.Properties.replaceValues as { search: string; replace: unknown }[];
    expect(replace.length).toBeGreaterThan(0);
    for (const r of replace) {
      expect(r.search).toBe("{{ VITE_API_URL }}");
      expect(exported(dev, "Api", r.replace)).toEqual({ "Fn::GetAtt": [apiId, "ApiEndpoint"] });
    }
    dev.template("Web").hasOutput("SiteUrl", { Value: Match.objectLike({ "Fn::Join": ["", ["https://", { "Fn::GetAtt": [distId, "DomainName"] }]] }) });
  });

  it("keeps SST's generated Vite typings out of web/", () => {
    const typings = path.join(ROOT, ".sst/web/sst-env.d.ts");
    expect(statSync(typings).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
    expect(readFileSync(typings, "utf8")).toContain("readonly VITE_API_URL: string");
  });
});
