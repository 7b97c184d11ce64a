// Runs a TypeScript entry of this package (`node bin/run.mjs src/dev.ts`). tsx's API is used
// instead of `node --import tsx`, whose preflight exits on SIGTERM before our shutdown runs.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

register();
const [entry, ...rest] = process.argv.slice(2);
if (!entry) throw new Error("usage: node bin/run.mjs <entry.ts> [args]");
process.argv = [process.argv[0], resolve(entry), ...rest];
await import(pathToFileURL(resolve(entry)).href);
