import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRODUCTION_AWS_ACCOUNT } from "../sst.config.js";
import { assertStageAccount } from "./account.js";
import { LOG_RETENTION_DAYS, LOG_RETENTION_PROVIDER_ID } from "./logs.js";
import { OPS_EMAIL_ENV, opsEmail } from "./ops.js";
import { ACCESS_LOG_EXPIRY_DAYS, ACCESS_LOG_PREFIXES, EVENTS_RESERVED_CONCURRENCY, EXPIRY_RESERVED_CONCURRENCY } from "./streams.js";
import {
  ACCOUNT,
  cleanupSynth,
  exported,
  type Json,
  named,
  only,
  type Resource,
  STACK_NAMES,
  type StackName,
  type Synthesized,
  synthApp,
} from "./test-synth.js";

// Logs (issue 10 item 24), alarms and concurrency (25), access logging (26), one account per stage (27).

const OPS_EMAIL = "ops@example.com";

let prod: Synthesized;
let dev: Synthesized;

beforeAll(async () => {
  const before = process.env[OPS_EMAIL_ENV];
  process.env[OPS_EMAIL_ENV] = OPS_EMAIL;
  try {
    prod = await synthApp("production", { bundle: false });
  } finally {
    if (before === undefined) delete process.env[OPS_EMAIL_ENV];
    else process.env[OPS_EMAIL_ENV] = before;
  }
  dev = await synthApp("dev", { bundle: false });
  // Templates now, before the refusal tests below synthesise (and fail) other apps in this process.
  for (const app of [prod, dev]) for (const stack of STACK_NAMES) app.template(stack);
}, 180_000);

afterAll(() => cleanupSynth());

const resources = (app: Synthesized, stack: StackName, type: string) => Object.entries(app.template(stack).findResources(type)) as [string, Resource][];
const ref = (id: string) => ({ Ref: id });
const getAtt = (id: string, attribute: string) => ({ "Fn::GetAtt": [id, attribute] });

function functionByHandler(app: Synthesized, stack: StackName, handler: string): [string, Resource] {
  const found = resources(app, stack, "AWS::Lambda::Function").filter(([, fn]) => fn.Properties.Handler === handler);
  expect(found, handler).toHaveLength(1);
  return found[0] as [string, Resource];
}

const EVENTS = "functions/src/events/ivs.handler";
const EXPIRY = "functions/src/jobs/expire.handler";
const API = "functions/src/api/lambda.handler";

describe("log retention", () => {
  it("keeps every log group and every Custom::LogRetention of every stack for 30 days", () => {
    expect(LOG_RETENTION_DAYS).toBe(30);
    for (const app of [prod, dev]) {
      for (const stack of STACK_NAMES) {
        for (const [id, group] of resources(app, stack, "AWS::Logs::LogGroup")) expect(group.Properties.RetentionInDays, `${stack} ${id}`).toBe(30);
        for (const [id, retention] of resources(app, stack, "Custom::LogRetention")) expect(retention.Properties.RetentionInDays, `${stack} ${id}`).toBe(30);
      }
    }
  });

  it("gives every Lambda function of every stack (the app's, SST's and CDK's custom-resource handlers) a 30-day log retention", () => {
    let functions = 0;
    for (const app of [prod, dev]) {
      for (const stack of STACK_NAMES) {
        const groups = Object.fromEntries(resources(app, stack, "AWS::Logs::LogGroup"));
        const retentions = resources(app, stack, "Custom::LogRetention").map(([, r]) => r.Properties);
        for (const [id, fn] of resources(app, stack, "AWS::Lambda::Function")) {
          // CDK's retention provider sets one day on its own logs when it runs (nothing in the template to set).
          if (id.startsWith(LOG_RETENTION_PROVIDER_ID)) continue;
          functions++;
          const own = (fn.Properties.LoggingConfig as { LogGroup?: { Ref: string } } | undefined)?.LogGroup;
          const days = own
            ? groups[own.Ref]?.Properties.RetentionInDays
            : retentions.find((r) => JSON.stringify(r.LogGroupName) === JSON.stringify({ "Fn::Join": ["", ["/aws/lambda/", ref(id)]] }))?.RetentionInDays;
          expect(days, `${app.stage} ${stack} ${id}`).toBe(30);
        }
        // The provider is only there to serve those retentions.
        const providers = resources(app, stack, "AWS::Lambda::Function").filter(([id]) => id.startsWith(LOG_RETENTION_PROVIDER_ID));
        expect(providers.length, stack).toBe(retentions.length > 0 ? 1 : 0);
      }
    }
    // API, events, expiry, and a custom-resource handler in every stack at least.
    expect(functions).toBeGreaterThanOrEqual(2 * (3 + STACK_NAMES.length));
  });

  it("keeps the API's access log, with its source IPs and user agents, for 30 days", () => {
    for (const app of [prod, dev]) {
      const [groupId, group] = only(app, "Api", "AWS::Logs::LogGroup");
      expect(group.Properties.RetentionInDays).toBe(30);
      const [, stage] = only(app, "Api", "AWS::ApiGatewayV2::Stage");
      expect((stage.Properties.AccessLogSettings as Json).DestinationArn).toEqual(getAtt(groupId, "Arn"));
    }
  });
});

