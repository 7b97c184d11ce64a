import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentSecurityPolicy, HSTS_MAX_AGE_SECONDS, IVS_PLAYBACK_ORIGIN, PERMISSIONS_POLICY, REFERRER_POLICY } from "../web/security-headers.js";
import { cleanupSynth, exported, type Json, only, type Resource, type Synthesized, synthApp } from "./test-synth.js";

// Security headers on the web app in the cloud (issue 10 item 9): one CloudFront response-headers policy.

let app: Synthesized;
const RECORDINGS = "https://<recordings-cdn>";

beforeAll(async () => {
  app = await synthApp("dev", { bundle: false });
}, 180_000);

afterAll(() => cleanupSynth());

/** A template value as text: Fn::Join flattened, and each cross-stack import named by what it resolves to. */
function render(value: unknown, names: Map<string, string>): string {
  if (typeof value === "string") return value;
  const o = value as Json;
  if (Array.isArray((o["Fn::Join"] as unknown[] | undefined)?.[1])) {
    const [sep, parts] = o["Fn::Join"] as [string, unknown[]];
    return parts.map((p) => render(p, names)).join(sep);
  }
  const key = JSON.stringify(value);
  const name = names.get(key);
  if (!name) throw new Error(`unexpected token in the policy: ${key}`);
  return name;
}

function policy(): Json {
  const [, p] = only(app, "Web", "AWS::CloudFront::ResponseHeadersPolicy");
  return p.Properties.ResponseHeadersPolicyConfig as Json;
}

/** The imports the CSP uses, named after the exports they resolve to (the HTTP API's endpoint, the recordings CDN's domain). */
function importNames(): Map<string, string> {
  const csp = JSON.stringify((policy().SecurityHeadersConfig as Json).ContentSecurityPolicy);
  const imports = [...csp.matchAll(/\{"Fn::ImportValue":"([^"]+)"\}/g)].map((m) => m[1] as string);
  const names = new Map<string, string>();
  for (const name of imports) {
    const ref = { "Fn::ImportValue": name };
    const api = exported(app, "Api", ref);
    const streams = exported(app, "Streams", ref);
    const text = JSON.stringify(api ?? streams);
    names.set(JSON.stringify(ref), api && /ApiEndpoint/.test(text) ? "<api>" : streams && /DomainName/.test(text) ? "<recordings-cdn>" : `<unknown ${name}>`);
  }
  return names;
}

describe("the web distribution's response headers", () => {
  it("puts one response-headers policy on the web app's CloudFront distribution", () => {
    const [policyID] = only(app, "Web", "AWS::CloudFront::ResponseHeadersPolicy");
    const [, distribution] = only(app, "Web", "AWS::CloudFront::Distribution") as [string, Resource];
    const behavior = (distribution.Properties.DistributionConfig as Json).DefaultCacheBehavior as Json;
    expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: policyID });
  });

  it("sends the same Content-Security-Policy the local servers send, with the API and the recordings CDN as origins", () => {
    const csp = policy().SecurityHeadersConfig as Json;
    const text = render((csp.ContentSecurityPolicy as Json).ContentSecurityPolicy, importNames());
    expect(text).toBe(contentSecurityPolicy({ api: "<api>", media: [IVS_PLAYBACK_ORIGIN, RECORDINGS] }));
    expect((csp.ContentSecurityPolicy as Json).Override).toBe(true);
    const directives = Object.fromEntries(text.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
    expect(directives["script-src"]).toEqual(["'self'"]);
    expect(directives["style-src"]).toEqual(["'self'"]);
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(directives["connect-src"]).toEqual(["'self'", "<api>", IVS_PLAYBACK_ORIGIN, RECORDINGS]);
    expect(directives["media-src"]).toEqual(["'self'", "blob:", IVS_PLAYBACK_ORIGIN, RECORDINGS]);
    expect(directives["img-src"]).toEqual(["'self'", "data:"]);
    expect(text).not.toContain("unsafe");
    // CloudFront refuses a policy longer than 1783 characters; real origins are about 60 characters each.
    expect(text.replaceAll("<api>", "x".repeat(70)).replaceAll(RECORDINGS, "x".repeat(70)).length).toBeLessThan(1783);
  });

  it("adds HSTS (two years, subdomains), nosniff, frame denial, no referrer and the permissions policy", () => {
    const config = policy();
    const security = config.SecurityHeadersConfig as Json;
    expect(security.StrictTransportSecurity).toEqual({ AccessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS, IncludeSubdomains: true, Override: true });
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: "DENY", Override: true });
    expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: REFERRER_POLICY, Override: true });
    expect((config.CustomHeadersConfig as Json).Items).toEqual([{ Header: "Permissions-Policy", Value: PERMISSIONS_POLICY, Override: true }]);
  });
});
