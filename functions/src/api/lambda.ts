import { handle } from "hono/aws-lambda";
import { app } from "./app.js";
import { loadSecrets } from "./secrets.js";

await loadSecrets();

export const handler = handle(app);
