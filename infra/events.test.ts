import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELIVERY, EVENT_SOURCE, SUBSCRIBERS } from "../functions/src/events/registry.js";
import { COMPLETION_RESERVED_CONCURRENCY, OUTBOX_ENTITY, RECORDER_MAX_RECEIVES } from "./events.js";
import { RELAY_ITERATOR_AGE_LIMIT } from "./ops.js";
import { PAYOUT_POLL_SECONDS, PAYOUT_RUN_TIMEOUT_DAYS, PAYOUT_SCHEDULE, PAYOUT_STEP_RESERVED_CONCURRENCY } from "./payouts.js";
import { cleanupSynth, exported, type Json, named, only, type Resource, ROOT, type Synthesized, synthApp } from "./test-synth.js";

// The domain-event bus (issue 11): outbox relay, subscribers, dead letters, booking completion.

type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: Record<string, unknown> };

let dev: Synthesized;

beforeAll(async () => {
  dev = await synthApp("dev", { bundle: false });
}, 180_000);

afterAll(() => cleanupSynth());

const resources = (type: string) => Object.entries(dev.template("Events").findResources(type)) as [string, Resource][];
const ref = (id: string) => ({ Ref: id });
const getAtt = (id: string, attribute: string) => ({ "Fn::GetAtt": [id, attribute] });
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const actionsOf = (s: Statement) => [s.Action].flat();

function functionByHandler(handler: string): [string, Resource] {
  const found = resources("AWS::Lambda::Function").filter(([, fn]) => fn.Properties.Handler === handler);
  expect(found, handler).toHaveLength(1);
  return found[0] as [string, Resource];
}

function mappingOf(fnId: string): Json {
  const found = resources("AWS::Lambda::EventSourceMapping").filter(([, m]) => same(m.Properties.FunctionName, ref(fnId)));
  expect(found, fnId).toHaveLength(1);
  return (found[0] as [string, Resource])[1].Properties;
}

/** The statements of the inline policies attached to a function's role. */
function roleStatements([, fn]: [string, Resource]): Statement[] {
  const role = (fn.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
  return resources("AWS::IAM::Policy")
    .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => same(r, ref(role))))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const queue = (id: string) => named(dev, "Events", "AWS::SQS::Queue", id);
const busId = () => only(dev, "Events", "AWS::Events::EventBus")[0];

const RELAY = "functions/src/stream/relay.handler";
const RECORDER = "functions/src/stream/dead-letter.handler";
const COMPLETION = "functions/src/jobs/complete.handler";
const RELEASE = "functions/src/jobs/release.handler";
const MESSAGES = "functions/src/jobs/messages.handler";
const DYNAMODB_WRITES = ["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems", "ConditionCheckItem", "*"].map((a) => `dynamodb:${a}`);

