import type { Login } from "../person/login.js";
import { render, type Template } from "./templates.js";

export * as Messaging from "./index.js";
export { createOutbox, type Outbox, type Sent } from "./outbox.js";
export { render, type Template, templates } from "./templates.js";

/**
 * Messages to a person's login: Amazon SES (email) and Amazon SNS (SMS) in the cloud
 * (messaging/aws.ts), an in-memory outbox on a laptop and in tests (messaging/outbox.ts, shown by
 * packages/local at /dev/messages and printed by `pnpm dev`). Chosen once at start-up.
 */

export type Locale = "zh-CN" | "en";

export interface Message {
  to: Login;
  template: Template;
  /** Filled into the template, e.g. `{ code: "123456" }`. */
  params: Record<string, string>;
  locale: Locale;
}

/** A message with its text in the recipient's language: what an adapter delivers. */
export interface Rendered extends Message {
  subject: string;
  text: string;
}

export interface Adapter {
  /** "aws" in the cloud, "local" on a laptop and in tests. */
  readonly kind: "aws" | "local";
  deliver(message: Rendered): Promise<void>;
}

let current: Adapter | undefined;

export function use(adapter: Adapter): void {
  current = adapter;
}

export function adapter(): Adapter {
  if (!current) throw new Error("no messaging adapter configured (Messaging.use at start-up)");
  return current;
}

export async function send(message: Message): Promise<void> {
  await adapter().deliver({ ...message, ...render(message.template, message.params, message.locale) });
}
