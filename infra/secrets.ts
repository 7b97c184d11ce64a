import { Config, type StackContext } from "sst/constructs";

/**
 * Values live in SSM, set per stage with `sst secrets set NAME '<value>'` (see `pnpm keys`);
 * they never enter the CloudFormation template.
 */
export function Secrets({ stack }: StackContext) {
  const jwtPrivateJwk = new Config.Secret(stack, "JWT_PRIVATE_JWK");
  // The private halves of the stage's streaming keys (`pnpm keys --stage <stage>` makes them).
  const playbackPrivateKey = new Config.Secret(stack, "IVS_PLAYBACK_PRIVATE_KEY");
  const recordingsPrivateKey = new Config.Secret(stack, "RECORDINGS_PRIVATE_KEY");
  // Signs Open Badges credentials (RS256).
  const credentialPrivateJwk = new Config.Secret(stack, "CREDENTIAL_PRIVATE_JWK");
  // The stage's Alipay app for payouts: its app id, its private key (RSA2) and Alipay's public key.
  const alipayAppID = new Config.Secret(stack, "ALIPAY_APP_ID");
  const alipayAppPrivateKey = new Config.Secret(stack, "ALIPAY_APP_PRIVATE_KEY");
  const alipayPublicKey = new Config.Secret(stack, "ALIPAY_PUBLIC_KEY");
  return { jwtPrivateJwk, playbackPrivateKey, recordingsPrivateKey, credentialPrivateJwk, alipayAppID, alipayAppPrivateKey, alipayPublicKey };
}