describe("alarms", () => {
  const alarms = (app: Synthesized) => resources(app, "Ops", "AWS::CloudWatch::Alarm").map(([, a]) => a.Properties);
  const dimension = (alarm: Json) => (alarm.Dimensions as { Name: string; Value: unknown }[])[0];

  function notifiesOps(app: Synthesized, alarm: Json) {
    const [topicId] = only(app, "Ops", "AWS::SNS::Topic");
    expect(alarm.AlarmActions).toEqual([ref(topicId)]);
    expect(alarm.OKActions).toEqual([ref(topicId)]);
  }

  it("alarms to the ops topic as soon as either dead-letter queue holds a message", () => {
    for (const app of [prod, dev]) {
      for (const queue of ["ivsEventsDeadLetters", "practiceExpiryDeadLetters"]) {
        const [queueId] = named(app, "Streams", "AWS::SQS::Queue", queue);
        const found = alarms(app).filter(
          (a) =>
            a.MetricName === "ApproximateNumberOfMessagesVisible" &&
            JSON.stringify(exported(app, "Streams", dimension(a)?.Value)) === JSON.stringify(getAtt(queueId, "QueueName")),
        );
        expect(found, queue).toHaveLength(1);
        const [alarm] = found as [Json];
        expect(alarm).toMatchObject({
          Namespace: "AWS/SQS",
          Threshold: 0,
          ComparisonOperator: "GreaterThanThreshold",
          EvaluationPeriods: 1,
          TreatMissingData: "notBreaching",
        });
        expect(dimension(alarm)?.Name).toBe("QueueName");
        notifiesOps(app, alarm);
      }
    }
  });

  it("alarms on any error of the IVS events function and of the expiry job, and when the job stops running", () => {
    for (const app of [prod, dev]) {
      for (const handler of [EVENTS, EXPIRY]) {
        const [fnId] = functionByHandler(app, "Streams", handler);
        const of = (metric: string) =>
          alarms(app).filter((a) => a.MetricName === metric && JSON.stringify(exported(app, "Streams", dimension(a)?.Value)) === JSON.stringify(ref(fnId)));
        const errors = of("Errors");
        expect(errors, handler).toHaveLength(1);
        expect(errors[0]).toMatchObject({ Namespace: "AWS/Lambda", Statistic: "Sum", Threshold: 0, ComparisonOperator: "GreaterThanThreshold", Period: 300 });
        notifiesOps(app, errors[0] as Json);
        if (handler === EXPIRY) {
          const stopped = of("Invocations");
          expect(stopped).toHaveLength(1);
          // three 5-minute periods without a run (no data counts as none)
          expect(stopped[0]).toMatchObject({ Threshold: 1, ComparisonOperator: "LessThanThreshold", EvaluationPeriods: 3, TreatMissingData: "breaching" });
          notifiesOps(app, stopped[0] as Json);
        }
      }
    }
  });

  it("lets only this account's CloudWatch alarms publish to the TLS-only topic, and mails the configured address", () => {
    for (const app of [prod, dev]) {
      const [topicId] = only(app, "Ops", "AWS::SNS::Topic");
      const [, policy] = only(app, "Ops", "AWS::SNS::TopicPolicy");
      const statements = (policy.Properties.PolicyDocument as { Statement: Json[] }).Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: "Deny", Action: "sns:Publish", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      );
      const allows = statements.filter((st) => st.Effect === "Allow");
      expect(allows).toEqual([
        expect.objectContaining({
          Action: "sns:Publish",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Resource: ref(topicId),
          Condition: expect.objectContaining({ StringEquals: { "aws:SourceAccount": app.stage === "dev" ? ACCOUNT : PRODUCTION_AWS_ACCOUNT } }),
        }),
      ]);
      app.template("Ops").hasOutput("AlarmsTopic", { Value: ref(topicId) });
    }
    const [, subscription] = only(prod, "Ops", "AWS::SNS::Subscription");
    expect(subscription.Properties).toMatchObject({ Protocol: "email", Endpoint: OPS_EMAIL });
    expect(resources(dev, "Ops", "AWS::SNS::Subscription")).toEqual([]);
  });

  it("takes the ops address only when it looks like one", () => {
    expect(opsEmail(undefined)).toBeUndefined();
    expect(opsEmail("  ")).toBeUndefined();
    expect(opsEmail(" ops@zhubo.cn ")).toBe("ops@zhubo.cn");
    expect(() => opsEmail("ops at zhubo")).toThrow(`${OPS_EMAIL_ENV} must be an email address`);
  });
});

