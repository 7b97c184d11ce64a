import { Notification } from "@zhubo/core/notification";
import { procedure, router } from "../trpc.js";

/** The signed-in person's inbox: notifications with links, the unread badge, marking read, and message preferences. */
export const notificationRouter = router({
  list: procedure.input(Notification.list.schema).query(({ input }) => Notification.list(input)),
  unread: procedure.input(Notification.unread.schema).query(({ input }) => Notification.unread(input)),
  markRead: procedure.input(Notification.markRead.schema).mutation(({ input }) => Notification.markRead(input)),
  markAllRead: procedure.input(Notification.markAllRead.schema).mutation(({ input }) => Notification.markAllRead(input)),
  preferences: procedure.input(Notification.preferences.schema).query(({ input }) => Notification.preferences(input)),
  setPreferences: procedure.input(Notification.setPreferences.schema).mutation(({ input }) => Notification.setPreferences(input)),
});
