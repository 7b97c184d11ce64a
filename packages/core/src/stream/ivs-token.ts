import { createPrivateKey, type KeyObject } from "node:crypto";

/** Playback authorisation for private IVS channels: an ES384 JWT appended to the playback URL as `?token=`. */

export interface PlaybackKey {
  /**
   * The private half of the playback key pair imported into IVS: PEM (PKCS#8 "PRIVATE KEY" or
   * SEC1 "EC PRIVATE KEY", as `openssl ecparam -genkey` writes it) or a JWK as a JSON string.
   */
  privateKey: string;
  /** The imported key pair's ARN, for operators; IVS finds the key itself, the token doesn't name it. */
  keyPairArn?: string;
}

/** IVS: with `aws:viewer-id` the expiry may be at most 10 minutes ahead, and the id at most 40 characters. */
export const VIEWER_TTL_MAX_SECONDS = 600;
const VIEWER_ID_MAX = 40;

export function loadPlaybackKey(key: PlaybackKey): KeyObject {
  const text = key.privateKey.trim();
  let k: KeyObject;
  try {
    k = text.startsWith("{") ? createPrivateKey({ key: JSON.parse(text), format: "jwk" }) : createPrivateKey(text);
  } catch {
    // Not the parser's message: JSON.parse quotes the input, which here is the private key.
    throw new Error("IVS playback key: not a PEM or JWK private key");
  }
  if (k.asymmetricKeyType !== "ec" || k.asymmetricKeyDetails?.namedCurve !== "secp384r1") {
    throw new Error("IVS playback key: must be an EC P-384 private key (ES384)");
  }
  return k;
}

export interface TokenClaims {
  channelArn: string;
  viewerID?: string;
  allowedOrigin: string;
  nowSeconds: number;
  ttlSeconds: number;
}

export async function signPlaybackToken(key: KeyObject, c: TokenClaims): Promise<string> {
  const { SignJWT } = await import("jose");
  const payload: Record<string, string> = { "aws:channel-arn": c.channelArn, "aws:access-control-allow-origin": c.allowedOrigin };
  let ttl = Math.max(1, Math.floor(c.ttlSeconds));
  if (c.viewerID) {
    if (c.viewerID.length > VIEWER_ID_MAX) throw new Error(`IVS playback token: viewer id longer than ${VIEWER_ID_MAX} characters`);
    payload["aws:viewer-id"] = c.viewerID;
    ttl = Math.min(ttl, VIEWER_TTL_MAX_SECONDS);
  }
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "ES384", typ: "JWT" })
    .setExpirationTime(c.nowSeconds + ttl)
    .sign(key);
}
