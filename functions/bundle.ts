import { readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BuildOptions, build, type Plugin } from "esbuild";

/**
 * zod bundles every message locale behind one namespace import; the API only speaks English
 * to clients (the web app translates by code), so the other ~40 locales are dropped (~250 KiB).
 */
export const englishOnlyZod: Plugin = {
  name: "zod-english-only",
  setup(b) {
    b.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: "zod-locales", namespace: "zod-locales" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-locales" }, () => ({ contents: "export {};", loader: "js" }));
  },
};

/**
 * How every Lambda is bundled, here and by SST on deploy (sst.config.ts): ESM, minified, node22,
 * split so the lazily imported AWS SDK and ElectroDB are separate chunks that a request which
 * never reads the table never parses.
 */
export const bundleOptions = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  minify: true,
  splitting: true,
  // Prefer the ESM builds (AWS SDK v3 ships both): they tree-shake and import lazily without CJS interop.
  mainFields: ["module", "main"],
  legalComments: "none",
  // The Lambda runtime ships SSM in AWS SDK v3; it is only loaded when a secret must be fetched.
  external: ["@aws-sdk/client-ssm"],
  outExtension: { ".js": ".mjs" },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  plugins: [englishOnlyZod],
} satisfies BuildOptions;

const here = dirname(fileURLToPath(import.meta.url));

export interface Bundle {
  entry: string;
  /** All files of the bundle, and the entry file alone (what every cold start parses). */
  bytes: number;
  entryBytes: number;
}

export async function buildLambda(entry: string, outdir: string): Promise<Bundle> {
  rmSync(outdir, { recursive: true, force: true });
  await build({ ...bundleOptions, entryPoints: [entry], outdir });
  const files = readdirSync(outdir).map((f) => join(outdir, f));
  const name = `${entry.split(/[\\/]/).pop()?.replace(/\.ts$/, "")}.mjs`;
  return { entry: join(outdir, name), bytes: files.reduce((n, f) => n + statSync(f).size, 0), entryBytes: statSync(join(outdir, name)).size };
}

export function buildApi(outdir = join(here, "dist/api")): Promise<Bundle> {
  return buildLambda(join(here, "src/api/lambda.ts"), outdir);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const api = await buildApi();
  console.log(`API Lambda bundle: ${api.entry} — ${(api.bytes / 1024).toFixed(0)} KiB in all, ${(api.entryBytes / 1024).toFixed(0)} KiB loaded at start`);
}