describe("the bus and the outbox relay", () => {
  it("gives each stage its own event bus, named after the stage", () => {
    const [id, bus] = only(dev, "Events", "AWS::Events::EventBus");
    expect(bus.Properties.Name).toBe("zhubo-dev");
    dev.template("Events").hasOutput("EventBusName", { Value: ref(id) });
    expect(functionByHandler(RELAY)[1].Properties.Environment).toEqual({ Variables: expect.objectContaining({ ZHUBO_BUS_NAME: ref(id) }) });
  });

  it("invokes the relay only for outbox INSERTs on the table's stream, from the oldest record, bisecting and retrying a failing batch before dead-lettering it", () => {
    const [relayId] = functionByHandler(RELAY);
    const [dlqId, dlq] = queue("relayDeadLetters");
    const mapping = mappingOf(relayId);
    expect(mapping).toMatchObject({
      StartingPosition: "TRIM_HORIZON",
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 24 * 3600,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      DestinationConfig: { OnFailure: { Destination: getAtt(dlqId, "Arn") } },
    });
    // The table's stream, exported by Storage.
    const [tableId] = only(dev, "Storage", "AWS::DynamoDB::Table");
    expect(exported(dev, "Storage", mapping.EventSourceArn)).toEqual(getAtt(tableId, "StreamArn"));
    const filters = (mapping.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
    expect(filters.map((f) => JSON.parse(f.Pattern))).toEqual([{ eventName: ["INSERT"], dynamodb: { NewImage: { __edb_e__: { S: [OUTBOX_ENTITY] } } } }]);
    expect(OUTBOX_ENTITY).toBe("event");
    expect(dlq.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    dev.template("Events").hasOutput("RelayDeadLetterQueue", { Value: ref(dlqId) });
  });

  it("lets the relay put events on its bus alone and write nothing to the table", () => {
    const relay = functionByHandler(RELAY);
    const statements = roleStatements(relay);
    const events = statements.filter((s) => actionsOf(s).some((a) => a.startsWith("events:")));
    expect(events).toEqual([expect.objectContaining({ Effect: "Allow", Action: "events:PutEvents", Resource: getAtt(busId(), "Arn") })]);
    const dynamo = statements.flatMap(actionsOf).filter((a) => a.startsWith("dynamodb:"));
    expect(dynamo).toContain("dynamodb:GetRecords");
    expect(dynamo.filter((a) => DYNAMODB_WRITES.includes(a) || a.startsWith("dynamodb:Scan"))).toEqual([]);
  });
});

describe("subscribers", () => {
  it("has a subscriber file for every registry entry and a registry entry for every subscriber file", () => {
    const dir = path.join(ROOT, "functions/src/events");
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !["registry.ts", "ivs.ts"].includes(f));
    // A subscriber file wires itself to the bus; anything else in the folder is a helper.
    const wired = files.filter((f) => /from "\.\.\/bus\.js"|export const (subscriber|handler)\b/.test(readFileSync(path.join(dir, f), "utf8")));
    expect(wired.map((f) => f.replace(/\.ts$/, "")).sort()).toEqual(SUBSCRIBERS.map((s) => s.name).sort());
    expect(SUBSCRIBERS.length).toBeGreaterThan(0);
  });

  it("routes exactly each subscriber's event types from the zhubo source on the stage's bus, retrying the hand-off for a day before dead-lettering", () => {
    const [dlqId] = queue("subscriberDeadLetters");
    const rules = resources("AWS::Events::Rule").filter(([, r]) => r.Properties.EventPattern);
    expect(rules).toHaveLength(SUBSCRIBERS.length);
    for (const { name, events } of SUBSCRIBERS) {
      const [fnId] = functionByHandler(`functions/src/events/${name}.handler`);
      const found = rules.filter(([, r]) => (r.Properties.Targets as { Arn: unknown }[]).some((t) => same(t.Arn, getAtt(fnId, "Arn"))));
      expect(found, name).toHaveLength(1);
      const [, rule] = found[0] as [string, Resource];
      expect(rule.Properties.EventBusName).toEqual(ref(busId()));
      expect(rule.Properties.EventPattern).toEqual({ source: [EVENT_SOURCE], "detail-type": [...events] });
      expect(rule.Properties.Targets).toEqual([
        {
          Id: "Target0",
          Arn: getAtt(fnId, "Arn"),
          RetryPolicy: { MaximumRetryAttempts: DELIVERY.handoffRetries, MaximumEventAgeInSeconds: DELIVERY.handoffMaxAgeSeconds },
          DeadLetterConfig: { Arn: getAtt(dlqId, "Arn") },
        },
      ]);
    }
  });

  it("retries a failing subscriber as the registry's delivery policy says, then sends its failure to the subscriber dead letters", () => {
    const [dlqId] = queue("subscriberDeadLetters");
    const configs = resources("AWS::Lambda::EventInvokeConfig");
    for (const { name } of SUBSCRIBERS) {
      const [fnId, fn] = functionByHandler(`functions/src/events/${name}.handler`);
      const found = configs.filter(([, c]) => same(c.Properties.FunctionName, ref(fnId)));
      expect(found, name).toHaveLength(1);
      expect((found[0] as [string, Resource])[1].Properties).toMatchObject({
        MaximumRetryAttempts: DELIVERY.attempts - 1,
        MaximumEventAgeInSeconds: DELIVERY.maxEventAgeSeconds,
        DestinationConfig: { OnFailure: { Destination: getAtt(dlqId, "Arn") } },
      });
      expect(fn.Properties.Environment).toEqual({ Variables: expect.objectContaining({ TABLE_NAME: expect.anything() }) });
    }
  });

  it("lets subscribers read and write the table and its indexes, but never scan it", () => {
    for (const { name } of SUBSCRIBERS) {
      const statements = roleStatements(functionByHandler(`functions/src/events/${name}.handler`));
      const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith("dynamodb:")));
      expect(dynamo, name).toHaveLength(1);
      const [table] = dynamo as [Statement];
      expect(actionsOf(table).sort(), name).toEqual(
        ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "ConditionCheckItem"].map((a) => `dynamodb:${a}`).sort(),
      );
      expect([table.Resource].flat(), name).toHaveLength(2);
      expect(
        statements.flatMap(actionsOf).filter((a) => a === "dynamodb:Scan" || a === "dynamodb:*" || a === "*"),
        name,
      ).toEqual([]);
    }
  });

  it("lets only the subscribers that send messages (notify) send email as the product's address and publish SMS, with the adapter's environment", () => {
    for (const entry of SUBSCRIBERS) {
      const found = functionByHandler(`functions/src/events/${entry.name}.handler`);
      const actions = roleStatements(found)
        .flatMap(actionsOf)
        .filter((a) => a.startsWith("ses:") || a.startsWith("sns:"));
      const variables = (found[1].Properties.Environment as { Variables: Json }).Variables;
      if ("messaging" in entry && entry.messaging) {
        expect(actions.sort(), entry.name).toEqual(["ses:SendEmail", "sns:Publish"]);
        const ses = roleStatements(found).find((st) => actionsOf(st).includes("ses:SendEmail")) as Statement;
        expect(JSON.stringify(ses.Resource)).toContain(":identity/zhubo.cn");
        expect(ses.Condition).toEqual({ StringEquals: { "ses:FromAddress": "no-reply@zhubo.cn" } });
        expect(variables.MESSAGING_EMAIL_FROM, entry.name).toBe("no-reply@zhubo.cn");
      } else {
        expect(actions, entry.name).toEqual([]);
        expect(variables.MESSAGING_EMAIL_FROM, entry.name).toBeUndefined();
      }
    }
    expect(SUBSCRIBERS.filter((e) => "messaging" in e).map((e) => e.name)).toEqual(["notify"]);
  });

  it("keeps subscriber dead letters encrypted for 14 days, and moves one the recorder failed five times to the recorder-failures queue", () => {
    const [dlqId, dlq] = queue("subscriberDeadLetters");
    const [failuresId, failures] = queue("deadLetterRecorderFailures");
    for (const q of [dlq, failures]) expect(q.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    expect(RECORDER_MAX_RECEIVES).toBe(5);
    expect(dlq.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: getAtt(failuresId, "Arn"), maxReceiveCount: 5 });
    for (const id of [dlqId, failuresId]) {
      const policies = resources("AWS::SQS::QueuePolicy").filter(([, p]) => (p.Properties.Queues as unknown[]).some((q) => same(q, ref(id))));
      const statements = policies.flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement);
      expect(statements, id).toContainEqual(expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }));
    }
    dev.template("Events").hasOutput("SubscriberDeadLetterQueue", { Value: ref(dlqId) });
    dev.template("Events").hasOutput("DeadLetterRecorderFailureQueue", { Value: ref(failuresId) });
  });
});

