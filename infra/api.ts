import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Api as HttpApi, Function as SstFunction, type StackContext, use } from "sst/constructs";
import { retiredCredentialJwks } from "./keys.js";
import { LOG_RETENTION } from "./logs.js";
import { messaging } from "./messaging.js";
import { Secrets } from "./secrets.js";
import { Storage } from "./storage.js";
import { Streams } from "./streams.js";

/**
 * Per-item actions only: TransactWriteItems/TransactGetItems are not IAM actions, a
 * transaction is authorised item by item through Put/Update/Delete/ConditionCheck.
 * Scan and dynamodb:* are deliberately absent.
 */
const API_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:Query",
  "dynamodb:BatchGetItem",
  "dynamodb:ConditionCheckItem",
] as const;

const JWT_AUDIENCE = "zhubo-api";

export function Api({ stack, app }: StackContext) {
  const { table } = use(Storage);
  const { jwtPrivateJwk, playbackPrivateKey, recordingsPrivateKey, credentialPrivateJwk } = use(Secrets);
  const { ivsPolicy, recordingConfigurationArn, channelPrefix, recordingsBaseUrl, recordingsKeyPairId } = use(Streams);

  const mail = messaging(stack);
  const handler = new SstFunction(stack, "apiHandler", {
    handler: "functions/src/api/lambda.handler",
    environment: {
      TABLE_NAME: table.tableName,
      // Stage-scoped so a token minted by one stage never verifies in another, even if
      // stages ever share a signing key through SST's fallback secret.
      JWT_ISSUER: `zhubo:${app.stage}`,
      JWT_AUDIENCE,
      IVS_RECORDING_CONFIGURATION_ARN: recordingConfigurationArn,
      IVS_CHANNEL_PREFIX: channelPrefix,
      IVS_STAGE: app.stage,
      IVS_RECORDINGS_BASE_URL: recordingsBaseUrl,
      RECORDINGS_KEY_PAIR_ID: recordingsKeyPairId,
      // Public halves of rotated-out credential keys (.keys/<stage>/credential-retired.jwks.json):
      // served in the JWKS and accepted for files they signed.
      CREDENTIAL_RETIRED_JWKS: JSON.stringify(retiredCredentialJwks(app.stage)),
      // Sign-up codes, password resets and notices (infra/messaging.ts).
      ...mail.environment,
    },
    // Binding the secret (not the table) adds only ssm:GetParameters on its paths.
    bind: [jwtPrivateJwk, credentialPrivateJwk, playbackPrivateKey, recordingsPrivateKey],
  });
  handler.attachPermissions([
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: [...API_TABLE_ACTIONS],
      resources: [table.tableArn, `${table.tableArn}/index/*`],
    }),
    ...mail.statements,
  ]);
  // Streams owns the IVS statements; the role points at the policy, so Streams never depends on Api.
  handler.role?.addManagedPolicy(ivsPolicy);

  const api = new HttpApi(stack, "api", {
    // The access log records source IPs and user agents: kept LOG_RETENTION_DAYS, not forever.
    accessLog: { retention: LOG_RETENTION },
    // The site's CloudFront origin cannot be named here: the site is built with this
    // API's URL, so referencing it back would be a cross-stack cycle. Auth travels in
    // the Authorization header, never cookies, so a wildcard origin without
    // credentials exposes nothing a bearer token does not already gate.
    cors: {
      allowOrigins: ["*"],
      allowCredentials: false,
      allowHeaders: ["authorization", "content-type"],
      allowMethods: ["GET", "POST", "OPTIONS"],
      maxAge: "1 day",
    },
    routes: {
      "GET /healthz": handler,
      "GET /.well-known/jwks.json": handler,
      "ANY /trpc/{proxy+}": handler,
    },
  });

  stack.addOutputs({ ApiUrl: api.url });

  return { api, handler };
}
