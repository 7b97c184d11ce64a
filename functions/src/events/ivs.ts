import { Practice } from "@zhubo/core/practice";

/**
 * The EventBridge target for Amazon IVS events (infra/streams.ts): every "IVS Stream State
 * Change" and "IVS Recording State Change" goes to the practice-session ledger, which is
 * idempotent and order-free, so EventBridge's and Lambda's retries are safe. No logic here.
 *
 * One JSON log line per event, built from an allow-list of identifiers: IVS events carry no
 * stream key, but nothing else from the event (nor any error's payload) is ever logged.
 */

export async function handler(event: unknown): Promise<void> {
  const fields = describe(event);
  try {
    const state = await Practice.record(event);
    console.log(JSON.stringify({ level: "info", message: state ? "ivs event recorded" : "ivs event ignored", ...fields }));
  } catch (e) {
    console.error(JSON.stringify({ level: "error", message: "ivs event failed", ...fields, error: errorName(e) }));
    // Thrown on: Lambda's async retries, then the on-failure queue.
    throw e;
  }
}

type Logged = { id?: string; detailType?: string; channel?: string; streamId?: string; change?: string };

function describe(event: unknown): Logged {
  const e = (typeof event === "object" && event !== null ? event : {}) as Record<string, unknown>;
  const detail = (typeof e.detail === "object" && e.detail !== null ? e.detail : {}) as Record<string, unknown>;
  const resources = Array.isArray(e.resources) ? e.resources : [];
  return {
    id: text(e.id),
    detailType: text(e["detail-type"]),
    channel: text(resources[0]),
    streamId: text(detail.stream_id),
    change: text(detail.event_name) ?? text(detail.recording_status),
  };
}

/** The error's name (the AWS one when ElectroDB wraps it), never its message or payload. */
function errorName(e: unknown): string {
  const err = e as { name?: unknown; cause?: { name?: unknown } } | undefined;
  return text(err?.cause?.name) ?? text(err?.name) ?? "unknown";
}

/** Strings only, and short: an identifier, never a blob someone put in an unexpected field. */
function text(value: unknown): string | undefined {
  return typeof value === "string" ? value.slice(0, 200) : undefined;
}
