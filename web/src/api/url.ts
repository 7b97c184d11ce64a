/** Same-origin /trpc locally (Vite proxies it); in the cloud the API origin is injected as VITE_API_URL. */
export function trpcUrl(origin: string | undefined = import.meta.env.VITE_API_URL): string {
  const base = origin?.trim().replace(/\/+$/, "") ?? "";
  return `${base}/trpc`;
}
