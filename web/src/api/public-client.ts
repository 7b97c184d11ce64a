import { createTRPCClient } from "@trpc/client";
import type { AppRouter } from "@zhubo/functions/api/router/index";
import { apiLinks } from "./links";
import { trpcUrl } from "./url";

/**
 * For sign-up, sign-in and refresh: never sends a bearer token, because the API rejects a request
 * carrying an expired one before the procedure runs, and refresh happens exactly when it has expired.
 */
export const publicApi = createTRPCClient<AppRouter>({ links: [apiLinks({ url: trpcUrl() })] });
