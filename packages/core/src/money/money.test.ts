import { Money } from "@zhubo/core/money";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const fen = fc.integer({ min: -1e12, max: 1e12 });

describe("money in integer fen", () => {
  it("allocates parts that always sum to the amount", () => {
    fc.assert(
      fc.property(fen, fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 }), (amount, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const parts = Money.allocate(amount, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
        expect(parts.every(Number.isSafeInteger)).toBe(true);
        weights.forEach((w, i) => {
          if (w === 0) expect(parts[i]).toBe(0);
        });
      }),
    );
  });

  it("allocates by largest remainder: every part within one fen of its exact share, leftovers to the largest remainders", () => {
    fc.assert(
      fc.property(fen, fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 }), (amount, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const total = weights.reduce((a, b) => a + b, 0);
        Money.allocate(amount, weights).forEach((part, i) => {
          const exact2 = (BigInt(amount) * BigInt(weights[i] as number) * 2n) / BigInt(total);
          expect(Math.abs(part * 2 - Number(exact2))).toBeLessThanOrEqual(2);
        });
      }),
    );
    expect(Money.allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(Money.allocate(5, [3, 7])).toEqual([2, 3]);
    expect(Money.allocate(7, [10, 45, 45])).toEqual([1, 3, 3]);
    expect(Money.allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  it("applies basis points with half-even rounding and stays within one fen of the exact value", () => {
    fc.assert(
      fc.property(fen, fc.integer({ min: 0, max: 10_000 }), (amount, bp) => {
        const result = Money.applyBasisPoints(amount, bp);
        const exact = (BigInt(amount) * BigInt(bp) * 2n) / 10000n;
        expect(Math.abs(result * 2 - Number(exact))).toBeLessThanOrEqual(2);
      }),
    );
    expect(Money.applyBasisPoints(5, 5000)).toBe(2);
    expect(Money.applyBasisPoints(15, 5000)).toBe(8);
    expect(Money.applyBasisPoints(12345, 1500)).toBe(1852);
  });

  it("round-trips yuan text and fen", () => {
    fc.assert(
      fc.property(fen, (amount) => {
        expect(Money.parseYuan(Money.toDecimalString(amount))).toBe(amount);
      }),
    );
    expect(Money.parseYuan("12.3")).toBe(1230);
    expect(() => Money.parseYuan("1.234")).toThrow();
    expect(() => Money.parseYuan("abc")).toThrow();
  });

  it("formats CNY for zh-CN and en without float drift", () => {
    expect(Money.format(123456, "zh-CN")).toBe("¥1,234.56");
    expect(Money.format(10, "en")).toBe("CN¥0.10");
    expect(() => Money.assertFen(1.5)).toThrow();
  });
});
