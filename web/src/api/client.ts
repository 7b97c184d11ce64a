import { createTRPCClient, retryLink } from "@trpc/client";
import type { AppRouter } from "@zhubo/functions/api/router/index";
import { accessToken, refreshSession, session } from "../session/session";
import { isTokenInvalid, toApiError } from "./errors";
import { apiLinks } from "./links";
import { trpcUrl } from "./url";

/**
 * The signed-in client. A call refused with auth.token_invalid (expired, or the signing key rotated)
 * starts one refresh and is retried once; the retry's headers wait for that refresh.
 */
export const api = createTRPCClient<AppRouter>({
  links: [
    retryLink({
      retry({ error, attempts }) {
        if (attempts > 1 || !session() || !isTokenInvalid(toApiError(error))) return false;
        void refreshSession().catch(() => {});
        return true;
      },
    }),
    apiLinks({
      url: trpcUrl(),
      async headers() {
        const token = await accessToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
    }),
  ],
});