describe("expiry job failure path and reserved concurrency", () => {
  it("retries the expiry schedule's delivery within one period and dead-letters what it could not deliver", () => {
    for (const app of [prod, dev]) {
      const [fnId] = functionByHandler(app, "Streams", EXPIRY);
      const [queueId, queue] = named(app, "Streams", "AWS::SQS::Queue", "practiceExpiryDeadLetters");
      expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
      const schedules = resources(app, "Streams", "AWS::Events::Rule").filter(([, r]) => r.Properties.ScheduleExpression);
      expect(schedules).toHaveLength(1);
      const [[ruleId, rule]] = schedules as [[string, Resource]];
      expect(rule.Properties.Targets).toEqual([
        {
          Id: "Target0",
          Arn: getAtt(fnId, "Arn"),
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 300 },
          DeadLetterConfig: { Arn: getAtt(queueId, "Arn") },
        },
      ]);
      const [, queuePolicy] = named(app, "Streams", "AWS::SQS::QueuePolicy", "practiceExpiryDeadLetters");
      const allows = (queuePolicy.Properties.PolicyDocument as { Statement: Json[] }).Statement.filter((st) => st.Effect === "Allow");
      expect(allows).toEqual([
        expect.objectContaining({
          Action: "sqs:SendMessage",
          Principal: { Service: "events.amazonaws.com" },
          Condition: { ArnEquals: { "aws:SourceArn": getAtt(ruleId, "Arn") } },
        }),
      ]);
      // A run that fails isn't retried (the next run does its work) and leaves its error in the same queue.
      const [, invoke] = named(app, "Streams", "AWS::Lambda::EventInvokeConfig", "practiceExpiry");
      expect(invoke.Properties).toMatchObject({
        FunctionName: ref(fnId),
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: getAtt(queueId, "Arn") } },
      });
    }
  });

  it("reserves concurrency for the events function and runs one expiry job at a time, leaving the account's unreserved pool far above 100", () => {
    expect([EVENTS_RESERVED_CONCURRENCY, EXPIRY_RESERVED_CONCURRENCY]).toEqual([10, 1]);
    for (const app of [prod, dev]) {
      expect(functionByHandler(app, "Streams", EVENTS)[1].Properties.ReservedConcurrentExecutions).toBe(10);
      expect(functionByHandler(app, "Streams", EXPIRY)[1].Properties.ReservedConcurrentExecutions).toBe(1);
      // The API is not capped: the reservations above already keep its bursts off these two.
      expect(functionByHandler(app, "Api", API)[1].Properties).not.toHaveProperty("ReservedConcurrentExecutions");
      const reserved = STACK_NAMES.flatMap((stack) => resources(app, stack, "AWS::Lambda::Function")).reduce(
        (sum, [, fn]) => sum + Number(fn.Properties.ReservedConcurrentExecutions ?? 0),
        0,
      );
      // Lambda's default regional limit is 1,000 and at least 100 must stay unreserved.
      // events 10, practice expiry 1, booking completion 1, commission release 1 and notification messages 1 (infra/events.ts),
      // payout steps 2 and the payout schedule 1 (infra/payouts.ts)
      expect(reserved).toBe(17);
      expect(1000 - reserved).toBeGreaterThanOrEqual(100);
    }
  });
});

