import { Messaging } from "@zhubo/core/messaging";
import { Hono } from "hono";

/** Where the dev web app's "sent messages" page reads from (proxied by Vite like /trpc). */
export const MESSAGES_PATH = "/__local/messages";

/**
 * The laptop's messaging adapter: codes and notices are kept in memory (newest first) and, when
 * the stack logs (`pnpm dev`), printed. Nothing leaves the machine.
 */
export function localMessaging(log?: (line: string) => void): Messaging.Outbox {
  return Messaging.createOutbox({
    onSend: (m) => log?.(`message → ${m.to.value} (${m.template}): ${m.text}`),
  });
}

/**
 * The sent-messages route, added by the local stack in front of the API app. It exists only in
 * this package, which is never bundled into a Lambda (functions/ can't import it: the
 * dependency-direction test), so the cloud API has no such path to enable or misconfigure.
 */
export function messagesRoute(outbox: Messaging.Outbox) {
  const app = new Hono();
  app.get(MESSAGES_PATH, (c) => {
    c.header("cache-control", "no-store");
    return c.json({
      messages: outbox.list().map((m) => ({
        id: m.id,
        sentAt: m.sentAt,
        to: m.to.value,
        channel: m.to.kind,
        template: m.template,
        subject: m.subject,
        text: m.text,
        code: m.params.code ?? null,
      })),
    });
  });
  return app;
}
