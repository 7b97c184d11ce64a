/** Retrying and error shaping for IVS calls (stream/ivs.ts). */

/** What the SDK puts on a service error. */
interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

export interface RetryOptions {
  /** Tries in all, including the first (default 4). */
  attempts?: number;
  /** Backoff before the second try; doubles each time, full jitter (default 200 ms). */
  baseDelayMs?: number;
}

const THROTTLING = new Set(["ThrottlingException", "TooManyRequestsException"]);
const MAX_DELAY_MS = 5000;

export function errorName(e: unknown): string | undefined {
  return (e as SdkError | undefined)?.name;
}

function retryable(e: unknown, read: boolean): boolean {
  const err = e as SdkError;
  // The client createIvsProvider builds already backs off throttling in the SDK (maxAttempts);
  // retrying what it gave up on would multiply the attempts. Injected clients and mocks report one.
  if ((err.$metadata?.attempts ?? 1) > 1) return false;
  if (THROTTLING.has(err.name ?? "") || err.$metadata?.httpStatusCode === 429) return true;
  // On a create it's a real quota (channels per account, one key per channel), not load.
  return read && err.name === "ServiceQuotaExceededException";
}

/** Runs `fn`, retrying throttling with jittered exponential backoff; rethrows anything else as is. */
export async function withRetry<T>(fn: () => Promise<T>, read: boolean, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 4;
  const base = opts.baseDelayMs ?? 200;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= attempts || !retryable(e, read)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(MAX_DELAY_MS, base * 2 ** (attempt - 1))));
    }
  }
}

/**
 * A plain Error naming the operation. Anything shaped like a stream key (sk_…) is cut from what
 * the service said, and the SDK error isn't attached as `cause`: its `$response` could carry one.
 */
export function failure(op: string, e: unknown): Error {
  const err = e as SdkError;
  const status = err.$metadata?.httpStatusCode;
  const detail = (err.message ?? String(e)).replace(/sk_[A-Za-z0-9_-]+/g, "sk_[redacted]");
  return new Error(`IVS ${op} failed: ${err.name ?? "Error"}${status ? ` (HTTP ${status})` : ""}: ${detail}`);
}
