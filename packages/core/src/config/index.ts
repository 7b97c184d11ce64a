export * as Config from "./index.js";

/**
 * Everything read from the environment, in one place. Locally the values come from
 * packages/local; in AWS from the Lambda environment set by infra/.
 */
function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === "" ? undefined : value;
}

export function tableName(): string {
  return env("TABLE_NAME") ?? "zhubo-local";
}

/** Set only locally (DynamoDB Local); in AWS the SDK finds the service itself. */
export function dynamoEndpoint(): string | undefined {
  return env("DYNAMO_ENDPOINT");
}

export function region(): string {
  return env("AWS_REGION") ?? "us-east-1";
}

export const jwt = {
  issuer: () => env("JWT_ISSUER") ?? "zhubo",
  audience: () => env("JWT_AUDIENCE") ?? "zhubo-api",
  /** The ES256 private key as a JWK (JSON). */
  privateJwk: () => env("JWT_PRIVATE_JWK"),
};

/** The platform key that signs Open Badges credentials: an RSA private key as a JWK (JSON), RS256. */
export const credential = {
  privateJwk: () => env("CREDENTIAL_PRIVATE_JWK"),
  /** Public halves of keys retired by a rotation, a JWKS (JSON): files they signed still verify. */
  retiredJwks: () => env("CREDENTIAL_RETIRED_JWKS"),
};

/** scrypt cost; OWASP's minimum is N=2^17, r=8, p=1. Never configurable below that. */
export const scrypt = { N: 2 ** 17, r: 8, p: 1 } as const;
