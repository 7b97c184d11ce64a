import { type HTTPHeaders, httpBatchLink, httpLink, splitLink, type TRPCLink } from "@trpc/client";
import type { IMPORT_PATHS as ServerImportPaths, MAX_BATCH_SIZE as ServerMaxBatch, UNBATCHABLE_ROUTER as ServerUnbatchable } from "@zhubo/functions/api/limits";
import type { AppRouter } from "@zhubo/functions/api/router/index";

/** The API refuses bigger batches; typed by the server's own constant, so changing one without the other fails to compile. */
export const MAX_BATCH_ITEMS: typeof ServerMaxBatch = 10;
/** The API refuses a batch mixing any of this router's mutations (credentials) with other calls. */
const UNBATCHABLE: typeof ServerUnbatchable = "auth";

/** Sales imports carry a file of up to 4 MB: the API takes that much only from a call sent alone. */
const IMPORTS: typeof ServerImportPaths = ["/trpc/sale.preview", "/trpc/sale.import"];

export function isUnbatchable(op: { type: string; path: string }): boolean {
  return (op.type === "mutation" && op.path.startsWith(`${UNBATCHABLE}.`)) || (IMPORTS as readonly string[]).includes(`/trpc/${op.path}`);
}

interface Options {
  url: string;
  headers?: () => HTTPHeaders | Promise<HTTPHeaders>;
  fetch?: typeof fetch;
}

/** Credential calls go alone (one request, one attempt), and sales imports (their size); everything else is batched up to the API's limit. */
export function apiLinks(opts: Options): TRPCLink<AppRouter> {
  return splitLink({
    condition: isUnbatchable,
    true: httpLink(opts),
    false: httpBatchLink({ ...opts, maxItems: MAX_BATCH_ITEMS }),
  });
}
