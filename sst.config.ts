import type { SSTConfig } from "sst";
import { Api } from "./infra/api.js";
import { Secrets } from "./infra/secrets.js";
import { Storage } from "./infra/storage.js";
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
      nodejs: { format: "esm", minify: true },
    });
    app.stack(Storage).stack(Secrets).stack(Api).stack(Web);
  },
} satisfies SSTConfig;
