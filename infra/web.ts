import { type StackContext, StaticSite, use } from "sst/constructs";
import { Api } from "./api.js";

export function Web({ stack }: StackContext) {
  const { api } = use(Api);

  const site = new StaticSite(stack, "web", {
    path: "web",
    buildCommand: "pnpm run build",
    buildOutput: "dist",
    environment: { VITE_API_URL: api.url },
    // SST writes a Vite env typing file on every synth; keep it in the ignored .sst/
    // folder instead of web/src, which the web package owns.
    vite: { types: "../.sst/web/sst-env.d.ts" },
  });

  stack.addOutputs({ SiteUrl: site.url });

  return { site };
}
