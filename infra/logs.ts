import { CfnResource, Fn, type IAspect } from "aws-cdk-lib";
import { Function as CdkFunction } from "aws-cdk-lib/aws-lambda";
import { LogRetention, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IConstruct } from "constructs";

/**
 * How long CloudWatch keeps every log the app writes: Lambda logs and the API's access log
 * carry source IPs and user agents (personal data), so nothing is kept forever.
 */
export const LOG_RETENTION_DAYS = 30;
/** The same period as SST spells it (Function `logRetention`, Api `accessLog.retention`). */
export const LOG_RETENTION = "one_month" as const;
const RETENTION = RetentionDays.ONE_MONTH;

/**
 * CDK's log-retention provider (the singleton Lambda behind Custom::LogRetention) sets a
 * one-day retention on its own log group when it first runs; it can't be given one of its own.
 */
export const LOG_RETENTION_PROVIDER_ID = "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a";

/**
 * Gives every Lambda function that has no retention yet a Custom::LogRetention of
 * LOG_RETENTION_DAYS on `/aws/lambda/<name>`: the custom-resource handlers SST and CDK add
 * (SST's CustomResourceHandler, S3 auto-delete) take no retention prop. The app's own functions
 * get theirs from the SST defaults (sst.config.ts) and are left as they are.
 */
export class LambdaLogRetention implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || node.cfnResourceType !== "AWS::Lambda::Function") return;
    if (node.node.scopes.some((scope) => scope.node.id === LOG_RETENTION_PROVIDER_ID)) return;
    const owner = node.node.scope;
    if (!owner) return;
    const id = owner instanceof CdkFunction ? "LogRetention" : `${node.node.id}LogRetention`;
    if (owner.node.tryFindChild(id)) return;
    new LogRetention(owner, id, {
      logGroupName: Fn.join("", ["/aws/lambda/", node.ref]),
      retention: RETENTION,
      logRetentionRetryOptions: { maxRetries: 100 },
    });
  }
}
