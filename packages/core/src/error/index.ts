export * as Err from "./index.js";

export type Kind = "input" | "auth" | "forbidden" | "not_found" | "conflict" | "too_many";

/** Per-field messages keyed by dotted path ("email", "members.0.role"). */
export type Fields = Record<string, string>;

/** The only error a caller may see the message of. Everything else is an internal error. */
export class VisibleError extends Error {
  constructor(
    public readonly kind: Kind,
    public readonly code: string,
    message: string,
    public readonly fields?: Fields,
    public readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "VisibleError";
  }
}

export function notFound(code: string, message = "Not found") {
  return new VisibleError("not_found", code, message);
}

export function input(code: string, field: string, message: string) {
  return new VisibleError("input", code, message, { [field]: message });
}

export function conflict(code: string, message: string, fields?: Fields) {
  return new VisibleError("conflict", code, message, fields);
}

export function forbidden(code: string, message = "Not allowed") {
  return new VisibleError("forbidden", code, message);
}

export function unauthorized(code = "auth.required", message = "Sign in first") {
  return new VisibleError("auth", code, message);
}

export function isConditionFailure(e: unknown): boolean {
  const name = (e as { name?: string; cause?: { name?: string } } | undefined)?.name;
  const causeName = (e as { cause?: { name?: string } } | undefined)?.cause?.name;
  return name === "ConditionalCheckFailedException" || causeName === "ConditionalCheckFailedException";
}
