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
    exclude: ["**/node_modules/**", "**/dist/**"],
    sequence: { sequencer: SlowFirst },
    pool: "forks",
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 300_000,
    reporters: ["default"],
    projects: [
      {
        extends: true,
        test: {
          name: "stack",
          include: [
            "packages/*/src/**/*.test.ts",
            "packages/*/test/**/*.test.ts",
            "functions/src/**/*.test.ts",
            "packages/local/e2e/**/*.test.ts",
            "infra/**/*.test.ts",
          ],
          globalSetup: [fileURLToPath(new URL("./test/global-setup.ts", import.meta.url))],
          setupFiles: [fileURLToPath(new URL("./test/file-setup.ts", import.meta.url))],
        },
      },
      {
        // The web app's tests are of plain modules (web imports the server only as types:
        // packages/core/test/dependency-direction.test.ts) and use nothing file-setup makes: no
        // DynamoDB Local, no table, keys or outbox, and one module graph per worker instead of a
        // new process per file. Its 34 files took 7 CPU-s this way instead of 56 (a process, a
        // table, the AWS SDK and half of core imported per file).
        extends: true,
        test: {
          name: "web",
          include: ["web/src/**/*.test.ts"],
          isolate: false,
        },
      },
    ],
  },
});
