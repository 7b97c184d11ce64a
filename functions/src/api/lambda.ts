import { handle } from "hono/aws-lambda";
import { useIvsFromEnv } from "../streaming.js";
import { app } from "./app.js";
import { loadSecrets } from "./secrets.js";

await loadSecrets();
useIvsFromEnv();

export const handler = handle(app);
