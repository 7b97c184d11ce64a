/** The API refuses longer uploads; a real credential is a few kilobytes. */
export const MAX_CREDENTIAL_CHARS = 32_000;

const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/**
 * What a person uploaded or pasted → the compact JWS to check. Takes the downloaded .jwt file as
 * is, survives line breaks a mail client or chat app put into it, and digs the token out of a
 * JSON wrapper (`"…"`, `{"jwt": "…"}`, `{"credential": "…"}`). Anything else comes back trimmed,
 * for the check to call malformed.
 */
export function credentialText(raw: string): string {
  const text = raw.replace(/^\uFEFF/, "").trim();
  if (/^[\w\-.\s]+$/.test(text)) return text.replace(/\s+/g, "");
  if (text.startsWith("{") || text.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === "string") return credentialText(parsed);
      if (typeof parsed === "object" && parsed !== null) {
        for (const field of ["jwt", "credential"]) {
          const value = (parsed as Record<string, unknown>)[field];
          if (typeof value === "string") return credentialText(value);
        }
      }
    } catch {
      // Not JSON after all: the check reports it as malformed.
    }
  }
  return text;
}

/** Worth sending to the API: shaped like a compact JWS and within its size limit. */
export function looksLikeCredential(text: string): boolean {
  return text.length <= MAX_CREDENTIAL_CHARS && COMPACT_JWS.test(text);
}
