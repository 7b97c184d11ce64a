import { Event } from "@zhubo/core/event";
import { Notification } from "@zhubo/core/notification";
import { lambda } from "../bus.js";
/** Something happened that people should hear about: a notification in each one's inbox, and an SMS/email for the important ones. */
export const subscriber = Event.subscriber("notify", Notification.EVENTS, async (event) => {
  await Notification.fromEvent(event);
});

// SMS/email for the important notifications: SES and SNS in the cloud (the laptop stack sets its outbox)
export const handler = lambda(subscriber, { sends: true });
