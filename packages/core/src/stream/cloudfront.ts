import { createPrivateKey, createSign, type KeyObject } from "node:crypto";

/**
 * Private recordings behind CloudFront: a signed URL with a custom policy whose resource is the
 * recording's folder (`<base>/<prefix>/*`), so the same query string authorises the HLS master,
 * its rendition playlists and every segment (the web player appends it to each request).
 * CloudFront's format: RSA-SHA1 over the policy JSON; policy and signature in CloudFront's
 * URL-safe base64 (+ → -, = → _, / → ~).
 */

export interface RecordingsSigner {
  /** The CloudFront public key's id (K…), from the key group the distribution trusts. */
  keyPairId: string;
  /** The RSA private key (PEM) matching that public key. */
  privateKey: string;
}

/** How long a reviewer's link to a recording stays valid. */
export const RECORDING_URL_SECONDS = 2 * 3600;

const urlSafe = (b64: string) => b64.replace(/\+/g, "-").replace(/=/g, "_").replace(/\//g, "~");

export function loadSigningKey(signer: RecordingsSigner): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(signer.privateKey.trim());
  } catch {
    throw new Error("CloudFront recordings key: not a PEM private key");
  }
  if (key.asymmetricKeyType !== "rsa") throw new Error("CloudFront recordings key: must be an RSA private key");
  if (!/^K[A-Z0-9]{6,}$/.test(signer.keyPairId)) throw new Error("CloudFront recordings key: the key pair id looks like K2JCJMDEHXQW5F");
  return key;
}

/** The policy CloudFront checks: this folder, until `expiresAt` (epoch seconds). */
export function policy(resource: string, expiresAt: number): string {
  return JSON.stringify({ Statement: [{ Resource: resource, Condition: { DateLessThan: { "AWS:EpochTime": expiresAt } } }] });
}

/** `url` with `Policy`, `Signature` and `Key-Pair-Id` for everything under `resource` (which may end in `*`). */
export function signUrl(url: string, resource: string, expiresAt: number, key: KeyObject, keyPairId: string): string {
  const doc = policy(resource, expiresAt);
  const signature = createSign("RSA-SHA1").update(doc).sign(key, "base64");
  const query = `Policy=${urlSafe(Buffer.from(doc).toString("base64"))}&Signature=${urlSafe(signature)}&Key-Pair-Id=${keyPairId}`;
  return `${url}${url.includes("?") ? "&" : "?"}${query}`;
}
