import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAwsMessaging } from "./aws.js";
import { createOutbox, Messaging } from "./index.js";

const sesClient = new SESv2Client({ region: "ap-northeast-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } });
const snsClient = new SNSClient({ region: "ap-northeast-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } });
const ses = mockClient(sesClient);
const sns = mockClient(snsClient);

beforeEach(() => {
  ses.reset();
  sns.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: "m-1" });
  sns.on(PublishCommand).resolves({ MessageId: "s-1" });
});

afterEach(() => Messaging.use(createOutbox()));

describe("the AWS messaging adapter", () => {
  it("sends an email code through SES v2 SendEmail from the configured sender, in the person's language", async () => {
    Messaging.use(createAwsMessaging({ fromEmail: "主播学院 <no-reply@zhubo.cn>", configurationSet: "zhubo-prod", sesClient, snsClient }));
    await Messaging.send({ to: { kind: "email", value: "lin@example.cn" }, template: "verify_login", params: { code: "042137" }, locale: "en" });
    expect(sns.calls()).toHaveLength(0);
    const calls = ses.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      FromEmailAddress: "主播学院 <no-reply@zhubo.cn>",
      Destination: { ToAddresses: ["lin@example.cn"] },
      Content: {
        Simple: {
          Subject: { Data: "Your Zhubo Academy code: 042137", Charset: "UTF-8" },
          Body: {
            Text: {
              Data: "Zhubo Academy: your code is 042137. It verifies your account and expires in 10 minutes. If this wasn't you, ignore this message.",
              Charset: "UTF-8",
            },
          },
        },
      },
      EmailTags: [{ Name: "template", Value: "verify_login" }],
      ConfigurationSetName: "zhubo-prod",
    });
  });

  it("sends an SMS code through SNS Publish to the phone number, transactional, with the sender ID and origination number when set", async () => {
    Messaging.use(createAwsMessaging({ fromEmail: "no-reply@zhubo.cn", smsSenderID: "ZHUBO", smsOriginationNumber: "+8610690000", sesClient, snsClient }));
    await Messaging.send({ to: { kind: "phone", value: "+8613800138000" }, template: "reset_password", params: { code: "314159" }, locale: "zh-CN" });
    expect(ses.calls()).toHaveLength(0);
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      PhoneNumber: "+8613800138000",
      Message: "【主播学院】验证码 314159，10 分钟内有效，用于重设密码。如非本人操作，请忽略，你的密码不会改变。",
      MessageAttributes: {
        "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
        "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: "ZHUBO" },
        "AWS.MM.SMS.OriginationNumber": { DataType: "String", StringValue: "+8610690000" },
      },
    });
  });

  it("sends only the transactional attribute when no sender ID or origination number is configured", async () => {
    const adapter = createAwsMessaging({ fromEmail: "no-reply@zhubo.cn", sesClient, snsClient });
    await adapter.deliver({
      to: { kind: "phone", value: "+8613900000000" },
      template: "sign_up_attempt",
      params: {},
      locale: "zh-CN",
      subject: "s",
      text: "t",
    });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes).toEqual({
      "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
    });
  });

  it("reports a refused send by operation and error name only, never the address or the text (a code)", async () => {
    ses.on(SendEmailCommand).rejects(Object.assign(new Error("Email address is not verified: lin@example.cn 042137"), { name: "MessageRejected" }));
    sns.on(PublishCommand).rejects(Object.assign(new Error("Invalid parameter: PhoneNumber +8613800138000"), { name: "InvalidParameterException" }));
    const adapter = createAwsMessaging({ fromEmail: "no-reply@zhubo.cn", sesClient, snsClient });
    const email = {
      to: { kind: "email", value: "lin@example.cn" },
      template: "verify_login",
      params: { code: "042137" },
      locale: "en",
      subject: "s",
      text: "042137",
    } as const;
    await expect(adapter.deliver(email)).rejects.toThrow(/^SES SendEmail failed: MessageRejected$/);
    await expect(adapter.deliver({ ...email, to: { kind: "phone", value: "+8613800138000" } })).rejects.toThrow(
      /^SNS Publish failed: InvalidParameterException$/,
    );
  });

  it("refuses to send when no adapter was chosen at start-up, rather than dropping the message", async () => {
    Messaging.use(undefined as never); // as in a Lambda whose environment names no sender
    await expect(Messaging.send({ to: { kind: "email", value: "a@b.cn" }, template: "verify_login", params: { code: "1" }, locale: "en" })).rejects.toThrow(
      /no messaging adapter configured/,
    );
  });
});
