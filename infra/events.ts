import { Duration, Stack } from "aws-cdk-lib";
import { EventBus, Rule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { FilterCriteria, FilterRule, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import { DynamoEventSource, SqsDlq, SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Cron, Function as SstFunction, type StackContext, use } from "sst/constructs";
import { DELIVERY, EVENT_SOURCE, SUBSCRIBERS } from "../functions/src/events/registry.js";
import { identityArnOf, mailFrom, sending } from "./messaging.js";
import { Storage } from "./storage.js";

/** The ElectroDB entity name of the outbox item every state change writes in its own transaction. */
export const OUTBOX_ENTITY = "event";

/** How the relay reads the table's stream: a record that never reaches the bus is kept a day, then dead-lettered. */
export const RELAY_STREAM = { batchSize: 100, retryAttempts: 10, maxRecordAgeHours: 24 } as const;

/**
 * A subscriber reads and writes through core's verbs: single items, transactions (ConditionCheckItem)
 * and index queries. Scan and dynamodb:* are deliberately absent.
 */
export const SUBSCRIBER_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:Query",
  "dynamodb:ConditionCheckItem",
] as const;
/** The recorder only adds dead-letter items. */
export const RECORDER_TABLE_ACTIONS = ["dynamodb:PutItem"] as const;
/** Completing a booking replaces its item and adds the outbox item in one transaction, found by index. */
export const COMPLETION_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:DeleteItem",
  "dynamodb:Query",
  "dynamodb:ConditionCheckItem",
] as const;

/** One completion run at a time: a slow run is never overlapped by the next. */
export const COMPLETION_RESERVED_CONCURRENCY = 1;
export const COMPLETION_SCHEDULE = "rate(15 minutes)";

/**
 * Releasing commission recomputes due bookings: reads bookings, lines and ledger items, and posts
 * through transactions of puts (new items) and conditional updates (balances). No deletes, no Scan.
 */
export const RELEASE_TABLE_ACTIONS = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query", "dynamodb:ConditionCheckItem"] as const;
export const RELEASE_SCHEDULE = "rate(15 minutes)";
/** Reads the due messages and each one's notification and person, deletes what it sent. */
export const MESSAGES_TABLE_ACTIONS = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:DeleteItem"] as const;
export const MESSAGES_SCHEDULE = "rate(5 minutes)";

/** A message the dead-letter recorder could not write after this many receipts goes to its own queue. */
export const RECORDER_MAX_RECEIVES = 5;

const camel = (kebab: string) => kebab.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function deadLetterQueue(stack: Stack, id: string, redrive?: Queue): Queue {
  return new Queue(stack, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    deadLetterQueue: redrive ? { queue: redrive, maxReceiveCount: RECORDER_MAX_RECEIVES } : undefined,
  });
}

/**
 * Domain events: the table's outbox items, relayed from its stream to the stage's
 * EventBridge bus, and one rule and function per subscriber in functions/src/events/registry.ts.
 * Every failure path ends in a queue: the relay's for records that never reached the bus, the
 * subscribers' (drained into the table's dead-letter list for ops to replay), and the recorder's own.
 */
