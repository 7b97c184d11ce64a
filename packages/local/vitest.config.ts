import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import SlowFirst from "./test/sequencer.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The one test run of the repository (`pnpm test`): unit, integration (DynamoDB Local),
 * router, infra synth and browser tests. It lives here because packages/local owns the
 * laptop stack the integration and browser tests start.
 */
export default defineConfig({
  root,
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "packages/*/test/**/*.test.ts",
      "functions/src/**/*.test.ts",
      "web/src/**/*.test.ts",
      "packages/local/e2e/**/*.test.ts",
      "infra/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**", "**/dist/**"],
    globalSetup: [fileURLToPath(new URL("./test/global-setup.ts", import.meta.url))],
    setupFiles: [fileURLToPath(new URL("./test/file-setup.ts", import.meta.url))],
    sequence: { sequencer: SlowFirst },
    pool: "forks",
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 300_000,
    reporters: ["default"],
  },
});
