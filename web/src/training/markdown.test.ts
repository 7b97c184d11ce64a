import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown, plainText } from "./markdown";

describe("lesson markdown", () => {
  it("reads headings, paragraphs with line breaks, and bullet lists", () => {
    expect(parseMarkdown("## 选品\n\n- 毛利够不够？\n- 会不会回购？\n\n第一行\n第二行")).toEqual([
      { kind: "heading", level: 1, content: [{ kind: "text", text: "选品" }] },
      {
        kind: "list",
        ordered: false,
        start: 1,
        items: [[[{ kind: "text", text: "毛利够不够？" }]], [[{ kind: "text", text: "会不会回购？" }]]],
      },
      { kind: "paragraph", lines: [[{ kind: "text", text: "第一行" }], [{ kind: "text", text: "第二行" }]] },
    ]);
  });

  it("numbers ordered lists from their first number, including Chinese enumeration", () => {
    const [list] = parseMarkdown("3. 福利预告\n4) 痛点提问\n5、产品亮相");
    expect(list).toMatchObject({ kind: "list", ordered: true, start: 3 });
    expect(list?.kind === "list" && list.items.length).toBe(2);
    expect(parseMarkdown("1、 开场")[0]).toMatchObject({ kind: "list", ordered: true, start: 1 });
  });

  it("keeps indented lines with the list item above and splits lists of different kinds", () => {
    const blocks = parseMarkdown("- 主光 45°\n  补充说明\n1. 第一步");
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatchObject({ kind: "list", items: [[[{ text: "主光 45°" }], [{ text: "补充说明" }]]] });
    expect(blocks[1]).toMatchObject({ kind: "list", ordered: true });
  });

  it("maps heading depth onto three lesson levels", () => {
    expect(parseMarkdown("# a\n### b\n###### c ##").map((b) => b.kind === "heading" && b.level)).toEqual([1, 2, 3]);
  });

  it("marks bold and code inline", () => {
    expect(parseInline("例：**现烤现发**、__整块牛肉__ 与 `720p`")).toEqual([
      { kind: "text", text: "例：" },
      { kind: "strong", text: "现烤现发" },
      { kind: "text", text: "、" },
      { kind: "strong", text: "整块牛肉" },
      { kind: "text", text: " 与 " },
      { kind: "code", text: "720p" },
    ]);
    expect(parseInline("5 ** 2 and a lone **")).toEqual([{ kind: "text", text: "5 ** 2 and a lone **" }]);
  });

  it("keeps markup-looking input as plain text", () => {
    const blocks = parseMarkdown('<script>alert(1)</script>\n<img src=x onerror="x()">');
    expect(blocks).toEqual([
      {
        kind: "paragraph",
        lines: [[{ kind: "text", text: "<script>alert(1)</script>" }], [{ kind: "text", text: '<img src=x onerror="x()">' }]],
      },
    ]);
  });

  it("handles empty and Windows line endings", () => {
    expect(parseMarkdown("")).toEqual([]);
    expect(parseMarkdown("a\r\n\r\nb")).toHaveLength(2);
  });

  it("previews a body as one short line of text", () => {
    expect(plainText("## 选品\n\n- **毛利**")).toBe("选品 毛利");
    expect(plainText("一二三四五六七八九十", 5)).toBe("一二三四…");
  });
});
