import type { SSTConfig } from "sst";
import { bundleOptions } from "./functions/bundle.js";
import { Api } from "./infra/api.js";
import { Secrets } from "./infra/secrets.js";
import { Storage } from "./infra/storage.js";
import { Streams } from "./infra/streams.js";
import { Web } from "./infra/web.js";

export default {
  config(_input) {
    return { name: "zhubo", region: "ap-northeast-1" };
  },
  stacks(app) {
    app.setDefaultFunctionProps({
      runtime: "nodejs22.x",
      architecture: "arm_64",
      memorySize: 512,
      timeout: 10,
      // The same bundling `pnpm build:api` and `pnpm bench` measure (functions/bundle.ts).
      nodejs: {
        format: bundleOptions.format,
        minify: bundleOptions.minify,
        splitting: bundleOptions.splitting,
        // SST bundles with its own esbuild 0.18, whose plugin types differ only in fields the plugin doesn't use.
        esbuild: { plugins: bundleOptions.plugins as never, external: bundleOptions.external, legalComments: bundleOptions.legalComments },
      },
    });
    app.stack(Storage).stack(Streams).stack(Secrets).stack(Api).stack(Web);
  },
} satisfies SSTConfig;
