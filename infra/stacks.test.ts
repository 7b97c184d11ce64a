import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Match } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TableDefinition } from "../packages/core/src/dynamo/table-definition.js";
import { generateStageKeys, KEY_FILES, retiredCredentialJwks, rotateCredentialKey, streamingPublicKeys } from "./keys.js";
import { isProductionStage } from "./storage.js";
import { EVENTS_TABLE_ACTIONS, IVS_DETAIL_TYPES, RECORDING_EXPIRY_DAYS } from "./streams.js";
import { cleanupSynth, exported, type Json, named, only, type Resource, ROOT, STACK_NAMES, type Synthesized, stagePublicKey, synthApp } from "./test-synth.js";

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

type Statement = { Sid?: string; Action: string | string[]; Resource: unknown; Effect: string; Condition?: Json };

function functionByHandler(app: Synthesized, stack: "Api" | "Streams", handler: string): [string, Resource] {
  const all = Object.entries(app.template(stack).findResources("AWS::Lambda::Function")) as [string, Resource][];
  const found = all.filter(([, fn]) => fn.Properties.Handler === handler);
  expect(found, handler).toHaveLength(1);
  return found[0] as [string, Resource];
}

/** The EventBridge rule for IVS events (the other rule in Streams is the expiry schedule). */
function ivsRule(app: Synthesized): [string, Resource] {
  const rules = (Object.entries(app.template("Streams").findResources("AWS::Events::Rule")) as [string, Resource][]).filter(
    ([, r]) => r.Properties.EventPattern,
  );
  expect(rules).toHaveLength(1);
  return rules[0] as [string, Resource];
}

/** The statements of the inline policies attached to a function's role. */
function roleStatements(app: Synthesized, stack: "Streams", [, fn]: [string, Resource]): Statement[] {
  const role = (fn.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
  const policies = Object.values(app.template(stack).findResources("AWS::IAM::Policy")) as Resource[];
  return policies
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: role })))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** Every IAM statement in every stack of the app (inline, managed, bucket and queue policies). */
function allStatements(app: Synthesized): Statement[] {
  const found: Statement[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const o = node as Json;
      if (Array.isArray(o.Statement)) found.push(...(o.Statement as Statement[]));
      Object.values(o).forEach(visit);
    }
  };
  for (const name of STACK_NAMES) visit(app.template(name).toJSON());
  return found;
}

const IVS_CHANNELS = { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":ivs:ap-northeast-1:123456789012:channel/*"]] };
const IVS_STREAM_KEYS = { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":ivs:ap-northeast-1:123456789012:stream-key/*"]] };

// One file on purpose: initProject bundles sst.config.ts to a timestamped file in the repo
// root, so test files synthesising in parallel processes could race on it.
let prod: Synthesized;
let dev: Synthesized;
const started = Date.now();

beforeAll(async () => {
  prod = await synthApp("production", { bundle: false });
  // dev has rotated its credential key once (synthApp set ZHUBO_KEYS_DIR to scratch): the old public half must reach the API
  generateStageKeys("dev");
  rotateCredentialKey("dev");
  dev = await synthApp("dev");
}, 180_000);

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