describe("access logs", () => {
  it("keeps access logs in a private, encrypted, TLS-only bucket that expires them after 90 days", () => {
    expect(ACCESS_LOG_EXPIRY_DAYS).toBe(90);
    for (const app of [prod, dev]) {
      const [logsId, logs] = named(app, "Streams", "AWS::S3::Bucket", "accessLogs");
      expect(logs.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(logs.Properties.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] });
      // CloudFront's standard logs need ACLs; the bucket owner still owns every object, and no canned ACL is set.
      expect(logs.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: "BucketOwnerPreferred" }] });
      expect(logs.Properties).not.toHaveProperty("AccessControl");
      expect(logs.Properties.LifecycleConfiguration).toEqual({
        Rules: [{ Id: "expire-access-logs", Status: "Enabled", ExpirationInDays: 90, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }],
      });
      const [, policy] = named(app, "Streams", "AWS::S3::BucketPolicy", "accessLogs");
      expect(policy.Properties.Bucket).toEqual(ref(logsId));
      expect((policy.Properties.PolicyDocument as { Statement: Json[] }).Statement).toContainEqual(
        expect.objectContaining({ Effect: "Deny", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      );
      app.template("Streams").hasOutput("AccessLogsBucket", { Value: ref(logsId) });
    }
    expect(named(prod, "Streams", "AWS::S3::Bucket", "accessLogs")[1].DeletionPolicy).toBe("Retain");
    expect(named(dev, "Streams", "AWS::S3::Bucket", "accessLogs")[1].DeletionPolicy).toBe("Delete");
    expect(named(dev, "Streams", "Custom::S3AutoDeleteObjects", "accessLogs")[1].Properties.BucketName).toEqual(
      ref(named(dev, "Streams", "AWS::S3::Bucket", "accessLogs")[0]),
    );
  });

  it("logs every request to the recordings bucket into the log bucket, admitted by policy for that bucket alone", () => {
    for (const app of [prod, dev]) {
      const [logsId] = named(app, "Streams", "AWS::S3::Bucket", "accessLogs");
      const [recordingsId, recordings] = named(app, "Streams", "AWS::S3::Bucket", "recordings");
      expect(recordings.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: ref(logsId), LogFilePrefix: ACCESS_LOG_PREFIXES.recordingsBucket });
      const [, policy] = named(app, "Streams", "AWS::S3::BucketPolicy", "accessLogs");
      const delivery = (policy.Properties.PolicyDocument as { Statement: Json[] }).Statement.filter(
        (st) => JSON.stringify(st.Principal) === JSON.stringify({ Service: "logging.s3.amazonaws.com" }),
      );
      expect(delivery).toEqual([
        {
          Effect: "Allow",
          Action: "s3:PutObject",
          Principal: { Service: "logging.s3.amazonaws.com" },
          Resource: { "Fn::Join": ["", [getAtt(logsId, "Arn"), `/${ACCESS_LOG_PREFIXES.recordingsBucket}*`]] },
          Condition: {
            ArnLike: { "aws:SourceArn": getAtt(recordingsId, "Arn") },
            StringEquals: { "aws:SourceAccount": app.stage === "dev" ? ACCOUNT : PRODUCTION_AWS_ACCOUNT },
          },
        },
      ]);
    }
  });

  it("logs every request to the recordings CDN into the log bucket, without cookies", () => {
    for (const app of [prod, dev]) {
      const [logsId] = named(app, "Streams", "AWS::S3::Bucket", "accessLogs");
      const [, cdn] = only(app, "Streams", "AWS::CloudFront::Distribution");
      expect((cdn.Properties.DistributionConfig as Json).Logging).toEqual({
        Bucket: getAtt(logsId, "RegionalDomainName"),
        Prefix: ACCESS_LOG_PREFIXES.recordingsCdn,
        IncludeCookies: false,
      });
    }
  });
});

