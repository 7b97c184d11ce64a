import { Actor } from "@zhubo/core/actor";
import { Notification } from "@zhubo/core/notification";
import { useMessagingFromEnv } from "../messaging.js";

useMessagingFromEnv();

/** Every 5 minutes: the SMS/email of notifications whose recipients' quiet hours have ended (the "messages due by time" index). */
export async function handler(): Promise<{ sent: number }> {
  const sent = await Actor.provide({ type: "system", name: "notification-messages" }, () => Notification.sendDueMessages());
  console.log(JSON.stringify({ level: "info", job: "notification.messages", sent }));
  return { sent };
}
