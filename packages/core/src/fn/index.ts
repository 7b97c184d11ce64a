import type { z } from "zod/mini";
import { type Fields, VisibleError } from "../error/index.js";

/** Turns zod issues into one message per dotted field path (first issue wins). */
export function fieldsOf(issues: ReadonlyArray<{ path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; message: string }>): Fields {
  const fields: Fields = {};
  for (const issue of issues) {
    const path = (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join(".") || "_";
    fields[path] ??= issue.message;
  }
  return fields;
}

export function invalid(issues: Parameters<typeof fieldsOf>[0]): VisibleError {
  const fields = fieldsOf(issues);
  return new VisibleError("input", "input.invalid", `Invalid input: ${Object.keys(fields).join(", ")}`, fields);
}

/** A verb whose input is validated by its schema before the callback runs; the schema is reused by transports. */
export function fn<S extends z.ZodMiniType, R>(schema: S, cb: (input: z.output<S>) => Promise<R>) {
  const result = async (input: z.input<S>): Promise<R> => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error.issues);
    return cb(parsed.data);
  };
  result.schema = schema;
  return result;
}