describe("the dead-letter recorder", () => {
  it("drains the subscriber dead letters in batches of ten, reporting the messages it could not record", () => {
    const [recorderId] = functionByHandler(RECORDER);
    const [dlqId] = queue("subscriberDeadLetters");
    expect(mappingOf(recorderId)).toMatchObject({
      EventSourceArn: getAtt(dlqId, "Arn"),
      BatchSize: 10,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    });
  });

  it("names every subscriber's function in its environment, so failures are recorded under the subscriber's name", () => {
    const [, recorder] = functionByHandler(RECORDER);
    const variables = (recorder.Properties.Environment as { Variables: Json }).Variables;
    expect(variables.TABLE_NAME).toBeDefined();
    const map = variables.ZHUBO_SUBSCRIBER_FUNCTIONS as { "Fn::Join": [string, unknown[]] };
    const [, parts] = map["Fn::Join"];
    // Resolve the function-name tokens to their logical ids: the rest is the JSON the handler parses.
    const json = parts.map((p) => (typeof p === "string" ? p : `REF:${(p as { Ref: string }).Ref}`)).join("");
    const parsed = JSON.parse(json) as Record<string, string>;
    const expected = Object.fromEntries(SUBSCRIBERS.map(({ name }) => [`REF:${functionByHandler(`functions/src/events/${name}.handler`)[0]}`, name]));
    expect(parsed).toEqual(expected);
  });

  it("lets the recorder only add items to the table", () => {
    const statements = roleStatements(functionByHandler(RECORDER));
    const dynamo = statements.flatMap(actionsOf).filter((a) => a.startsWith("dynamodb:"));
    expect(dynamo).toEqual(["dynamodb:PutItem"]);
  });
});

