import { Duration } from "aws-cdk-lib";
import { HeadersFrameOption, type HeadersReferrerPolicy, ResponseHeadersPolicy } from "aws-cdk-lib/aws-cloudfront";
import { type StackContext, StaticSite, use } from "sst/constructs";
import { contentSecurityPolicy, HSTS_MAX_AGE_SECONDS, IVS_PLAYBACK_ORIGIN, PERMISSIONS_POLICY, REFERRER_POLICY } from "../web/security-headers.js";
import { Api } from "./api.js";
import { Streams } from "./streams.js";

export function Web({ stack }: StackContext) {
  const { api } = use(Api);
  const { recordingsBaseUrl } = use(Streams);

  // The same headers the laptop's Vite servers send (web/security-headers.ts), plus HSTS, which only means something over https.
  const headers = new ResponseHeadersPolicy(stack, "web-headers", {
    comment: "zhubo web app: CSP, HSTS, nosniff, frame denial, referrer and permissions policies",
    securityHeadersBehavior: {
      contentSecurityPolicy: {
        contentSecurityPolicy: contentSecurityPolicy({ api: api.url, media: [IVS_PLAYBACK_ORIGIN, recordingsBaseUrl] }),
        override: true,
      },
      strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS), includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: REFERRER_POLICY as HeadersReferrerPolicy, override: true },
    },
    customHeadersBehavior: { customHeaders: [{ header: "Permissions-Policy", value: PERMISSIONS_POLICY, override: true }] },
  });

  const site = new StaticSite(stack, "web", {
    path: "web",
    buildCommand: "pnpm run build",
    buildOutput: "dist",
    environment: { VITE_API_URL: api.url },
    // SST writes a Vite env typing file on every synth; keep it in the ignored .sst/
    // folder instead of web/src, which the web package owns.
    vite: { types: "../.sst/web/sst-env.d.ts" },
    cdk: { distribution: { defaultBehavior: { responseHeadersPolicy: headers } } },
  });

  stack.addOutputs({ SiteUrl: site.url });

  return { site };
}