describe("Streams", () => {
  it("routes IVS stream and recording state changes to the events function, with retries and a dead-letter queue", () => {
    const [, rule] = ivsRule(dev);
    const [fnId] = functionByHandler(dev, "Streams", "functions/src/events/ivs.handler");
    const [queueId] = named(dev, "Streams", "AWS::SQS::Queue", "ivsEventsDeadLetters");
    expect(rule.Properties.EventPattern).toEqual({ source: ["aws.ivs"], "detail-type": [...IVS_DETAIL_TYPES] });
    expect(IVS_DETAIL_TYPES).toEqual(["IVS Stream State Change", "IVS Recording State Change"]);
    expect(rule.Properties.State).toBe("ENABLED");
    expect(rule.Properties).not.toHaveProperty("EventBusName");
    expect(rule.Properties.Targets).toEqual([
      {
        Id: "Target0",
        Arn: { "Fn::GetAtt": [fnId, "Arn"] },
        RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 24 * 3600 },
        DeadLetterConfig: { Arn: { "Fn::GetAtt": [queueId, "Arn"] } },
      },
    ]);

    const [ruleId] = ivsRule(dev);
    dev.template("Streams").hasResourceProperties("AWS::Lambda::Permission", {
      Action: "lambda:InvokeFunction",
      FunctionName: { "Fn::GetAtt": [fnId, "Arn"] },
      Principal: "events.amazonaws.com",
      SourceArn: { "Fn::GetAtt": [ruleId, "Arn"] },
    });
    // EventBridge may write to the DLQ only on behalf of this rule.
    const [, queuePolicy] = named(dev, "Streams", "AWS::SQS::QueuePolicy", "ivsEventsDeadLetters");
    const statements = (queuePolicy.Properties.PolicyDocument as { Statement: (Statement & { Principal: unknown })[] }).Statement;
    expect(statements.filter((st) => st.Effect === "Allow")).toEqual([
      expect.objectContaining({
        Action: "sqs:SendMessage",
        Principal: { Service: "events.amazonaws.com" },
        Condition: { ArnEquals: { "aws:SourceArn": { "Fn::GetAtt": [ruleId, "Arn"] } } },
      }),
    ]);
  });

  it("runs the events function per the app defaults, with the table name and its own async failure path", () => {
    const [fnId, fn] = functionByHandler(dev, "Streams", "functions/src/events/ivs.handler");
    expect(fn.Properties).toMatchObject({ Runtime: "nodejs22.x", Architectures: ["arm64"], MemorySize: 512, Timeout: 10 });
    const env = (fn.Properties.Environment as { Variables: Json }).Variables;
    const [tableId] = only(dev, "Storage", "AWS::DynamoDB::Table");
    expect(exported(dev, "Storage", env.TABLE_NAME)).toEqual({ Ref: tableId });
    expect(Object.keys(env).filter((k) => k.startsWith("SST_Table_") || k.startsWith("SST_Secret_"))).toEqual([]);

    const [queueId, queue] = named(dev, "Streams", "AWS::SQS::Queue", "ivsEventsDeadLetters");
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    const [, invoke] = named(dev, "Streams", "AWS::Lambda::EventInvokeConfig", "ivsEvents");
    expect(invoke.Properties).toMatchObject({
      FunctionName: { Ref: fnId },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [queueId, "Arn"] } } },
    });

    const bundles = readdirSync(dev.artifacts, { recursive: true }).map(String);
    expect(bundles.some((f) => f.endsWith(path.join("functions", "src", "events", "ivs.mjs")))).toBe(true);
  });

  it("grants the events function only GetItem, PutItem, UpdateItem, DeleteItem and Query on the table and its indexes", () => {
    const statements = roleStatements(dev, "Streams", functionByHandler(dev, "Streams", "functions/src/events/ivs.handler"));
    const dynamo = statements.filter((st) => actionsOf(st).some((a) => a.startsWith("dynamodb:")));
    expect(dynamo).toHaveLength(1);
    const [statement] = dynamo as [Statement];
    expect(actionsOf(statement).sort()).toEqual(["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"]);
    expect([...EVENTS_TABLE_ACTIONS].sort()).toEqual(actionsOf(statement).sort());
    expect(statement.Effect).toBe("Allow");
    const [tableId] = only(dev, "Storage", "AWS::DynamoDB::Table");
    const [arn, indexes] = statement.Resource as [unknown, { "Fn::Join": [string, unknown[]] }];
    expect(exported(dev, "Storage", arn)).toEqual({ "Fn::GetAtt": [tableId, "Arn"] });
    expect(indexes["Fn::Join"][1]).toEqual([arn, "/index/*"]);

    // Nothing else but tracing and its dead-letter queue: no Scan, no wildcard, no IVS, no SSM.
    const actions = statements.flatMap(actionsOf);
    expect(actions).not.toContain("dynamodb:Scan");
    expect(actions.filter((a) => a.endsWith(":*") || a === "*")).toEqual([]);
    expect(actions.filter((a) => !a.startsWith("dynamodb:")).sort()).toEqual(
      ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage", "xray:PutTelemetryRecords", "xray:PutTraceSegments"].sort(),
    );
  });

  it("keeps recordings private, encrypted, TLS-only, and expires them after 180 days", () => {
    for (const app of [prod, dev]) {
      const [bucketId, bucket] = named(app, "Streams", "AWS::S3::Bucket", "recordings");
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      });
      expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] });
      expect(RECORDING_EXPIRY_DAYS).toBe(180);
      expect(bucket.Properties.LifecycleConfiguration).toEqual({
        Rules: [{ Id: "expire-recordings", Status: "Enabled", ExpirationInDays: 180, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }],
      });
      app.template("Streams").hasResourceProperties("AWS::S3::BucketPolicy", {
        Bucket: { Ref: bucketId },
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: "Deny", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } })]),
        },
      });
    }
  });

  it("retains recordings in production and destroys them, objects included, in other stages", () => {
    const [, prodBucket] = named(prod, "Streams", "AWS::S3::Bucket", "recordings");
    expect(prodBucket.DeletionPolicy).toBe("Retain");
    expect(prodBucket.UpdateReplacePolicy).toBe("Retain");
    expect(prod.template("Streams").findResources("Custom::S3AutoDeleteObjects")).toEqual({});

    const [devBucketId, devBucket] = named(dev, "Streams", "AWS::S3::Bucket", "recordings");
    expect(devBucket.DeletionPolicy).toBe("Delete");
    expect(devBucket.UpdateReplacePolicy).toBe("Delete");
    const [, autoDelete] = named(dev, "Streams", "Custom::S3AutoDeleteObjects", "recordings");
    expect(autoDelete.Properties.BucketName).toEqual({ Ref: devBucketId });
  });

  it("records IVS channels to that bucket, and outputs the recording configuration's ARN", () => {
    const [bucketId] = named(dev, "Streams", "AWS::S3::Bucket", "recordings");
    const [configId, config] = only(dev, "Streams", "AWS::IVS::RecordingConfiguration");
    expect(config.Properties).toMatchObject({
      Name: "zhubo-dev",
      DestinationConfiguration: { S3: { BucketName: { Ref: bucketId } } },
      RecordingReconnectWindowSeconds: 60,
      ThumbnailConfiguration: { RecordingMode: "DISABLED" },
    });
    expect(config.Properties.Tags).toContainEqual({ Key: "app", Value: "zhubo" });
    dev.template("Streams").hasOutput("RecordingConfigurationArn", { Value: { "Fn::GetAtt": [configId, "Arn"] } });
  });

  it("serves recordings only through CloudFront, over HTTPS, to URLs signed with the stage's recordings key", () => {
    for (const app of [prod, dev]) {
      const [bucketId] = named(app, "Streams", "AWS::S3::Bucket", "recordings");
      const [cdnId, cdn] = only(app, "Streams", "AWS::CloudFront::Distribution");
      const [keyId, key] = only(app, "Streams", "AWS::CloudFront::PublicKey");
      const [groupId, group] = only(app, "Streams", "AWS::CloudFront::KeyGroup");
      const [oacId] = only(app, "Streams", "AWS::CloudFront::OriginAccessControl");
      expect((key.Properties.PublicKeyConfig as Json).EncodedKey).toBe(stagePublicKey(app.stage, KEY_FILES.recordingsPublic));
      expect((group.Properties.KeyGroupConfig as Json).Items).toEqual([{ Ref: keyId }]);
      const config = cdn.Properties.DistributionConfig as Json;
      const behaviour = config.DefaultCacheBehavior as Json;
      expect(behaviour).toMatchObject({ ViewerProtocolPolicy: "https-only", TrustedKeyGroups: [{ Ref: groupId }], AllowedMethods: ["GET", "HEAD", "OPTIONS"] });
      expect(config.CacheBehaviors ?? []).toEqual([]);
      const [origin] = config.Origins as Json[];
      expect(origin).toMatchObject({ DomainName: { "Fn::GetAtt": [bucketId, "RegionalDomainName"] }, OriginAccessControlId: { "Fn::GetAtt": [oacId, "Id"] } });
      // the bucket admits reads from this distribution only
      const policies = Object.values(app.template("Streams").findResources("AWS::S3::BucketPolicy")) as Resource[];
      const ofRecordings = policies.filter((p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucketId }));
      const reads = ofRecordings
        .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
        .filter((st) => actionsOf(st).includes("s3:GetObject"));
      expect(reads).toEqual([
        expect.objectContaining({
          Effect: "Allow",
          Principal: { Service: "cloudfront.amazonaws.com" },
          Condition: {
            StringEquals: { "AWS:SourceArn": expect.objectContaining({ "Fn::Join": expect.arrayContaining([expect.arrayContaining([{ Ref: cdnId }])]) }) },
          },
        }),
      ]);
    }
  });

  it("imports the stage's IVS playback public key, so private channels take tokens the API signs", () => {
    for (const app of [prod, dev]) {
      const [id, pair] = only(app, "Streams", "AWS::IVS::PlaybackKeyPair");
      expect(pair.Properties).toMatchObject({ Name: `zhubo-${app.stage}`, PublicKeyMaterial: stagePublicKey(app.stage, KEY_FILES.playbackPublic) });
      app.template("Streams").hasOutput("PlaybackKeyPairArn", { Value: { "Fn::GetAtt": [id, "Arn"] } });
    }
  });

  it("refuses to synthesise a stage whose keys were never made, naming the command", () => {
    const dir = process.env.ZHUBO_KEYS_DIR;
    expect(() => streamingPublicKeys("never-made")).toThrow(`${dir}/never-made/recordings.pub.pem is missing: run \`pnpm keys --stage never-made\``);
  });
});