/** A scheduled job: every 15 minutes, one run at a time, delivery retried within the period, failed or undelivered runs dead-lettered. */
function expectScheduledJob(handler: string, id: string, schedule = "rate(15 minutes)") {
  const [fnId, fn] = functionByHandler(handler);
  const [dlqId, dlq] = queue(`${id}DeadLetters`);
  expect(dlq.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
  expect(fn.Properties.ReservedConcurrentExecutions).toBe(1);
  const schedules = resources("AWS::Events::Rule").filter(
    ([, r]) => r.Properties.ScheduleExpression && same((r.Properties.Targets as { Arn: unknown }[])[0]?.Arn, getAtt(fnId, "Arn")),
  );
  expect(schedules).toHaveLength(1);
  const [[, rule]] = schedules as [[string, Resource]];
  expect(rule.Properties.ScheduleExpression).toBe(schedule);
  expect(rule.Properties.Targets).toEqual([
    {
      Id: "Target0",
      Arn: getAtt(fnId, "Arn"),
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 900 },
      DeadLetterConfig: { Arn: getAtt(dlqId, "Arn") },
    },
  ]);
  const [, invoke] = named(dev, "Events", "AWS::Lambda::EventInvokeConfig", id);
  expect(invoke.Properties).toMatchObject({
    FunctionName: ref(fnId),
    MaximumRetryAttempts: 0,
    DestinationConfig: { OnFailure: { Destination: getAtt(dlqId, "Arn") } },
  });
}

describe("the booking completion job", () => {
  it("runs every 15 minutes, one run at a time, retrying delivery within the period and dead-lettering failed or undelivered runs", () => {
    expect(COMPLETION_RESERVED_CONCURRENCY).toBe(1);
    expectScheduledJob(COMPLETION, "bookingCompletion");
    // three schedules in the stack: completion, commission release and notification messages
    expect(resources("AWS::Events::Rule").filter(([, r]) => r.Properties.ScheduleExpression)).toHaveLength(3);
  });

  it("lets the job transact bookings with their outbox items, without updates or scans", () => {
    const statements = roleStatements(functionByHandler(COMPLETION));
    const dynamo = statements.flatMap(actionsOf).filter((a) => a.startsWith("dynamodb:"));
    expect(dynamo.sort()).toEqual(["ConditionCheckItem", "DeleteItem", "GetItem", "PutItem", "Query"].map((a) => `dynamodb:${a}`));
  });
});

describe("the commission release job", () => {
  it("runs every 15 minutes, one run at a time, with the same delivery retries and dead letters", () => {
    expectScheduledJob(RELEASE, "commissionRelease");
    dev.template("Events").hasOutput("CommissionReleaseDeadLetterQueue", {});
  });

  it("lets it read and post (puts and conditional updates in transactions), without deletes or scans", () => {
    const statements = roleStatements(functionByHandler(RELEASE));
    const dynamo = statements.flatMap(actionsOf).filter((a) => a.startsWith("dynamodb:"));
    expect(dynamo.sort()).toEqual(["ConditionCheckItem", "GetItem", "PutItem", "Query", "UpdateItem"].map((a) => `dynamodb:${a}`));
    expect(dynamo).not.toContain("dynamodb:Scan");
  });
});

describe("the notification messages job", () => {
  it("runs every 5 minutes, one run at a time, with the same delivery retries and dead letters", () => {
    expectScheduledJob(MESSAGES, "notificationMessages", "rate(5 minutes)");
    dev.template("Events").hasOutput("NotificationMessagesDeadLetterQueue", {});
  });

  it("lets it read the due messages and delete what it sent, send email as the product's address and publish SMS — no writes or scans otherwise", () => {
    const statements = roleStatements(functionByHandler(MESSAGES));
    const dynamo = statements.flatMap(actionsOf).filter((a) => a.startsWith("dynamodb:"));
    expect(dynamo.sort()).toEqual(["DeleteItem", "GetItem", "Query"].map((a) => `dynamodb:${a}`));
    const sends = statements.flatMap(actionsOf).filter((a) => a.startsWith("ses:") || a.startsWith("sns:"));
    expect(sends.sort()).toEqual(["ses:SendEmail", "sns:Publish"]);
    const [, fn] = functionByHandler(MESSAGES);
    expect((fn.Properties.Environment as { Variables: Json }).Variables.MESSAGING_EMAIL_FROM).toBe("no-reply@zhubo.cn");
  });
});

