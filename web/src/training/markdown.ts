/**
 * A deliberately tiny Markdown subset for lesson bodies: headings, bullet and numbered lists,
 * paragraphs with line breaks, **bold** and `code`. It produces data, not HTML, so the page
 * renders every character as text and nothing an author writes can become markup.
 */
export type Inline = { kind: "text"; text: string } | { kind: "strong"; text: string } | { kind: "code"; text: string };
export type Line = Inline[];
export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; content: Line }
  | { kind: "paragraph"; lines: Line[] }
  | { kind: "list"; ordered: boolean; start: number; items: Line[][] };

/** Like CommonMark, a delimiter never touches whitespace on its inner side ("5 ** 2" stays text). */
const INLINE = /\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__|`([^`]+)`/g;

export function parseInline(text: string): Line {
  const out: Line = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    const index = m.index ?? 0;
    if (index > at) out.push({ kind: "text", text: text.slice(at, index) });
    const code = m[3];
    if (code !== undefined) out.push({ kind: "code", text: code });
    else out.push({ kind: "strong", text: m[1] ?? m[2] ?? "" });
    at = index + m[0].length;
  }
  if (at < text.length) out.push({ kind: "text", text: text.slice(at) });
  return out;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+•]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,9})[.)、]\s+(.*)$/;

/** Lesson headings sit under the page's own h1/h2, so "#" and "##" both become the top lesson level. */
const levelOf = (hashes: number): 1 | 2 | 3 => (hashes <= 2 ? 1 : hashes === 3 ? 2 : 3);

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  const close = () => {
    if (current) blocks.push(current);
    current = undefined;
  };
  const listItem = (ordered: boolean, start: number, text: string) => {
    if (current?.kind !== "list" || current.ordered !== ordered) {
      close();
      current = { kind: "list", ordered, start, items: [] };
    }
    current.items.push([parseInline(text.trim())]);
  };

  for (const raw of source.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.replace(/\s+$/, "");
    if (line.trim() === "") {
      close();
      continue;
    }
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (heading) {
      close();
      blocks.push({ kind: "heading", level: levelOf(heading[1]?.length ?? 1), content: parseInline(heading[2] ?? "") });
    } else if (bullet) {
      listItem(false, 1, bullet[1] ?? "");
    } else if (numbered) {
      listItem(true, Number(numbered[1]), numbered[2] ?? "");
    } else if (current?.kind === "list" && /^\s/.test(line)) {
      current.items[current.items.length - 1]?.push(parseInline(line.trim()));
    } else {
      if (current?.kind !== "paragraph") {
        close();
        current = { kind: "paragraph", lines: [] };
      }
      current.lines.push(parseInline(line.trim()));
    }
  }
  close();
  return blocks;
}

/** The first words of a body as plain text, for a one-line preview. */
export function plainText(source: string, max = 80): string {
  const text = parseMarkdown(source)
    .flatMap((b) => (b.kind === "heading" ? [b.content] : b.kind === "paragraph" ? b.lines : b.items.flat()))
    .map((line) => line.map((i) => i.text).join(""))
    .join(" ");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
