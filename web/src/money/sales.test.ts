import { describe, expect, it } from "vitest";
import { bytesToBase64, importChoice, isFileProblem, rowReason } from "./sales";

describe("reading a sales file", () => {
  it("encodes any bytes as base64 like Node does, big files included", () => {
    const text = new TextEncoder().encode("订单id,商品id,支付金额\r\n6938100000000000001,3601,128.00\r\n");
    expect(bytesToBase64(text)).toBe(Buffer.from(text).toString("base64"));
    const big = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString("base64"));
    expect(bytesToBase64(new Uint8Array())).toBe("");
  });
});

describe("what a preview lets the brand do", () => {
  const rejected = [{ row: 3, column: "付款时间", reason: "Paid outside this session (from 2 h before its start to 2 h after its end)" }];
  it("imports a clean file, and only the valid rows of one with rejected rows when asked", () => {
    expect(importChoice({ rejected: [], new: 3, changed: 0 })).toBe("import");
    expect(importChoice({ rejected, new: 2, changed: 1 })).toBe("skip");
  });

  it("has nothing to import from an unreadable file or one already imported as it is", () => {
    expect(importChoice({ rejected: [{ row: 1, column: "header", reason: "Missing column: 订单id" }], new: 0, changed: 0 })).toBe("unreadable");
    expect(importChoice({ rejected: [{ row: 1, column: "file", reason: "The file is empty" }], new: 0, changed: 0 })).toBe("unreadable");
    expect(importChoice({ rejected: [], new: 0, changed: 0 })).toBe("nothing");
    expect(importChoice({ rejected, new: 0, changed: 0 })).toBe("nothing");
    expect(isFileProblem({ row: 1, column: "订单id" })).toBe(false);
  });
});

describe("rejected rows' reasons", () => {
  it("are said in Chinese, keeping what they name", () => {
    expect(rowReason("Paid outside this session (from 2 h before its start to 2 h after its end)", "zh-CN")).toBe(
      "付款时间不在本场直播内（开播前 2 小时至下播后 2 小时）",
    );
    expect(rowReason("Missing column: 订单id, 付款时间", "zh-CN")).toBe("缺少列：订单id, 付款时间");
    expect(rowReason("Only CNY (人民币) orders: this one is USD", "zh-CN")).toBe("只支持人民币订单，这一行是 USD");
    expect(rowReason("Mixes CNY and USD", "zh-CN")).toBe("同一行混用了 CNY 和 USD");
    expect(rowReason("Order line 6938-3601 appears twice with different figures", "zh-CN")).toBe("订单行 6938-3601 出现了两次，数据不一致");
    expect(rowReason("Not a CSV file (line 3): Invalid Closing Quote", "zh-CN")).toBe("不是有效的 CSV 文件");
    expect(rowReason("The refund is larger than the amount paid", "zh-CN")).toBe("退款金额大于支付金额");
  });

  it("keep the API's words when they are new, and read the same in English", () => {
    expect(rowReason("Something nobody wrote yet", "zh-CN")).toBe("Something nobody wrote yet");
    expect(rowReason("Not a real date and time (like 2026-11-20 20:15:03)", "en")).toBe("Not a real date and time (like 2026-11-20 20:15:03)");
    expect(rowReason("Paid outside this session (from 2 h before its start to 2 h after its end)", "en")).toBe(
      "Paid outside this session (from 2 h before its start to 2 h after its end)",
    );
  });
});
