import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The slowest files first (their seconds in a CI run on a 2-core machine, 2026-12-01), then the
 * rest as vitest orders them. On a clean clone vitest has no durations of its own to go by and
 * starts the largest files first; a 100-second file that started last held the whole run up by
 * its length while the other workers sat idle. Starting the long ones first packs the workers.
 */
const SLOW: Record<string, number> = {
  "packages/local/e2e/money.e2e.test.ts": 162,
  "packages/core/src/payout/payout.int.test.ts": 157,
  "packages/local/src/seed-practice.int.test.ts": 140,
  "packages/local/src/dev.int.test.ts": 133,
  "infra/stacks.test.ts": 89,
  "packages/local/src/seed.int.test.ts": 87,
  "packages/local/src/sim/sim.int.test.ts": 85,
  "packages/local/src/rtmp/practice.int.test.ts": 78,
  "packages/core/src/account/account.int.test.ts": 65,
  "packages/core/src/ledger/ledger.int.test.ts": 54,
  "packages/local/e2e/review.e2e.test.ts": 52,
  "packages/local/e2e/account.e2e.test.ts": 49,
  "packages/local/e2e/certification.e2e.test.ts": 48,
  "packages/core/src/enrolment/enrolment.int.test.ts": 47,
  "packages/local/e2e/training.e2e.test.ts": 39,
  "packages/local/e2e/shell.e2e.test.ts": 38,
  "packages/local/e2e/certification-admin.e2e.test.ts": 33,
  "packages/local/e2e/market.e2e.test.ts": 33,
  "packages/local/e2e/practice.e2e.test.ts": 31,
  "packages/local/src/web-server.int.test.ts": 29,
  "packages/core/src/event/event.int.test.ts": 28,
  "functions/src/api/router/router.int.test.ts": 27,
  "packages/core/src/sale/concurrency.int.test.ts": 26,
  "packages/core/src/auth/auth.int.test.ts": 25,
  "functions/src/api/router/account.int.test.ts": 25,
  "functions/src/api/router/market.int.test.ts": 24,
};

const weight = (spec: TestSpecification) => {
  const path = spec.moduleId.replace(/\\/g, "/");
  const key = Object.keys(SLOW).find((k) => path.endsWith(k));
  return key ? (SLOW[key] as number) : 0;
};

export default class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const rank = new Map(ordered.map((f, i) => [f, i]));
    return [...ordered].sort((a, b) => weight(b) - weight(a) || (rank.get(a) as number) - (rank.get(b) as number));
  }
}
