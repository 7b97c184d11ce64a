import { handle } from "hono/aws-lambda";
import { useMessagingFromEnv } from "../messaging.js";
import { STREAMING_SECRETS, useIvsFromEnv } from "../streaming.js";
import { app } from "./app.js";
import { loadSecrets } from "./secrets.js";

// Streaming secrets only where infra bound them (SST sets a placeholder in the env for each).
await loadSecrets(["JWT_PRIVATE_JWK", "CREDENTIAL_PRIVATE_JWK", ...STREAMING_SECRETS.filter((name) => name in process.env)]);
useIvsFromEnv();
useMessagingFromEnv();

export const handler = handle(app);
