import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { Effect, PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { type StackContext, use } from "sst/constructs";
import { Events } from "./events.js";
import { Streams } from "./streams.js";

/** Where alarm mail goes: set per stage in the operator's environment or `.env.<stage>` (SST loads it). */
export const OPS_EMAIL_ENV = "ZHUBO_OPS_EMAIL";

const PERIOD = Duration.minutes(5);

/** The relay is this far behind the table's stream: events reach subscribers late, and past a day are lost to the relay's DLQ. */
export const RELAY_ITERATOR_AGE_LIMIT = Duration.minutes(5);

/** The subscription address, if one is configured; a malformed one refuses to synthesise. */
export function opsEmail(value: string | undefined): string | undefined {
  const email = value?.trim();
  if (!email) return undefined;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`${OPS_EMAIL_ENV} must be an email address, not "${email}"`);
  return email;
}

/**
 * The stage's alarms and the SNS topic they notify (alarm and back to OK): a dead-letter queue
 * that holds anything, a failing IVS events function or expiry job, and an expiry job that has
 * stopped running; for domain events, a subscriber delivery that failed, a dead letter the recorder
 * could not record, a stream record the relay gave up on or is falling behind on, and a failing
 * booking completion job. Alarm notifications carry metric names and counts, no personal data.
 */
