import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { SNSClient } from "@aws-sdk/client-sns";
import type { Adapter, Rendered } from "./index.js";

/*
 * The SDKs are imported on first send, not at module load: a Lambda cold start that sends
 * nothing (nearly all of them) doesn't pay for evaluating them (same as dynamo/index.ts).
 */
const ses = () => import("@aws-sdk/client-sesv2");
const sns = () => import("@aws-sdk/client-sns");

export interface AwsMessagingOptions {
  region?: string;
  /** The verified SES sender, e.g. "主播学院 <no-reply@zhubo.cn>" or "no-reply@zhubo.cn". */
  fromEmail: string;
  /** An SES configuration set (event publishing, suppression) when the stage has one. */
  configurationSet?: string;
  /** Alphabetic sender ID, where the destination country supports one. */
  smsSenderID?: string;
  /** A dedicated origination number (E.164) when the account has one. */
  smsOriginationNumber?: string;
  /** Existing clients (tests); otherwise made on first use. */
  sesClient?: SESv2Client;
  snsClient?: SNSClient;
}

const MAX_ATTEMPTS = 3;

/** Service errors come out as plain Errors naming the operation, never the address or the text (a code). */
function failure(op: string, e: unknown): Error {
  const name = (e as { name?: string } | undefined)?.name ?? "Error";
  return new Error(`${op} failed: ${name}`);
}

export function createAwsMessaging(options: AwsMessagingOptions): Adapter {
  let sesClient: Promise<SESv2Client> | undefined = options.sesClient ? Promise.resolve(options.sesClient) : undefined;
  let snsClient: Promise<SNSClient> | undefined = options.snsClient ? Promise.resolve(options.snsClient) : undefined;
  const region = options.region ? { region: options.region } : {};

  async function email(m: Rendered): Promise<void> {
    sesClient ??= ses().then(({ SESv2Client }) => new SESv2Client({ ...region, maxAttempts: MAX_ATTEMPTS }));
    const [client, { SendEmailCommand }] = await Promise.all([sesClient, ses()]);
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: options.fromEmail,
        Destination: { ToAddresses: [m.to.value] },
        Content: {
          Simple: {
            Subject: { Data: m.subject, Charset: "UTF-8" },
            Body: { Text: { Data: m.text, Charset: "UTF-8" } },
          },
        },
        EmailTags: [{ Name: "template", Value: m.template }],
        ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
      }),
    );
  }

  async function sms(m: Rendered): Promise<void> {
    snsClient ??= sns().then(({ SNSClient }) => new SNSClient({ ...region, maxAttempts: MAX_ATTEMPTS }));
    const [client, { PublishCommand }] = await Promise.all([snsClient, sns()]);
    const attribute = (value: string) => ({ DataType: "String", StringValue: value });
    await client.send(
      new PublishCommand({
        PhoneNumber: m.to.value,
        Message: m.text,
        MessageAttributes: {
          // Codes are time-critical: transactional routes, never the cheaper promotional ones.
          "AWS.SNS.SMS.SMSType": attribute("Transactional"),
          ...(options.smsSenderID ? { "AWS.SNS.SMS.SenderID": attribute(options.smsSenderID) } : {}),
          ...(options.smsOriginationNumber ? { "AWS.MM.SMS.OriginationNumber": attribute(options.smsOriginationNumber) } : {}),
        },
      }),
    );
  }

  return {
    kind: "aws",
    async deliver(m) {
      const op = m.to.kind === "email" ? "SES SendEmail" : "SNS Publish";
      try {
        await (m.to.kind === "email" ? email(m) : sms(m));
      } catch (e) {
        throw failure(op, e);
      }
    },
  };
}
