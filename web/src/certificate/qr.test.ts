import { encode } from "uqr";
import { describe, expect, it } from "vitest";
import { qrDataUri } from "./qr";

describe("the verify QR code", () => {
  it("is an SVG data URI an <img> can show", () => {
    const uri = qrDataUri("https://zhubo.cn/verify/0123456789ABCDEFGHJKMNPQRS");
    expect(uri.startsWith("data:image/svg+xml;charset=utf-8,")).toBe(true);
    const svg = decodeURIComponent(uri.slice(uri.indexOf(",") + 1));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+">/);
    expect(svg.endsWith("</svg>")).toBe(true);
  });

  it("encodes a whole verify URL in a small symbol a phone camera reads at a glance", () => {
    const url = "https://zhubo.cn/verify/0123456789ABCDEFGHJKMNPQRS";
    expect(encode(url, { ecc: "M" }).version).toBeLessThanOrEqual(4);
  });
});
