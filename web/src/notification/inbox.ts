import { createRoot, createSignal } from "solid-js";
import { api } from "../api/client";
import { type MessageKey, t } from "../i18n";

/** The unread count the header's bell shows, shared by the bell and the inbox page (which sets it after marking read). */
const [unread, setUnread] = createRoot(() => createSignal(0));

export { setUnread, unread };

export async function refreshUnread(): Promise<void> {
  try {
    setUnread((await api.notification.unread.query({})).unread);
  } catch {
    // the badge waits for the next chance; pages report their own errors
  }
}

export interface NoticeItem {
  eventID: string;
  kind: string;
  link: string;
  params: Record<string, string>;
  createdAt: string;
  read: boolean;
}

/** A notification's line in the page's language: some kinds read differently for the side that receives them. */
export function noticeText(n: Pick<NoticeItem, "kind" | "params">): string {
  const sided = n.kind === "offer_received" || n.kind === "offer_accepted";
  const key = (sided ? `notice.${n.kind}.${n.params.by === "host" ? "host" : "brand"}` : `notice.${n.kind}`) as MessageKey;
  return t(key, n.params);
}
