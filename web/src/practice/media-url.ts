/** The path of a URL without its query or fragment, lower-cased, for telling formats apart. */
function pathOf(url: string): string {
  return url.split(/[?#]/)[0]?.toLowerCase() ?? "";
}

/** An HLS playlist (IVS live playback, or a recording behind the CDN). */
export function isHls(url: string): boolean {
  return pathOf(url).endsWith(".m3u8");
}

/**
 * The URL a player should request for `url`, a playlist or segment it found through `masterUrl`.
 * A CloudFront signed URL (Policy, Signature, Key-Pair-Id) authorises a whole prefix but only
 * when every request carries the query string, and resolving a playlist's relative entries drops
 * it: so a sub-request to the master's origin with no query of its own gets the master's query,
 * verbatim. Other origins (IVS serves renditions and segments from other hosts) and URLs that
 * already carry a query are left alone, so a signature never leaks to another host.
 */
export function signedSubUrl(url: string, masterUrl: string): string {
  const q = masterUrl.indexOf("?");
  if (q === -1) return url;
  const query = masterUrl.slice(q + 1).split("#")[0] ?? "";
  if (!query) return url;
  let sub: URL;
  let master: URL;
  try {
    sub = new URL(url);
    master = new URL(masterUrl);
  } catch {
    return url;
  }
  if (sub.origin !== master.origin || sub.search) return url;
  const hash = url.indexOf("#");
  const base = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? "" : url.slice(hash);
  return `${base.replace(/\?$/, "")}?${query}${fragment}`;
}