describe("event alarms", () => {
  const alarms = () => (Object.values(dev.template("Ops").findResources("AWS::CloudWatch::Alarm")) as Resource[]).map((a) => a.Properties);
  const dimension = (alarm: Json) => (alarm.Dimensions as { Name: string; Value: unknown }[])[0];
  const on = (metric: string, value: unknown) => alarms().filter((a) => a.MetricName === metric && same(exported(dev, "Events", dimension(a)?.Value), value));

  function notifiesOps(alarm: Json | undefined) {
    const [topicId] = only(dev, "Ops", "AWS::SNS::Topic");
    expect(alarm?.AlarmActions).toEqual([ref(topicId)]);
    expect(alarm?.OKActions).toEqual([ref(topicId)]);
  }

  const aboveZero = { Threshold: 0, ComparisonOperator: "GreaterThanThreshold", EvaluationPeriods: 1, TreatMissingData: "notBreaching" };

  it("alarms as soon as a subscriber delivery is dead-lettered, though the recorder keeps that queue empty", () => {
    const found = on("NumberOfMessagesSent", getAtt(queue("subscriberDeadLetters")[0], "QueueName"));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ Namespace: "AWS/SQS", Statistic: "Sum", ...aboveZero });
    notifiesOps(found[0]);
  });

  it("alarms when the recorder-failures, relay, completion, release or notification-messages dead-letter queue holds a message", () => {
    for (const id of [
      "deadLetterRecorderFailures",
      "relayDeadLetters",
      "bookingCompletionDeadLetters",
      "commissionReleaseDeadLetters",
      "notificationMessagesDeadLetters",
    ]) {
      const found = on("ApproximateNumberOfMessagesVisible", getAtt(queue(id)[0], "QueueName"));
      expect(found, id).toHaveLength(1);
      expect(found[0]).toMatchObject({ Namespace: "AWS/SQS", Statistic: "Maximum", ...aboveZero });
      notifiesOps(found[0]);
    }
  });

  it("alarms when the relay falls five minutes behind the stream or errs, and when the completion, release or notification-messages job errs", () => {
    const [relayId] = functionByHandler(RELAY);
    const age = on("IteratorAge", ref(relayId));
    expect(age).toHaveLength(1);
    expect(RELAY_ITERATOR_AGE_LIMIT.toMinutes()).toBe(5);
    expect(age[0]).toMatchObject({ Namespace: "AWS/Lambda", Statistic: "Maximum", Threshold: 5 * 60 * 1000, ComparisonOperator: "GreaterThanThreshold" });
    notifiesOps(age[0]);
    for (const handler of [RELAY, COMPLETION, RELEASE, MESSAGES]) {
      const errors = on("Errors", ref(functionByHandler(handler)[0]));
      expect(errors, handler).toHaveLength(1);
      expect(errors[0]).toMatchObject({ Namespace: "AWS/Lambda", Statistic: "Sum", Period: 300, ...aboveZero });
      notifiesOps(errors[0]);
    }
  });
});

// Payout runs on Step Functions (issue 13): the state machine, its start by event, the schedule, the Alipay secrets.
const payoutResources = (type: string) => Object.entries(dev.template("Payouts").findResources(type)) as [string, Resource][];
type PayoutStatement = { Action: string | string[]; Resource: unknown; Effect: string };
const payoutStatementsOf = (roleRef: unknown) =>
  payoutResources("AWS::IAM::Policy")
    .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(JSON.stringify(roleRef)))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: PayoutStatement[] }).Statement);

