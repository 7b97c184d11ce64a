/**
 * The web app's security headers, defined once: the Vite dev and preview servers send them
 * (vite.config.ts) and the cloud's CloudFront response-headers policy carries them (infra/web.ts).
 * Plain strings and no imports, so infra may read it as data.
 */

/** IVS playback (hls.js fetches the playlists; Safari plays them natively). */
export const IVS_PLAYBACK_ORIGIN = "https://*.live-video.net";

export interface Sources {
  /** The API's origin when it is not the page's own (cloud: VITE_API_URL); locally Vite proxies /trpc. */
  api?: string;
  /** Where video comes from: IVS playback and the recordings CDN; locally the IVS stand-in's playback server. */
  media: string[];
  /** Vite's dev server: HMR over a websocket, and CSS injected as <style> elements (so 'unsafe-inline' for styles there only). */
  dev?: boolean;
}

/**
 * No inline scripts anywhere (index.html loads one module; Vite's build inlines nothing). Styles are
 * 'self' only in a build: Solid's style={{…}} sets properties through the CSSOM, which CSP allows.
 * blob: for media and workers: hls.js and mpegts.js feed <video> through Media Source blob URLs and
 * run their demuxers in blob workers. data: images are the certificate QR codes and the select arrow.
 */
export function contentSecurityPolicy({ api, media, dev }: Sources): string {
  const directives: [string, string[]][] = [
    ["default-src", ["'self'"]],
    ["script-src", ["'self'"]],
    ["style-src", dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ["img-src", ["'self'", "data:"]],
    ["font-src", ["'self'"]],
    ["connect-src", ["'self'", ...(api ? [api] : []), ...media, ...(dev ? ["ws://127.0.0.1:*", "ws://localhost:*"] : [])]],
    ["media-src", ["'self'", "blob:", ...media]],
    ["worker-src", ["'self'", "blob:"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["form-action", ["'self'"]],
    ["frame-ancestors", ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(" ")}`).join("; ");
}

/** Nothing in the app uses camera, microphone, location or payment (learners stream from OBS or ffmpeg). */
export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()";
/** Nothing needs a referrer; it would leak verification codes and signed query strings to other origins. */
export const REFERRER_POLICY = "no-referrer";
/** Two years. Cloud only: over the laptop's plain http the browser ignores it. */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;

/** The headers every page and asset carries (HSTS is added by CloudFront in the cloud). */
export function securityHeaders(sources: Sources): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(sources),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": REFERRER_POLICY,
    "Permissions-Policy": PERMISSIONS_POLICY,
  };
}
