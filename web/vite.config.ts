import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import solid from "vite-plugin-solid";
import { securityHeaders } from "./security-headers.js";

const web = dirname(fileURLToPath(import.meta.url));
const repo = dirname(web);

/** Locally, video comes from the IVS stand-in's playback server (the stack says where; 8081 by default). */
const media = (process.env.ZHUBO_MEDIA_ORIGINS ?? "http://127.0.0.1:8081").split(",").filter(Boolean);

/** Dot folders Vite itself serves from (its dependency cache; pnpm's store, where dependencies really live). */
const SERVED_DOT_FOLDERS = new Set([".vite", ".pnpm"]);

/**
 * Nothing under a dot folder (.data, .keys, .git, .sst …) and no `..` is ever served, however the
 * path is spelled (%2e, %2f, backslashes), in dev and preview: 404 before Vite looks at the disk.
 * Defence in depth behind server.fs, which keeps /@fs/ to the app's sources.
 */
function refuseHiddenPaths(): Plugin {
  const refuse = (preview: boolean) => (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const raw = (req.url ?? "/").split(/[?#]/)[0] ?? "/";
    let path: string;
    try {
      path = decodeURIComponent(decodeURIComponent(raw)).replaceAll("\\", "/");
    } catch {
      path = "/..";
    }
    const hidden =
      path.split("/").some((segment) => segment === ".." || (segment.startsWith(".") && !SERVED_DOT_FOLDERS.has(segment))) ||
      // The preview server serves the build only: no /@fs/, /@id/ or other dev-server routes.
      (preview && path.startsWith("/@"));
    if (!hidden) return next();
    res.statusCode = 404;
    res.end("Not found");
  };
  return {
    name: "zhubo:refuse-hidden-paths",
    configureServer: (server) => void server.middlewares.use(refuse(false)),
    configurePreviewServer: (server) => void server.middlewares.use(refuse(true)),
  };
}

export default defineConfig({
  plugins: [refuseHiddenPaths(), solid()],
  server: {
    headers: securityHeaders({ media, dev: true }),
    fs: {
      // Only the app's own sources and its dependencies: never the repository root, where .data/ keeps
      // DynamoDB Local's files and the signing keys, nor .keys/ with a stage's private keys.
      strict: true,
      allow: [join(web, "src"), join(web, "public"), join(web, "index.html"), join(web, "node_modules"), join(repo, "node_modules", ".pnpm")],
      deny: [".env", ".env.*", "*.{crt,pem,key}", "*.jwk.json", "**/.git/**", "**/.data/**", "**/.keys/**", "**/.sst/**"],
    },
  },
  preview: { headers: securityHeaders({ media }) },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
});