function payoutStep(): [string, Resource] {
  const found = payoutResources("AWS::Lambda::Function").filter(([, fn]) => String(fn.Properties.Handler).includes("payout-step"));
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

describe("payout runs on Step Functions", () => {
  it("runs each step as a retried Lambda task, sleeps in a Wait state while outcomes are out, and times out after a week", () => {
    const [[, machine]] = payoutResources("AWS::StepFunctions::StateMachine") as [[string, Resource]];
    expect(machine.Properties.StateMachineType).toBe("STANDARD");
    const body = JSON.stringify(machine.Properties.DefinitionString);
    const definition = JSON.parse(
      (machine.Properties.DefinitionString as { "Fn::Join": [string, unknown[]] })["Fn::Join"][1].map((p) => (typeof p === "string" ? p : "ARN")).join(""),
    ) as { StartAt: string; TimeoutSeconds: number; States: Record<string, Json> };
    expect(definition.TimeoutSeconds).toBe(PAYOUT_RUN_TIMEOUT_DAYS * 86_400);
    const step = definition.States[definition.StartAt] as Json;
    expect(step).toMatchObject({ Type: "Task", Next: "Next" });
    expect(step.Retry).toEqual([expect.objectContaining({ ErrorEquals: ["States.ALL"], MaxAttempts: 8, BackoffRate: 2 })]);
    expect(step.Catch).toEqual([expect.objectContaining({ ErrorEquals: ["States.ALL"], Next: "StepKeptFailing" })]);
    expect(definition.States.WaitForOutcomes).toMatchObject({ Type: "Wait", Seconds: PAYOUT_POLL_SECONDS, Next: definition.StartAt });
    expect((definition.States.Next as { Choices: Json[] }).Choices.map((c) => [c.StringEquals, c.Next])).toEqual([
      ["done", "RunDone"],
      ["wait", "WaitForOutcomes"],
    ]);
    expect(body).toContain("payoutStep");
    // its log group keeps 30 days
    expect(payoutResources("AWS::Logs::LogGroup").map(([, g]) => g.Properties.RetentionInDays)).toContain(30);
  });

  it("starts an execution for each payout.run_requested event on the stage's bus, with retries and a dead-letter queue", () => {
    const rules = payoutResources("AWS::Events::Rule").filter(([, r]) => JSON.stringify(r.Properties.EventPattern ?? {}).includes("payout.run_requested"));
    expect(rules).toHaveLength(1);
    const [, rule] = rules[0] as [string, Resource];
    expect(rule.Properties.EventPattern).toEqual({ source: [EVENT_SOURCE], "detail-type": ["payout.run_requested"] });
    const [target] = rule.Properties.Targets as Json[];
    expect(JSON.stringify(target?.Arn)).toContain("payoutRun");
    expect(target?.InputTransformer).toMatchObject({ InputPathsMap: { "detail-properties-runID": "$.detail.properties.runID" } });
    expect(target?.RetryPolicy).toEqual({ MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 });
    expect(target?.DeadLetterConfig).toBeDefined();
  });

  it("gives the step least privilege (no Scan), reserved concurrency, and the Alipay keys as secrets through SSM", () => {
    const [, fn] = payoutStep();
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(PAYOUT_STEP_RESERVED_CONCURRENCY);
    expect(fn.Properties.Timeout).toBe(300);
    expect((fn.Properties.Environment as { Variables: Json }).Variables).toMatchObject({
      SST_Secret_value_ALIPAY_APP_ID: "__FETCH_FROM_SSM__",
      SST_Secret_value_ALIPAY_APP_PRIVATE_KEY: "__FETCH_FROM_SSM__",
      SST_Secret_value_ALIPAY_PUBLIC_KEY: "__FETCH_FROM_SSM__",
    });
    const statements = payoutStatementsOf(
      fn.Properties.Role && (fn.Properties.Role as { "Fn::GetAtt": [string] })["Fn::GetAtt"]
        ? { Ref: (fn.Properties.Role as { "Fn::GetAtt": [string] })["Fn::GetAtt"][0] }
        : fn.Properties.Role,
    );
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).toContain("dynamodb:Query");
    expect(actions).not.toContain("dynamodb:Scan");
    expect(actions.filter((a) => a.includes("*"))).toEqual([]);
    const ssm = JSON.stringify(statements.filter((s) => [s.Action].flat().includes("ssm:GetParameters")).map((s) => s.Resource));
    for (const secret of ["ALIPAY_APP_ID", "ALIPAY_APP_PRIVATE_KEY", "ALIPAY_PUBLIC_KEY"])
      expect(ssm).toContain(`:ssm:ap-northeast-1:123456789012:parameter/sst/zhubo/dev/Secret/${secret}/value`);
    // the API never holds the Alipay keys
    const api = Object.values(dev.template("Api").findResources("AWS::Lambda::Function")) as Resource[];
    for (const f of api) expect(JSON.stringify(f.Properties.Environment ?? {})).not.toContain("ALIPAY");
  });

  it("writes the week's run on Mondays at 10:00 China time, with its own dead-letter queue", () => {
    const crons = payoutResources("AWS::Events::Rule").filter(([, r]) => r.Properties.ScheduleExpression === PAYOUT_SCHEDULE);
    expect(crons).toHaveLength(1);
    expect(PAYOUT_SCHEDULE).toBe("cron(0 2 ? * MON *)");
    const [, cron] = crons[0] as [string, Resource];
    expect((cron.Properties.Targets as Json[])[0]).toMatchObject({ RetryPolicy: { MaximumRetryAttempts: 3 } });
  });
});
