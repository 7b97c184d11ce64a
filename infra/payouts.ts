import { Duration } from "aws-cdk-lib";
import { EventField, Rule, RuleTargetInput } from "aws-cdk-lib/aws-events";
import { SfnStateMachine } from "aws-cdk-lib/aws-events-targets";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Choice, Condition, DefinitionBody, Fail, LogLevel, StateMachine, StateMachineType, Succeed, Wait, WaitTime } from "aws-cdk-lib/aws-stepfunctions";
import { LambdaInvoke } from "aws-cdk-lib/aws-stepfunctions-tasks";
import { Function as SstFunction, type StackContext, use } from "sst/constructs";
import { EVENT_SOURCE } from "../functions/src/events/registry.js";
import { deadLetterQueue, Events, SUBSCRIBER_TABLE_ACTIONS, scheduledJob } from "./events.js";
import { Secrets } from "./secrets.js";
import { Storage } from "./storage.js";

/** A step reads and writes through core's verbs as a subscriber does: items, transactions, index queries. No Scan. */
export const PAYOUT_TABLE_ACTIONS = SUBSCRIBER_TABLE_ACTIONS;
/** Mondays 02:00 UTC = 10:00 China time. */
export const PAYOUT_SCHEDULE = "cron(0 2 ? * MON *)";
/** How long a "wait" (outcomes still out at the provider) sleeps before the next round of queries. */
export const PAYOUT_POLL_SECONDS = 60;
/** A run that still has open outcomes after a week fails (and alarms): someone looks at the provider. */
export const PAYOUT_RUN_TIMEOUT_DAYS = 7;
/** Two steps at once at most (a twin execution of one run is safe, steps are conditional writes): room for a retry. */
export const PAYOUT_STEP_RESERVED_CONCURRENCY = 2;

/**
 * Payout runs on Step Functions (Standard): each state is one bounded step of core's run
 * (payout-step Lambda, a page or a chunk of 25 payees), so no Lambda runs for long, a step that
 * dies is retried with backoff and resumes from the table, and "wait" sleeps in a Wait state
 * (free) instead of a Lambda. A run starts from its `payout.run_requested` event, written with
 * the run itself (an EventBridge rule → the state machine); the weekly schedule and ops' "run now"
 * only write runs.
 */
export function Payouts({ stack }: StackContext) {
  const { table } = use(Storage);
  const { bus } = use(Events);
  const { alipayAppID, alipayAppPrivateKey, alipayPublicKey } = use(Secrets);

  const step = new SstFunction(stack, "payoutStep", {
    handler: "functions/src/jobs/payout-step.handler",
    // 25 transfers with a 10 s provider timeout each, plus the writes: well inside 5 minutes
    timeout: 300,
    reservedConcurrentExecutions: PAYOUT_STEP_RESERVED_CONCURRENCY,
    environment: { TABLE_NAME: table.tableName },
    bind: [alipayAppID, alipayAppPrivateKey, alipayPublicKey],
  });
  step.attachPermissions([
    new PolicyStatement({ effect: Effect.ALLOW, actions: [...PAYOUT_TABLE_ACTIONS], resources: [table.tableArn, `${table.tableArn}/index/*`] }),
  ]);

  const invoke = new LambdaInvoke(stack, "Step", { lambdaFunction: step, payloadResponseOnly: true, resultPath: "$", retryOnServiceExceptions: false });
  // Lambda's own hiccups and a step's thrown error alike: the step resumes from the table, so retrying is safe
  invoke.addRetry({ errors: ["States.ALL"], interval: Duration.seconds(5), backoffRate: 2, maxAttempts: 8, maxDelay: Duration.minutes(5) });
  const failed = new Fail(stack, "StepKeptFailing", {
    error: "PayoutStepFailed",
    cause: "a payout step failed after its retries; the run resumes when started again",
  });
  invoke.addCatch(failed, { errors: ["States.ALL"] });
  const wait = new Wait(stack, "WaitForOutcomes", { time: WaitTime.duration(Duration.seconds(PAYOUT_POLL_SECONDS)) });
  const done = new Succeed(stack, "RunDone");
  const next = new Choice(stack, "Next")
    .when(Condition.stringEquals("$.next", "done"), done)
    .when(Condition.stringEquals("$.next", "wait"), wait.next(invoke))
    .otherwise(invoke);
  invoke.next(next);

  const logs = new LogGroup(stack, "payoutRunLogs", { retention: RetentionDays.ONE_MONTH });
  const machine = new StateMachine(stack, "payoutRun", {
    stateMachineType: StateMachineType.STANDARD,
    definitionBody: DefinitionBody.fromChainable(invoke),
    timeout: Duration.days(PAYOUT_RUN_TIMEOUT_DAYS),
    logs: { destination: logs, level: LogLevel.ERROR, includeExecutionData: false },
    tracingEnabled: false,
  });

  // A run requested (started, or reopened by a retry) → an execution with its id; a delivery EventBridge can't make lands in the DLQ.
  const requestDeadLetters = deadLetterQueue(stack, "payoutRequestDeadLetters");
  new Rule(stack, "payoutRunRequested", {
    eventBus: bus,
    eventPattern: { source: [EVENT_SOURCE], detailType: ["payout.run_requested"] },
    targets: [
      new SfnStateMachine(machine, {
        input: RuleTargetInput.fromObject({ runID: EventField.fromPath("$.detail.properties.runID") }),
        retryAttempts: 185,
        maxEventAge: Duration.hours(24),
        deadLetterQueue: requestDeadLetters,
      }),
    ],
  });

  const { job: schedule, deadLetters: scheduleDeadLetters } = scheduledJob(stack, "payoutSchedule", {
    schedule: PAYOUT_SCHEDULE,
    handler: "functions/src/jobs/payout-schedule.handler",
    actions: PAYOUT_TABLE_ACTIONS,
    table,
  });

  stack.addOutputs({
    PayoutStateMachine: machine.stateMachineArn,
    PayoutRequestDeadLetterQueue: requestDeadLetters.queueUrl,
    PayoutScheduleDeadLetterQueue: scheduleDeadLetters.queueUrl,
  });
  return { machine, step, schedule, requestDeadLetters, scheduleDeadLetters };
}
