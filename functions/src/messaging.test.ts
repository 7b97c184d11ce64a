import { Messaging } from "@zhubo/core/messaging";
import { afterEach, describe, expect, it } from "vitest";
import { useMessagingFromEnv } from "./messaging.js";

afterEach(() => Messaging.use(Messaging.createOutbox()));

describe("choosing the messaging adapter in a Lambda", () => {
  it("uses SES/SNS when infra names a sender", () => {
    expect(useMessagingFromEnv({ MESSAGING_EMAIL_FROM: "no-reply@zhubo.cn", MESSAGING_SMS_SENDER_ID: "ZHUBO" })).toBe(true);
    expect(Messaging.adapter().kind).toBe("aws");
  });

  it("configures nothing without a sender, so the local outbox is never what a Lambda gets by accident", () => {
    const before = Messaging.adapter();
    expect(useMessagingFromEnv({})).toBe(false);
    expect(Messaging.adapter()).toBe(before);
  });
});
