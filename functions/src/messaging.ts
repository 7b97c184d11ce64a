import { Messaging } from "@zhubo/core/messaging";
import { createAwsMessaging } from "@zhubo/core/messaging/aws";

/**
 * Chooses the messaging adapter for a Lambda from its environment (set by infra/api.ts): SES for
 * email, SNS for SMS. Without MESSAGING_EMAIL_FROM nothing is configured and any send fails (an
 * internal error), never falling back to something that only pretends to deliver. The laptop
 * stack configures its outbox itself (packages/local/src/messages.ts).
 */
export function useMessagingFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const fromEmail = env.MESSAGING_EMAIL_FROM;
  if (!fromEmail) return false;
  Messaging.use(
    createAwsMessaging({
      fromEmail,
      smsSenderID: env.MESSAGING_SMS_SENDER_ID || undefined,
      smsOriginationNumber: env.MESSAGING_SMS_ORIGINATION_NUMBER || undefined,
    }),
  );
  return true;
}
