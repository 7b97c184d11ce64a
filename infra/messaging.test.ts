import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MAIL_FROM, mailFrom } from "./messaging.js";
import { cleanupSynth, type Resource, type Synthesized, synthApp } from "./test-synth.js";

// Issue 10 item 2: the API Lambda sends sign-up codes, reset codes and notices through SES and SNS.

type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, unknown> };

const FROM = "codes@mail.zhubo.example";
let dev: Synthesized;

beforeAll(async () => {
  const before = { from: process.env.ZHUBO_MAIL_FROM, sender: process.env.ZHUBO_SMS_SENDER_ID };
  process.env.ZHUBO_MAIL_FROM = FROM;
  process.env.ZHUBO_SMS_SENDER_ID = "ZHUBO";
  try {
    dev = await synthApp("dev", { bundle: false });
  } finally {
    for (const [name, value] of [
      ["ZHUBO_MAIL_FROM", before.from],
      ["ZHUBO_SMS_SENDER_ID", before.sender],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}, 180_000);

afterAll(() => cleanupSynth());

function apiStatements(): Statement[] {
  const api = (Object.values(dev.template("Api").findResources("AWS::Lambda::Function")) as Resource[]).find(
    (fn) => fn.Properties.Handler === "functions/src/api/lambda.handler",
  ) as Resource;
  const role = (api.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
  return (Object.values(dev.template("Api").findResources("AWS::IAM::Policy")) as Resource[])
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: role })))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const actionsOf = (s: Statement) => [s.Action].flat();

describe("messaging in the cloud", () => {
  it("registers the sender's domain as an SES identity and outputs its DKIM records for DNS", () => {
    const identities = Object.values(dev.template("Api").findResources("AWS::SES::EmailIdentity")) as Resource[];
    expect(identities.map((i) => i.Properties.EmailIdentity)).toEqual(["mail.zhubo.example"]);
    const outputs = Object.keys(dev.template("Api").toJSON().Outputs as Record<string, unknown>);
    expect(outputs.filter((o) => o.startsWith("MailDkim"))).toHaveLength(3);
  });

  it("tells the API Lambda the sender and SMS sender ID", () => {
    const api = (Object.values(dev.template("Api").findResources("AWS::Lambda::Function")) as Resource[]).find(
      (fn) => fn.Properties.Handler === "functions/src/api/lambda.handler",
    ) as Resource;
    const variables = (api.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.MESSAGING_EMAIL_FROM).toBe(FROM);
    expect(variables.MESSAGING_SMS_SENDER_ID).toBe("ZHUBO");
    expect(variables).not.toHaveProperty("MESSAGING_SMS_ORIGINATION_NUMBER");
  });

  it("lets the API send email only from the configured address of that identity", () => {
    const ses = apiStatements().filter((s) => actionsOf(s).some((a) => a.startsWith("ses:")));
    expect(ses).toHaveLength(1);
    const [statement] = ses as [Statement];
    expect([statement.Effect, actionsOf(statement)]).toEqual(["Allow", ["ses:SendEmail"]]);
    const [identityID] = Object.keys(dev.template("Api").findResources("AWS::SES::EmailIdentity"));
    expect(JSON.stringify(statement.Resource)).toContain(`:identity/`);
    expect(JSON.stringify(statement.Resource)).toContain(identityID);
    expect(statement.Condition).toEqual({ StringEquals: { "ses:FromAddress": FROM } });
  });

  it("lets the API publish SMS and nothing else in SNS (a phone number has no ARN, so the resource is *)", () => {
    const sns = apiStatements().filter((s) => actionsOf(s).some((a) => a.startsWith("sns:")));
    expect(sns).toHaveLength(1);
    const [statement] = sns as [Statement];
    expect([statement.Effect, actionsOf(statement), statement.Resource]).toEqual(["Allow", ["sns:Publish"], "*"]);
    expect(
      apiStatements()
        .flatMap(actionsOf)
        .filter((a) => a.startsWith("sns:") || a.startsWith("ses:")),
    ).toEqual(["ses:SendEmail", "sns:Publish"]);
  });

  it("takes the sender from ZHUBO_MAIL_FROM, defaulting to the product's address, and refuses anything but a plain address", () => {
    expect(mailFrom({})).toBe(DEFAULT_MAIL_FROM);
    expect(mailFrom({ ZHUBO_MAIL_FROM: "a@b.cn" })).toBe("a@b.cn");
    for (const bad of ["主播学院 <a@b.cn>", "nobody", "a@b"]) expect(() => mailFrom({ ZHUBO_MAIL_FROM: bad })).toThrow(/plain email address/);
  });
});