describe("Api", () => {
  it("runs one bundled ESM nodejs22.x arm64 function behind all its routes", () => {
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
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(["ANY /trpc/{proxy+}", "GET /.well-known/jwks.json", "GET /healthz"]);
    const integrations = Object.values(dev.template("Api").findResources("AWS::ApiGatewayV2::Integration")) as Resource[];
    expect(integrations).toHaveLength(3);
    for (const i of integrations) expect(i.Properties.IntegrationUri).toEqual({ "Fn::GetAtt": [fnId, "Arn"] });
  });

  it("passes the retired credential keys' public halves, so files signed before a rotation still verify", () => {
    const envOf = (app: Synthesized) => (apiFunction(app)[1].Properties.Environment as { Variables: Json }).Variables;
    const retired = JSON.parse(envOf(dev).CREDENTIAL_RETIRED_JWKS as string);
    expect(retired).toEqual(retiredCredentialJwks("dev"));
    expect(retired.keys).toEqual([{ kty: "RSA", n: expect.any(String), e: "AQAB" }]);
    expect(JSON.parse(envOf(prod).CREDENTIAL_RETIRED_JWKS as string)).toEqual({ keys: [] });
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

  it("passes the recording configuration ARN, the stage's channel name prefix and tag, and the recordings CDN and key id", () => {
    for (const app of [dev, prod]) {
      const [, fn] = apiFunction(app);
      const env = (fn.Properties.Environment as { Variables: Json }).Variables;
      const [configId] = only(app, "Streams", "AWS::IVS::RecordingConfiguration");
      expect(exported(app, "Streams", env.IVS_RECORDING_CONFIGURATION_ARN)).toEqual({ "Fn::GetAtt": [configId, "Arn"] });
      expect(env.IVS_CHANNEL_PREFIX).toBe(`zhubo-${app.stage}`);
      expect(env.IVS_STAGE).toBe(app.stage);
      const [cdnId] = only(app, "Streams", "AWS::CloudFront::Distribution");
      const [keyId] = only(app, "Streams", "AWS::CloudFront::PublicKey");
      expect(JSON.stringify(env.IVS_RECORDINGS_BASE_URL)).toContain("https://");
      expect(JSON.stringify(exported(app, "Streams", (env.IVS_RECORDINGS_BASE_URL as { "Fn::Join": [string, Json[]] })["Fn::Join"][1][1]))).toContain(cdnId);
      expect(exported(app, "Streams", env.RECORDINGS_KEY_PAIR_ID)).toEqual({ Ref: keyId });
    }
  });

  it("attaches the Streams IVS policy to the API function's role, and only to it", () => {
    const [, fn] = apiFunction(dev);
    const roleId = (fn.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
    const role = dev.template("Api").toJSON().Resources[roleId] as Resource;
    const [policyId, policy] = only(dev, "Streams", "AWS::IAM::ManagedPolicy");
    const imported = (role.Properties.ManagedPolicyArns as Json[]).filter((arn) => "Fn::ImportValue" in arn);
    const managed = imported.map((arn) => exported(dev, "Streams", arn));
    expect(managed).toEqual([{ Ref: policyId }]);
    // Attached from the role's side: the policy names no role, so Streams never depends on Api.
    expect(policy.Properties).not.toHaveProperty("Roles");
    const attached = (Object.values(dev.template("Api").findResources("AWS::IAM::Role")) as Resource[]).filter((r) =>
      JSON.stringify(r.Properties.ManagedPolicyArns ?? []).includes("ivsChannelsPolicy"),
    );
    expect(attached).toHaveLength(1);
  });

  it("scopes the API's IVS statements to this region's channels tagged app=zhubo and this stage, with * only where IVS has no ARN", () => {
    const [, policy] = only(dev, "Streams", "AWS::IAM::ManagedPolicy");
    const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements).toEqual([
      {
        Sid: "IvsListChannels",
        Effect: "Allow",
        Action: "ivs:ListChannels",
        Resource: "*",
        Condition: { StringEquals: { "aws:RequestedRegion": "ap-northeast-1" } },
      },
      {
        Sid: "IvsCreateTaggedChannels",
        Effect: "Allow",
        Action: "ivs:CreateChannel",
        Resource: "*",
        Condition: { StringEquals: { "aws:RequestedRegion": "ap-northeast-1", "aws:RequestTag/app": "zhubo", "aws:RequestTag/stage": "dev" } },
      },
      {
        Sid: "IvsTagNewChannelsAndKeys",
        Effect: "Allow",
        Action: "ivs:TagResource",
        Resource: [IVS_CHANNELS, IVS_STREAM_KEYS],
        Condition: {
          StringEquals: { "aws:RequestTag/app": "zhubo", "aws:RequestTag/stage": "dev" },
          "ForAllValues:StringEquals": { "aws:TagKeys": ["app", "pool", "stage"] },
        },
      },
      {
        Sid: "IvsManageOwnChannels",
        Effect: "Allow",
        Action: ["ivs:GetChannel", "ivs:DeleteChannel", "ivs:StopStream", "ivs:GetStreamSession", "ivs:ListStreamKeys", "ivs:CreateStreamKey"],
        Resource: IVS_CHANNELS,
        Condition: { StringEquals: { "aws:ResourceTag/app": "zhubo", "aws:ResourceTag/stage": "dev" } },
      },
      {
        Sid: "IvsStreamKeys",
        Effect: "Allow",
        Action: ["ivs:CreateStreamKey", "ivs:ListStreamKeys", "ivs:DeleteStreamKey", "ivs:DeleteChannel"],
        Resource: IVS_STREAM_KEYS,
      },
    ]);
    // Every call packages/core/src/stream/ivs.ts makes is covered.
    const granted = new Set(statements.flatMap(actionsOf));
    for (const action of [
      "CreateChannel",
      "ListChannels",
      "GetChannel",
      "DeleteChannel",
      "CreateStreamKey",
      "ListStreamKeys",
      "DeleteStreamKey",
      "StopStream",
      "GetStreamSession",
      "TagResource",
    ]) {
      expect(granted, action).toContain(`ivs:${action}`);
    }
  });

  it("runs the practice expiry job every 5 minutes with the IVS policy and only item reads, writes and index queries on the table", () => {
    const streams = dev.template("Streams");
    const schedules = Object.values(streams.findResources("AWS::Events::Rule")).filter((r) => (r as Resource).Properties.ScheduleExpression);
    expect(schedules.map((r) => (r as Resource).Properties.ScheduleExpression)).toEqual(["rate(5 minutes)"]);
    const [jobId, job] = functionByHandler(dev, "Streams", "functions/src/jobs/expire.handler");
    expect(job.Properties.Runtime).toBe("nodejs22.x");
    const roleId = (job.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
    const role = streams.toJSON().Resources[roleId] as Resource;
    expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toContain("ivsChannelsPolicy");
    const actions = roleStatements(dev, "Streams", [jobId, job])
      .flatMap(actionsOf)
      .filter((a) => a.startsWith("dynamodb:"));
    expect(actions.sort()).toEqual(["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"]);
  });

  it("never grants ivs:* or a bare * action, and no IVS action to any function but the API", () => {
    for (const app of [prod, dev]) {
      const statements = allStatements(app);
      const actions = statements.flatMap(actionsOf);
      expect(actions).not.toContain("ivs:*");
      expect(actions).not.toContain("*");
      expect(actions.filter((a) => a.startsWith("ivs:") && a.includes("*"))).toEqual([]);
      for (const name of STACK_NAMES) expect(JSON.stringify(app.template(name).toJSON())).not.toContain('"ivs:*"');
      // The only IVS grants in the app are the five statements of the Streams managed policy.
      expect(statements.filter((st) => actionsOf(st).some((a) => a.startsWith("ivs:")))).toHaveLength(5);
    }
  });

  it("binds the JWT and credential signing keys and the streaming keys' private halves as secrets through SSM", () => {
    const [, fn] = apiFunction(dev);
    expect((fn.Properties.Environment as { Variables: Json }).Variables).toMatchObject({
      SST_APP: "zhubo",
      SST_STAGE: "dev",
      SST_SSM_PREFIX: "/sst/zhubo/dev/",
      SST_Secret_value_JWT_PRIVATE_JWK: "__FETCH_FROM_SSM__",
      SST_Secret_value_CREDENTIAL_PRIVATE_JWK: "__FETCH_FROM_SSM__",
      SST_Secret_value_IVS_PLAYBACK_PRIVATE_KEY: "__FETCH_FROM_SSM__",
      SST_Secret_value_RECORDINGS_PRIVATE_KEY: "__FETCH_FROM_SSM__",
    });
    // no private key material anywhere in the templates
    for (const name of STACK_NAMES) expect(JSON.stringify(dev.template(name).toJSON())).not.toContain("PRIVATE KEY-----");
    const ssm = policyStatements(dev).filter((s) => actionsOf(s).some((a) => a.startsWith("ssm:")));
    expect([...new Set(ssm.flatMap(actionsOf))]).toEqual(["ssm:GetParameters"]);
    const resources = JSON.stringify(ssm.map((s) => s.Resource));
    expect(resources).toContain(":ssm:ap-northeast-1:123456789012:parameter/sst/zhubo/dev/Secret/JWT_PRIVATE_JWK/value");
    expect(resources).toContain(":ssm:ap-northeast-1:123456789012:parameter/sst/zhubo/.fallback/Secret/JWT_PRIVATE_JWK/value");
    for (const secret of ["CREDENTIAL_PRIVATE_JWK", "IVS_PLAYBACK_PRIVATE_KEY", "RECORDINGS_PRIVATE_KEY"]) {
      expect(resources).toContain(`:ssm:ap-northeast-1:123456789012:parameter/sst/zhubo/dev/Secret/${secret}/value`);
    }
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