export function Ops({ stack, app }: StackContext) {
  const { deadLetters, expiryDeadLetters, eventsHandler, expiry } = use(Streams);
  const events = use(Events);

  const topic = new Topic(stack, "alarms", { displayName: `zhubo ${app.stage} alarms`, enforceSSL: true });
  // The enforceSSL statement replaces SNS's default topic policy, so CloudWatch is admitted by name,
  // for this account's alarms only.
  topic.addToResourcePolicy(
    new PolicyStatement({
      sid: "CloudWatchAlarmsPublish",
      effect: Effect.ALLOW,
      principals: [new ServicePrincipal("cloudwatch.amazonaws.com")],
      actions: ["sns:Publish"],
      resources: [topic.topicArn],
      conditions: {
        StringEquals: { "aws:SourceAccount": stack.account },
        ArnLike: { "aws:SourceArn": `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*` },
      },
    }),
  );
  const email = opsEmail(process.env[OPS_EMAIL_ENV]);
  if (email) topic.addSubscription(new EmailSubscription(email));

  const notify = new SnsAction(topic);
  /** "above-zero" and `{ above }` alarm on a count or an age; "below-one" on a job that stopped running. */
  const alarm = (id: string, description: string, metric: IMetric, breach: "above-zero" | "below-one" | { above: number }, periods = 1) => {
    const above = breach !== "below-one";
    const made = new Alarm(stack, id, {
      alarmDescription: `zhubo ${app.stage}: ${description}`,
      metric,
      threshold: typeof breach === "object" ? breach.above : breach === "above-zero" ? 0 : 1,
      comparisonOperator: above ? ComparisonOperator.GREATER_THAN_THRESHOLD : ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      // No data is no trouble for counts of failures; for "is the job running" it is the trouble.
      treatMissingData: above ? TreatMissingData.NOT_BREACHING : TreatMissingData.BREACHING,
    });
    made.addAlarmAction(notify);
    made.addOkAction(notify);
    return made;
  };

  const alarms = {
    ivsEventsDeadLetters: alarm(
      "ivsEventsDeadLettersAlarm",
      "IVS events are in the dead-letter queue: practice minutes from them are not recorded",
      deadLetters.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: "Maximum" }),
      "above-zero",
    ),
    ivsEventsErrors: alarm(
      "ivsEventsErrorsAlarm",
      "the IVS events function failed",
      eventsHandler.metricErrors({ period: PERIOD, statistic: "Sum" }),
      "above-zero",
    ),
    practiceExpiryDeadLetters: alarm(
      "practiceExpiryDeadLettersAlarm",
      "a practice expiry run failed or could not start (its record is in the dead-letter queue)",
      expiryDeadLetters.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: "Maximum" }),
      "above-zero",
    ),
    practiceExpiryErrors: alarm(
      "practiceExpiryErrorsAlarm",
      "the practice expiry job failed (leases may outlive their slot)",
      expiry.jobFunction.metricErrors({ period: PERIOD, statistic: "Sum" }),
      "above-zero",
    ),
    practiceExpiryStopped: alarm(
      "practiceExpiryStoppedAlarm",
      "the practice expiry job has not run for 15 minutes",
      expiry.jobFunction.metricInvocations({ period: PERIOD, statistic: "Sum" }),
      "below-one",
      3,
    ),
    // The recorder drains this queue within seconds, so its depth stays near zero: what arrives is the signal.
    subscriberDeadLetters: alarm(
      "subscriberDeadLettersAlarm",
      "a domain event subscriber failed every attempt or could not be invoked (see the ops events page)",
      events.subscriberDeadLetters.metricNumberOfMessagesSent({ period: PERIOD, statistic: "Sum" }),
      "above-zero",
    ),
    deadLetterRecorderFailures: alarm(
      "deadLetterRecorderFailuresAlarm",
      "failed subscriber deliveries could not be recorded: they are only in the recorder-failures queue",
      events.recorderFailures.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: "Maximum" }),
      "above-zero",
    ),
    relayDeadLetters: alarm(
      "relayDeadLettersAlarm",
      "outbox records never reached the event bus (their stream positions are in the relay's dead-letter queue)",
      events.relayDeadLetters.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: "Maximum" }),
      "above-zero",
    ),
    relayIteratorAge: alarm(
      "relayIteratorAgeAlarm",
      `the event relay is more than ${RELAY_ITERATOR_AGE_LIMIT.toMinutes()} minutes behind the table's stream`,
      events.relay.metric("IteratorAge", { period: PERIOD, statistic: "Maximum" }),
      { above: RELAY_ITERATOR_AGE_LIMIT.toMilliseconds() },
    ),
    relayErrors: alarm("relayErrorsAlarm", "the event relay failed", events.relay.metricErrors({ period: PERIOD, statistic: "Sum" }), "above-zero"),
    bookingCompletionErrors: alarm(
      "bookingCompletionErrorsAlarm",
      "the booking completion job failed (bookings past their no-show window stay open)",
      events.completion.jobFunction.metricErrors({ period: PERIOD, statistic: "Sum" }),
      "above-zero",
    ),
    bookingCompletionDeadLetters: alarm(
      "bookingCompletionDeadLettersAlarm",
      "a booking completion run failed or could not start (its record is in the dead-letter queue)",
      events.completionDeadLetters.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: "Maximum" }),
      "above-zero",
    ),
    commissionReleaseErrors: alarm(
      "commissionReleaseErrorsAlarm",
      "the commission release job failed (commission past its return window stays pending)",
      events.release.jobFunction.metricErrors({ period: PERIOD, statistic: "Sum" }),
      "above-zero",
    ),
    commissionReleaseDeadLetters: alarm(
      "commissionReleaseDeadLettersAlarm",
      "a commission release run failed or could not start (its record is in the dead-letter queue)",
      events.releaseDeadLetters.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: "Maximum" }),
      "above-zero",
    ),
    notificationMessagesErrors: alarm(
      "notificationMessagesErrorsAlarm",
      "the notification messages job failed (SMS/email held for quiet hours stay queued)",
      events.messages.jobFunction.metricErrors({ period: PERIOD, statistic: "Sum" }),
      "above-zero",
    ),
    notificationMessagesDeadLetters: alarm(
      "notificationMessagesDeadLettersAlarm",
      "a notification messages run failed or could not start (its record is in the dead-letter queue)",
      events.messagesDeadLetters.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: "Maximum" }),
      "above-zero",
    ),
  };

  stack.addOutputs({ AlarmsTopic: topic.topicArn });

  return { topic, alarms };
}
