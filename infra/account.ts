import { isProductionStage } from "./storage.js";

/**
 * Each stage deploys to an AWS account of its own: IVS stream-key permissions can't be narrowed
 * by tag (a channel's first key is untagged), so two stages in one account could delete each
 * other's keys. Production's account is pinned (PRODUCTION_AWS_ACCOUNT in sst.config.ts), so a
 * production deploy with another account's credentials, or another stage deployed with
 * production's, refuses before anything is synthesised.
 */
export function assertStageAccount(stage: string, account: string, productionAccount: string): void {
  if (!/^\d{12}$/.test(productionAccount)) {
    throw new Error(`PRODUCTION_AWS_ACCOUNT in sst.config.ts must be production's 12-digit AWS account id, not "${productionAccount}"`);
  }
  if (isProductionStage(stage) && account !== productionAccount) {
    throw new Error(
      `Refusing to deploy stage "${stage}" to AWS account ${account}: production is pinned to account ${productionAccount} (PRODUCTION_AWS_ACCOUNT in sst.config.ts). Use production's credentials.`,
    );
  }
  if (!isProductionStage(stage) && account === productionAccount) {
    throw new Error(
      `Refusing to deploy stage "${stage}" to production's AWS account ${account}: every stage has an AWS account of its own (README, Deploy to AWS).`,
    );
  }
}
