import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** STYLE.md's direction, enforced: web → functions → packages/core, never back. */
const root = fileURLToPath(new URL("../../..", import.meta.url));

function files(dir: string): string[] {
  const abs = join(root, dir);
  try {
    statSync(abs);
  } catch {
    return [];
  }
  return readdirSync(abs, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|tsx|mts|mjs)$/.test(f) && !f.includes("node_modules") && !f.startsWith("dist"))
    .map((f) => join(abs, f));
}

interface Import {
  file: string;
  specifier: string;
  typeOnly: boolean;
}

const pattern = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

export function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const out: Import[] = [];
  for (const m of text.matchAll(pattern)) {
    const specifier = (m[3] ?? m[4]) as string;
    out.push({ file: relative(root, file), specifier, typeOnly: Boolean(m[2]) });
  }
  return out;
}

const all = (dir: string) => files(dir).flatMap(importsOf);
const show = (xs: Import[]) => xs.map((i) => `${i.file} → ${i.specifier}`);

describe("dependency direction", () => {
  it("finds the imports it checks", () => {
    expect(all("packages/core/src").length).toBeGreaterThan(20);
  });

  it("keeps core free of transports and UI: no hono, tRPC, aws-lambda or solid", () => {
    const banned = /^(hono|@hono\/|@trpc\/|aws-lambda|@types\/aws-lambda|solid-js|@solidjs\/|vite$|vite\/)/;
    const bad = all("packages/core/src").filter(
      (i) => banned.test(i.specifier) || /functions|web\/|packages\/local|@zhubo\/(functions|web|local)/.test(i.specifier),
    );
    expect(show(bad)).toEqual([]);
  });

  it("lets core publish events but never import a subscriber, nor register listeners on another module", () => {
    const core = all("packages/core/src");
    expect(show(core.filter((i) => /events\/|subscriber|@zhubo\/functions/.test(i.specifier) && !/\.\.\/event\/index\.js$/.test(i.specifier)))).toEqual([]);
    const listeners = files("packages/core/src").filter((f) => /\bon(Evidence|Change)\(|\bwire\(\)/.test(readFileSync(f, "utf8")));
    expect(listeners.map((f) => relative(root, f))).toEqual([]);
    // a subscriber is a thin entry: core's public faces and the Lambda wrapper, nothing else
    const subscribers = all("functions/src/events").filter((i) => !/registry|\.test\.ts$/.test(i.file));
    expect(show(subscribers.filter((i) => !/^@zhubo\/core\/[a-z]+$|^\.\.\/bus\.js$|^\.\/registry\.js$/.test(i.specifier)))).toEqual([]);
  });

  it("keeps functions from reaching into web or the laptop stack", () => {
    const bad = all("functions/src").filter((i) => /@zhubo\/(web|local)|\.\.\/.*(web|packages\/local)\//.test(i.specifier));
    expect(show(bad)).toEqual([]);
  });

  it("lets web import the server only as types, and never the laptop stack", () => {
    const web = all("web");
    expect(web.length).toBeGreaterThan(20);
    const bad = web.filter(
      (i) =>
        (/@zhubo\/(functions|core)|\/functions\/|\/packages\/core\//.test(i.specifier) && !i.typeOnly) || /@zhubo\/local|\/packages\/local\//.test(i.specifier),
    );
    expect(show(bad)).toEqual([]);
  });

  it("keeps the browser tests with the laptop stack they drive, reaching web only for its plain modules", () => {
    const e2e = all("packages/local/e2e");
    expect(e2e.some((i) => i.specifier.includes("harness"))).toBe(true);
    const bad = e2e.filter((i) => /\/web\/src\//.test(i.specifier) && !i.typeOnly && /\.tsx$|\/(pages|components)\//.test(i.specifier));
    expect(show(bad)).toEqual([]);
  });

  it("keeps everything but the laptop stack from importing it", () => {
    const outside = [...all("packages/core/src"), ...all("functions/src"), ...all("web"), ...all("infra")];
    const bad = outside.filter((i) => /@zhubo\/local|packages\/local\//.test(i.specifier));
    expect(show(bad)).toEqual([]);
  });

  it("keeps infra on paths and pure data: the table definition, bundling settings and the web app's security headers only", () => {
    const allowed = new Set([
      "../packages/core/src/dynamo/table-definition.js",
      "./functions/bundle.js",
      "../web/security-headers.js",
      "../functions/src/events/registry.js",
    ]);
    const runtime = [...all("infra"), ...importsOf(join(root, "sst.config.ts"))].filter(
      (i) => /packages\/|functions\/|web\//.test(i.specifier) && !allowed.has(i.specifier),
    );
    expect(show(runtime)).toEqual([]);
    const definition = importsOf(join(root, "packages/core/src/dynamo/table-definition.ts"));
    expect(definition).toEqual([]);
    expect(importsOf(join(root, "web/security-headers.ts"))).toEqual([]);
  });
});
