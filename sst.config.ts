import { Aspects } from "aws-cdk-lib";
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from "aws-cdk-lib/cx-api";
import type { SSTConfig } from "sst";
import { bundleOptions } from "./functions/bundle.js";
import { assertStageAccount } from "./infra/account.js";
import { Api } from "./infra/api.js";
import { Events } from "./infra/events.js";
import { LambdaLogRetention, LOG_RETENTION } from "./infra/logs.js";
import { Ops } from "./infra/ops.js";
import { Payouts } from "./infra/payouts.js";
import { Secrets } from "./infra/secrets.js";
import { Storage } from "./infra/storage.js";
import { Streams } from "./infra/streams.js";
import { Web } from "./infra/web.js";

/**
 * The only AWS account the production stage deploys to, and one no other stage may use (each
 * stage has an account of its own: see README, Deploy to AWS). 000000000000 is no one's account:
 * until production's real id replaces it, every production deploy refuses.
 */
export const PRODUCTION_AWS_ACCOUNT = "000000000000";

export default {
  config(_input) {
    return { name: "zhubo", region: "ap-northeast-1" };
  },
  stacks(app) {
    // app.account is the account of the credentials `sst deploy|dev|remove` resolved (STS).
    assertStageAccount(app.stage, app.account, PRODUCTION_AWS_ACCOUNT);
    // S3 server access logs are admitted by the log bucket's policy, not the legacy log-delivery ACL.
    app.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    app.setDefaultFunctionProps({
      runtime: "nodejs22.x",
      architecture: "arm_64",
      memorySize: 512,
      timeout: 10,
      logRetention: LOG_RETENTION,
      // The same bundling `pnpm build:api` and `pnpm bench` measure (functions/bundle.ts).
      nodejs: {
        format: bundleOptions.format,
        minify: bundleOptions.minify,
        splitting: bundleOptions.splitting,
        // SST bundles with its own esbuild 0.18, whose plugin types differ only in fields the plugin doesn't use.
        esbuild: { plugins: bundleOptions.plugins as never, external: bundleOptions.external, legalComments: bundleOptions.legalComments },
      },
    });
    app.stack(Storage).stack(Events).stack(Streams).stack(Secrets).stack(Payouts).stack(Api).stack(Web).stack(Ops);
    // Custom-resource functions SST and CDK add take no retention prop: this gives them one too.
    Aspects.of(app).add(new LambdaLogRetention());
  },
} satisfies SSTConfig;
