import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Template } from "aws-cdk-lib/assertions";
import { App, type FunctionProps, getStack, type StaticSiteProps, useFunctions, useSites } from "sst/constructs";
import { initProject, useProject } from "sst/project.js";
import { useRuntimeHandlers } from "sst/runtime/handlers.js";
import { expect } from "vitest";
import config, { PRODUCTION_AWS_ACCOUNT } from "../sst.config.js";
import { Api } from "./api.js";
import { Events } from "./events.js";
import { generateStageKeys, keysDir } from "./keys.js";
import { Ops } from "./ops.js";
import { Payouts } from "./payouts.js";
import { Secrets } from "./secrets.js";
import { isProductionStage, Storage } from "./storage.js";
import { Streams } from "./streams.js";
import { Web } from "./web.js";

export type Json = Record<string, unknown>;
export type Resource = { Type: string; Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string };

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const ACCOUNT = "123456789012";

const STACKS = { Storage, Events, Streams, Secrets, Payouts, Api, Web, Ops } as const;
export type StackName = keyof typeof STACKS;
export const STACK_NAMES = Object.keys(STACKS) as StackName[];

export interface Synthesized {
  stage: string;
  region: string;
  template(name: StackName): Template;
  /** StaticSite props as the stacks declared them, before the test redirected the build. */
  sites: { name: string; props: StaticSiteProps }[];
  /** Function props after SST merged the app defaults from sst.config.ts. */
  functions: FunctionProps[];
  /** Where SST wrote the esbuild bundles. */
  artifacts: string;
}

let scratch: string | undefined;

/** One scratch dir per test process, so bundles and generated types stay out of the repo. */
function scratchDir(): string {
  scratch ??= mkdtempSync(path.join(tmpdir(), "zhubo-infra-"));
  return scratch;
}

export function cleanupSynth(): void {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

/** A stand-in for `vite build` output, so synth never runs the web build. */
function prebuiltSite(): string {
  const dir = path.join(scratchDir(), "web-dist");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>synth</title>");
  return dir;
}

/**
 * Synthesises the whole app from sst.config.ts the way `sst deploy` does (deploy mode,
 * functions bundled by esbuild), but offline: NODE_ENV=test is SST's own switch that
 * skips the bootstrap-bucket lookup, which needs AWS credentials.
 */
/**
 * A stand-in for SST's esbuild step: writes a one-line module where the bundle would go and
 * answers the handler SST would, so templates are the same but no function is bundled. Only the
 * tests that read the bundles pay for esbuild (each synth bundles every Lambda, minified and split).
 */
const stubBuild = {
  async build(input: { out: string; props: { handler?: string } }) {
    const parsed = path.parse(input.props.handler ?? "index.handler");
    const target = path.join(input.out, parsed.dir, `${parsed.name.replace(".", "-")}.mjs`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, `export const ${parsed.ext.slice(1)} = async () => {};\n`);
    return { type: "success" as const, handler: path.posix.join(parsed.dir.split(path.sep).join("/"), `${parsed.name.replace(".", "-")}${parsed.ext}`) };
  },
};

export async function synthApp(stage: string, options: { account?: string; bundle?: boolean } = {}): Promise<Synthesized> {
  process.env.NODE_ENV = "test";
  // SST resolves handler and site paths against the working directory, and its esbuild
  // captures that directory at import time, so a later chdir cannot fix it.
  if (path.resolve(process.cwd()) !== path.resolve(ROOT)) {
    throw new Error(`run the infra tests from the repository root (${ROOT}), not ${process.cwd()}`);
  }

  // The stage's public keys, as `pnpm keys --stage <stage>` would have left them (in scratch, not .keys/).
  process.env.ZHUBO_KEYS_DIR ??= path.join(scratchDir(), "keys");
  generateStageKeys(stage);

  await initProject({ root: ROOT, stage });
  const project = useProject();
  const out = path.join(scratchDir(), ".sst");
  project.paths.out = out;
  project.paths.artifacts = path.join(out, "artifacts");

  const region = project.config.region ?? "ap-northeast-1";
  // The account `sst deploy` would resolve from the credentials: production's pinned one for production stages.
  const account = options.account ?? (isProductionStage(stage) ? PRODUCTION_AWS_ACCOUNT : ACCOUNT);
  const app = new App({ mode: "deploy", stage, name: project.config.name, region, account }, { outdir: path.join(scratchDir(), `cdk.out-${stage}`) });
  await config.stacks(app);

  const sites = useSites().all.map((site) => ({ name: site.name, props: { ...site.props } }));
  const dist = prebuiltSite();
  for (const site of useSites().all) {
    // The deferred build reads these props at finish(): skip `pnpm run build`, upload the stand-in.
    site.props.path = dist;
    site.props.buildCommand = undefined;
    site.props.buildOutput = ".";
  }

  const stacks = Object.fromEntries(Object.entries(STACKS).map(([name, fn]) => [name, getStack(fn)]));
  const handlers = useRuntimeHandlers();
  const realFor = handlers.for;
  if (options.bundle === false) handlers.for = ((runtime: string) => (runtime.startsWith("nodejs") ? stubBuild : realFor(runtime))) as typeof handlers.for;
  try {
    await app.finish();
  } finally {
    handlers.for = realFor;
  }

  const templates = new Map<StackName, Template>();
  return {
    stage,
    region,
    sites,
    functions: Object.values(useFunctions().all),
    artifacts: project.paths.artifacts,
    template(name) {
      let template = templates.get(name);
      if (!template) {
        const stack = stacks[name];
        if (!stack) throw new Error(`stack ${name} was not synthesised`);
        template = Template.fromStack(stack);
        templates.set(name, template);
      }
      return template;
    },
  };
}

/** The public key PEM the stage was synthesised with (see infra/keys.ts). */
export function stagePublicKey(stage: string, file: string): string {
  return readFileSync(path.join(keysDir(stage), file), "utf8").trim();
}

export function only(app: Synthesized, stack: StackName, type: string): [string, Resource] {
  const found = Object.entries(app.template(stack).findResources(type)) as [string, Resource][];
  expect(found, `${stack} ${type}`).toHaveLength(1);
  return found[0] as [string, Resource];
}

/** The one resource of a type whose logical id starts with the construct id, where a stack has several of that type. */
export function named(app: Synthesized, stack: StackName, type: string, constructID: string): [string, Resource] {
  const found = (Object.entries(app.template(stack).findResources(type)) as [string, Resource][]).filter(([id]) => id.startsWith(constructID));
  expect(found, `${stack} ${type} ${constructID}`).toHaveLength(1);
  return found[0] as [string, Resource];
}

/** The value a cross-stack Fn::ImportValue resolves to in the exporting stack's template. */
export function exported(app: Synthesized, stack: StackName, ref: unknown): unknown {
  const name = (ref as { "Fn::ImportValue": string })["Fn::ImportValue"];
  const outputs = Object.values(app.template(stack).toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>);
  return outputs.find((o) => o.Export?.Name === name)?.Value;
}