describe("template sanity", () => {
  it("has no dangling Ref, GetAtt or ImportValue in any stack", () => {
    for (const app of [prod, dev]) {
      const exports = new Set(
        STACK_NAMES.flatMap((stack) =>
          Object.values((app.template(stack).toJSON().Outputs ?? {}) as Record<string, { Export?: { Name: string } }>).flatMap((o) =>
            o.Export ? [o.Export.Name] : [],
          ),
        ),
      );
      for (const stack of STACK_NAMES) {
        const template = app.template(stack).toJSON() as { Resources: Json; Parameters?: Json; Conditions?: Json };
        const known = new Set([...Object.keys(template.Resources), ...Object.keys(template.Parameters ?? {})]);
        const dangling: string[] = [];
        const visit = (node: unknown): void => {
          if (Array.isArray(node)) node.forEach(visit);
          else if (node && typeof node === "object") {
            const o = node as Json;
            if (typeof o.Ref === "string" && !o.Ref.startsWith("AWS::") && !known.has(o.Ref)) dangling.push(`Ref ${o.Ref}`);
            const att = o["Fn::GetAtt"];
            if (Array.isArray(att) && !known.has(att[0] as string)) dangling.push(`GetAtt ${att[0]}`);
            const imported = o["Fn::ImportValue"];
            if (typeof imported === "string" && !exports.has(imported)) dangling.push(`ImportValue ${imported}`);
            Object.values(o).forEach(visit);
          }
        };
        visit(template.Resources);
        visit(app.template(stack).toJSON().Outputs ?? {});
        expect(dangling, `${app.stage} ${stack}`).toEqual([]);
      }
    }
  });
});

// Last: these synthesise apps that refuse, after every template above was taken.
describe("one AWS account per stage", () => {
  it("pins production to a 12-digit account", () => {
    expect(PRODUCTION_AWS_ACCOUNT).toMatch(/^\d{12}$/);
    expect(() => assertStageAccount("production", "111122223333", "TODO")).toThrow("must be production's 12-digit AWS account id");
    expect(() => assertStageAccount("production", "111122223333", "111122223333")).not.toThrow();
    expect(() => assertStageAccount("dev", "444455556666", "111122223333")).not.toThrow();
  });

  it("refuses to synthesise production with another account's credentials", async () => {
    for (const stage of ["production", "prod"]) {
      await expect(synthApp(stage, { account: "444455556666" })).rejects.toThrow(
        `Refusing to deploy stage "${stage}" to AWS account 444455556666: production is pinned to account ${PRODUCTION_AWS_ACCOUNT}`,
      );
    }
  });

  it("refuses to synthesise any other stage into production's account", async () => {
    await expect(synthApp("dev", { account: PRODUCTION_AWS_ACCOUNT })).rejects.toThrow(
      `Refusing to deploy stage "dev" to production's AWS account ${PRODUCTION_AWS_ACCOUNT}: every stage has an AWS account of its own`,
    );
  });
});
