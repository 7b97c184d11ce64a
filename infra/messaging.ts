import { CfnOutput, type Stack } from "aws-cdk-lib";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { EmailIdentity, Identity } from "aws-cdk-lib/aws-ses";

/**
 * Codes and notices (packages/core/src/messaging): email through SES v2, SMS through SNS. Set at
 * deploy time: ZHUBO_MAIL_FROM (a plain address whose domain the stack registers as an SES
 * identity; add the DKIM records it outputs to DNS), optionally ZHUBO_SMS_SENDER_ID and
 * ZHUBO_SMS_ORIGINATION_NUMBER. SES and SMS start in their sandboxes: ask AWS for production access.
 */
export const DEFAULT_MAIL_FROM = "no-reply@zhubo.cn";

export function mailFrom(env: NodeJS.ProcessEnv = process.env): string {
  const from = env.ZHUBO_MAIL_FROM ?? DEFAULT_MAIL_FROM;
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(from)) throw new Error(`ZHUBO_MAIL_FROM must be a plain email address, got ${from}`);
  return from;
}

/** The sender's SES identity, the API's environment for the adapter, and the only statements it needs. */
export function messaging(stack: Stack, env: NodeJS.ProcessEnv = process.env) {
  const from = mailFrom(env);
  const domain = from.split("@")[1] as string;
  const identity = new EmailIdentity(stack, "mailIdentity", { identity: Identity.domain(domain) });
  identity.dkimRecords.forEach((record, i) => {
    new CfnOutput(stack, `MailDkim${i + 1}`, { value: `${record.name} CNAME ${record.value}` });
  });

  const { statements, environment } = sending(from, identity.emailIdentityArn, env);
  return { identity, statements, environment };
}

/**
 * What a function that sends needs: SES for this identity only and only as the configured sender,
 * SNS publishing and nothing else, and the adapter's environment. Another stack (the notify
 * subscriber's) passes the identity's ARN by its name, so it needs no reference to the Api stack.
 */
export function sending(from: string, identityArn: string, env: NodeJS.ProcessEnv = process.env) {
  const statements = [
    new PolicyStatement({
      sid: "SendCodesByEmail",
      effect: Effect.ALLOW,
      actions: ["ses:SendEmail"],
      resources: [identityArn],
      conditions: { StringEquals: { "ses:FromAddress": from } },
    }),
    // Publishing straight to a phone number has no resource ARN, so IAM only accepts "*" here; the
    // function publishes to no topic, and nothing else (subscribe, set attributes) is granted.
    new PolicyStatement({ sid: "SendCodesBySms", effect: Effect.ALLOW, actions: ["sns:Publish"], resources: ["*"] }),
  ];
  const environment: Record<string, string> = { MESSAGING_EMAIL_FROM: from };
  if (env.ZHUBO_SMS_SENDER_ID) environment.MESSAGING_SMS_SENDER_ID = env.ZHUBO_SMS_SENDER_ID;
  if (env.ZHUBO_SMS_ORIGINATION_NUMBER) environment.MESSAGING_SMS_ORIGINATION_NUMBER = env.ZHUBO_SMS_ORIGINATION_NUMBER;
  return { statements, environment };
}

/** The SES identity of the sender's domain, by name (it is made in the Api stack). */
export function identityArnOf(stack: Stack, from: string): string {
  return stack.formatArn({ service: "ses", resource: "identity", resourceName: from.split("@")[1] as string });
}
