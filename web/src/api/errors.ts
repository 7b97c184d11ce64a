/** What the UI needs from a failed call, whatever threw it. */
export interface ApiError {
  code?: string;
  httpStatus?: number;
  fields: Record<string, string>;
  message: string;
  retryAfterSeconds?: number;
  requestId?: string;
  /** No answer from the API at all (offline, DNS, proxy down). */
  network: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function fieldsOf(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, msg] of Object.entries(v)) if (typeof msg === "string") out[k] = msg;
  return out;
}

/** Reads the error `data` our tRPC error formatter adds (code, fields, retryAfterSeconds, requestId). */
export function toApiError(e: unknown): ApiError {
  const message = e instanceof Error ? e.message : String(e);
  const data = isRecord(e) && isRecord(e.data) ? e.data : undefined;
  if (!data) return { fields: {}, message, network: true };
  return {
    code: str(data.code),
    httpStatus: num(data.httpStatus),
    fields: fieldsOf(data.fields),
    message,
    retryAfterSeconds: num(data.retryAfterSeconds),
    requestId: str(data.requestId),
    network: false,
  };
}

/** The refresh token is gone for good (revoked, expired, rotated elsewhere): sign in again. */
export function isSessionEnded(e: ApiError): boolean {
  return !e.network && (e.httpStatus === 401 || e.code === "auth.session_expired" || e.code === "input.invalid");
}

export function isTokenInvalid(e: ApiError): boolean {
  return e.code === "auth.token_invalid";
}
