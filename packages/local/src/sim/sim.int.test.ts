import { Dynamo } from "@zhubo/core/dynamo";
import { describe, expect, it } from "vitest";
import { simulate } from "./sim.js";

/** CI's bounded set of seeds (`pnpm sim --seeds N --ops M` runs more: README). */
describe("the money simulation", () => {
  for (const seed of [1, 2]) {
    it(`keeps every invariant through seed ${seed}'s 20 steps`, async () => {
      const report = await simulate(seed, 20, { client: await Dynamo.getClient() });
      expect(report.ops).toBe(20);
      expect(report.bookings).toBeGreaterThan(0);
    }, 240_000);
  }
});
