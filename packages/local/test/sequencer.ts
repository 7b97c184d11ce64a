import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The slowest files first (their seconds in a CI run on a 2-core machine, 2026-12-01), then the
 * rest as vitest orders them. On a clean clone vitest has no durations of its own to go by and
 * starts the largest files first; a 100-second file that started last held the whole run up by
 * its length while the other workers sat idle. Starting the long ones first packs the workers.
 */
const SLOW: Record<string, number> = {
  "packages/core/src/auth/auth.int.test.ts": 120,
  "packages/local/src/dev.int.test.ts": 107,
  "packages/local/e2e/money.e2e.test.ts": 170,
  "packages/local/e2e/account.e2e.test.ts": 102,
  "packages/local/src/rtmp/practice.int.test.ts": 88,
  "packages/core/src/sale/sale.int.test.ts": 60,
  "packages/core/src/account/account.int.test.ts": 61,
  "packages/local/src/seed.int.test.ts": 70,
  "infra/stacks.test.ts": 58,
  "packages/core/src/market/market.int.test.ts": 57,
  "packages/core/src/sale/concurrency.int.test.ts": 45,
  "packages/local/e2e/review.e2e.test.ts": 47,
  "packages/core/src/enrolment/enrolment.int.test.ts": 46,
  "packages/core/src/certification/certification.int.test.ts": 43,
  "packages/core/src/event/event.int.test.ts": 41,
  "packages/local/src/seed-practice.int.test.ts": 41,
  "packages/local/src/sim/sim.int.test.ts": 40,
  "functions/src/api/router/money.int.test.ts": 39,
  "packages/local/e2e/training.e2e.test.ts": 39,
  "packages/core/src/org/org.int.test.ts": 36,
  "packages/local/src/events.int.test.ts": 36,
  "packages/local/e2e/shell.e2e.test.ts": 35,
  "packages/core/src/payout/payout.int.test.ts": 60,
  "functions/src/api/router/payout.int.test.ts": 25,
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