export function Events({ stack, app }: StackContext) {
  const { table } = use(Storage);
  const tableResources = [table.tableArn, `${table.tableArn}/index/*`];

  const bus = new EventBus(stack, "bus", { eventBusName: `zhubo-${app.stage}` });

  // Stream records the relay could not put on the bus in a day or ten tries (metadata only: the
  // record itself stays in the stream for 24 hours).
  const relayDeadLetters = deadLetterQueue(stack, "relayDeadLetters");

  // A small stream consumer rather than EventBridge Pipes: it runs the same Event.relay the laptop
  // stack runs, and puts the envelope's JSON as `detail` without an enrichment step.
  const relay = new SstFunction(stack, "relay", {
    handler: "functions/src/stream/relay.handler",
    environment: { ZHUBO_BUS_NAME: bus.eventBusName },
  });
  relay.addEventSource(
    new DynamoEventSource(table.cdk.table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: RELAY_STREAM.batchSize,
      bisectBatchOnError: true,
      retryAttempts: RELAY_STREAM.retryAttempts,
      reportBatchItemFailures: true,
      maxRecordAge: Duration.hours(RELAY_STREAM.maxRecordAgeHours),
      onFailure: new SqsDlq(relayDeadLetters),
      // Only new outbox items invoke it: every other write on the table passes by.
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.isEqual("INSERT"),
          dynamodb: { NewImage: { __edb_e__: { S: FilterRule.isEqual(OUTBOX_ENTITY) } } },
        }),
      ],
    }),
  );
  bus.grantPutEventsTo(relay);

  // A message the recorder failed to write five times: only ops reading the queue will see it.
  const recorderFailures = deadLetterQueue(stack, "deadLetterRecorderFailures");
  // Both failure paths of every subscriber: Lambda's on-failure record after the last attempt, and
  // EventBridge's dead letter when it could not invoke the subscriber at all.
  const subscriberDeadLetters = deadLetterQueue(stack, "subscriberDeadLetters", recorderFailures);

  const subscribers: Record<string, SstFunction> = {};
  // what a function that sends SMS/email gets (the notify subscriber, the messages job)
  const from = mailFrom();
  const messaging = sending(from, identityArnOf(stack, from));
  for (const entry of SUBSCRIBERS) {
    const { name, events } = entry;
    const id = camel(name);
    const sends = "messaging" in entry && entry.messaging ? messaging : undefined;
    const subscriber = new SstFunction(stack, `${id}Subscriber`, {
      handler: `functions/src/events/${name}.handler`,
      environment: { TABLE_NAME: table.tableName, ...sends?.environment },
      retryAttempts: DELIVERY.attempts - 1,
      maxEventAge: Duration.seconds(DELIVERY.maxEventAgeSeconds),
      onFailure: new SqsDestination(subscriberDeadLetters),
    });
    subscriber.attachPermissions([
      new PolicyStatement({ effect: Effect.ALLOW, actions: [...SUBSCRIBER_TABLE_ACTIONS], resources: tableResources }),
      ...(sends?.statements ?? []),
    ]);
    new Rule(stack, `${id}Rule`, {
      description: `zhubo domain events ${events.join(", ")} to the ${name} subscriber`,
      eventBus: bus,
      eventPattern: { source: [EVENT_SOURCE], detailType: [...events] },
      targets: [
        new LambdaFunction(subscriber, {
          retryAttempts: DELIVERY.handoffRetries,
          maxEventAge: Duration.seconds(DELIVERY.handoffMaxAgeSeconds),
          deadLetterQueue: subscriberDeadLetters,
        }),
      ],
    });
    subscribers[name] = subscriber;
  }

  const recorder = new SstFunction(stack, "deadLetterRecorder", {
    handler: "functions/src/stream/dead-letter.handler",
    environment: {
      TABLE_NAME: table.tableName,
      // Failure records name the function, the dead-letter list names the subscriber.
      ZHUBO_SUBSCRIBER_FUNCTIONS: Stack.of(stack).toJsonString(Object.fromEntries(Object.entries(subscribers).map(([name, fn]) => [fn.functionName, name]))),
    },
  });
  recorder.addEventSource(new SqsEventSource(subscriberDeadLetters, { batchSize: 10, reportBatchItemFailures: true }));
  recorder.attachPermissions([new PolicyStatement({ effect: Effect.ALLOW, actions: [...RECORDER_TABLE_ACTIONS], resources: [table.tableArn] })]);

  // Every 15 minutes: bookings whose no-show window has closed complete (booking.completed).
  const { job: completion, deadLetters: completionDeadLetters } = scheduledJob(stack, "bookingCompletion", {
    schedule: COMPLETION_SCHEDULE,
    handler: "functions/src/jobs/complete.handler",
    actions: COMPLETION_TABLE_ACTIONS,
    table,
  });
  // Every 15 minutes: commission whose return window closed becomes available (the "holds by release time" index).
  const { job: release, deadLetters: releaseDeadLetters } = scheduledJob(stack, "commissionRelease", {
    schedule: RELEASE_SCHEDULE,
    handler: "functions/src/jobs/release.handler",
    actions: RELEASE_TABLE_ACTIONS,
    table,
  });

  // Every 5 minutes: SMS/email held for the recipients' quiet hours go out (the "messages due by time" index).
  const { job: messages, deadLetters: messagesDeadLetters } = scheduledJob(stack, "notificationMessages", {
    schedule: MESSAGES_SCHEDULE,
    handler: "functions/src/jobs/messages.handler",
    actions: MESSAGES_TABLE_ACTIONS,
    table,
    sends: messaging,
  });

  stack.addOutputs({
    EventBusName: bus.eventBusName,
    RelayDeadLetterQueue: relayDeadLetters.queueUrl,
    SubscriberDeadLetterQueue: subscriberDeadLetters.queueUrl,
    DeadLetterRecorderFailureQueue: recorderFailures.queueUrl,
    BookingCompletionDeadLetterQueue: completionDeadLetters.queueUrl,
    CommissionReleaseDeadLetterQueue: releaseDeadLetters.queueUrl,
    NotificationMessagesDeadLetterQueue: messagesDeadLetters.queueUrl,
  });

  return {
    bus,
    relay,
    subscribers,
    subscriberDeadLetters,
    recorder,
    recorderFailures,
    relayDeadLetters,
    completion,
    completionDeadLetters,
    release,
    releaseDeadLetters,
    messages,
    messagesDeadLetters,
  };
}

/**
 * A job on a schedule, one run at a time: EventBridge retries delivery within the period and a
 * run it could not start, or that failed, lands in the job's dead-letter queue with its error.
 * A failed run isn't retried by Lambda: the next run does the same work.
 */
export function scheduledJob(
  stack: Stack,
  id: string,
  o: {
    schedule: string;
    handler: string;
    actions: readonly string[];
    table: { tableName: string; tableArn: string };
    /** A job that sends SMS/email: the messaging statements and environment (infra/messaging.ts). */
    sends?: { statements: PolicyStatement[]; environment: Record<string, string> };
  },
) {
  const deadLetters = deadLetterQueue(stack, `${id}DeadLetters`);
  const job = new Cron(stack, id, {
    schedule: o.schedule as `rate(${string})`,
    job: {
      cdk: { target: { retryAttempts: 3, maxEventAge: Duration.minutes(15), deadLetterQueue: deadLetters } },
      function: {
        handler: o.handler,
        reservedConcurrentExecutions: COMPLETION_RESERVED_CONCURRENCY,
        retryAttempts: 0,
        onFailure: new SqsDestination(deadLetters),
        environment: { TABLE_NAME: o.table.tableName, ...o.sends?.environment },
      },
    },
  });
  job.jobFunction.attachPermissions([
    new PolicyStatement({ effect: Effect.ALLOW, actions: [...o.actions], resources: [o.table.tableArn, `${o.table.tableArn}/index/*`] }),
    ...(o.sends?.statements ?? []),
  ]);
  return { job, deadLetters };
}
