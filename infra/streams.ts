import { ArnFormat, Duration, RemovalPolicy, type Stack } from "aws-cdk-lib";
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  KeyGroup,
  PriceClass,
  PublicKey,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { Rule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { Effect, ManagedPolicy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { CfnPlaybackKeyPair, CfnRecordingConfiguration } from "aws-cdk-lib/aws-ivs";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Cron, Function as SstFunction, type StackContext, use } from "sst/constructs";
import { streamingPublicKeys } from "./keys.js";
import { isProductionStage, Storage } from "./storage.js";

/** The tag packages/core/src/stream/ivs.ts puts on every channel it creates: what IAM scopes by. */
export const APP_TAG = { key: "app", value: "zhubo" } as const;
/** Channels and keys also carry `stage=<stage>`: one stage's roles can't touch another stage's channels. */
export const STAGE_TAG_KEY = "stage";

export const IVS_DETAIL_TYPES = ["IVS Stream State Change", "IVS Recording State Change"] as const;

export const RECORDING_EXPIRY_DAYS = 180;
/** Who fetched which recording (CloudFront) and what touched the bucket (S3), kept this long. */
export const ACCESS_LOG_EXPIRY_DAYS = 90;
export const ACCESS_LOG_PREFIXES = { recordingsBucket: "s3/recordings/", recordingsCdn: "cloudfront/recordings/" } as const;

/**
 * Reserved concurrency: a burst of public API traffic can't take the capacity the IVS events
 * function and the expiry job need (a reservation is also their cap). Account-wide these
 * reservations leave the default regional pool (1,000) far above Lambda's minimum of 100 unreserved.
 * The expiry job runs one at a time: a slow run is never overlapped by the next.
 */
export const EVENTS_RESERVED_CONCURRENCY = 10;
export const EXPIRY_RESERVED_CONCURRENCY = 1;

/**
 * Practice.record reads and writes one session item (GetItem, PutItem); UpdateItem and Query
 * cover the ledger's reconciliation, and credited practice updates the enrolment with its
 * enrolment.evidence_changed outbox item in one transaction (certificates and re-listing follow
 * from that event, in their own subscribers). Scan and dynamodb:* are deliberately absent.
 */
export const EVENTS_TABLE_ACTIONS = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"] as const;
/** The expiry job closes sessions too (the same writes); it scans nothing: it reads due leases by index. */
export const EXPIRY_TABLE_ACTIONS = EVENTS_TABLE_ACTIONS;

/**
 * What the API's IVS adapter calls, by how IAM can scope it. IVS ARNs carry generated ids, not
 * the `${prefix}-${pool}-${index}` names, so "our" channels are the ones tagged app=zhubo.
 */
export const IVS_ACTIONS = {
  /** No ARN in the request: only `*` (narrowed to this region). */
  list: ["ivs:ListChannels"],
  /** `*`, but only when the request tags the new channel app=zhubo (aws:RequestTag). */
  create: ["ivs:CreateChannel"],
  /** The tags CreateChannel and CreateStreamKey pass are authorised as ivs:TagResource on the new resource. */
  tagOnCreate: ["ivs:TagResource"],
  /** On channel/*, only channels tagged app=zhubo (aws:ResourceTag). */
  channel: ["ivs:GetChannel", "ivs:DeleteChannel", "ivs:StopStream", "ivs:GetStreamSession", "ivs:ListStreamKeys", "ivs:CreateStreamKey"],
  /**
   * On stream-key/*. The channel half of CreateStreamKey and ListStreamKeys is tag-scoped above;
   * the adapter tags the keys it creates (app, stage), but CreateChannel's first key is untagged
   * and must be deleted before a lease's key can exist (one key per channel), so DeleteStreamKey,
   * which names only the key, is the one action left without a tag condition.
   */
  streamKey: ["ivs:CreateStreamKey", "ivs:ListStreamKeys", "ivs:DeleteStreamKey", "ivs:DeleteChannel"],
} as const;

function ivsArn(stack: Stack, resource: "channel" | "stream-key"): string {
  return stack.formatArn({ service: "ivs", resource, resourceName: "*", arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
}

function ivsStatements(stack: Stack, stage: string): PolicyStatement[] {
  const inRegion = { "aws:RequestedRegion": stack.region };
  const requestTags = { [`aws:RequestTag/${APP_TAG.key}`]: APP_TAG.value, [`aws:RequestTag/${STAGE_TAG_KEY}`]: stage };
  return [
    new PolicyStatement({
      sid: "IvsListChannels",
      effect: Effect.ALLOW,
      actions: [...IVS_ACTIONS.list],
      resources: ["*"],
      conditions: { StringEquals: inRegion },
    }),
    new PolicyStatement({
      sid: "IvsCreateTaggedChannels",
      effect: Effect.ALLOW,
      actions: [...IVS_ACTIONS.create],
      resources: ["*"],
      conditions: { StringEquals: { ...inRegion, ...requestTags } },
    }),
    new PolicyStatement({
      sid: "IvsTagNewChannelsAndKeys",
      effect: Effect.ALLOW,
      actions: [...IVS_ACTIONS.tagOnCreate],
      resources: [ivsArn(stack, "channel"), ivsArn(stack, "stream-key")],
      conditions: {
        StringEquals: requestTags,
        // Only the tags the adapter sets (app, pool, stage): no other tag can be written.
        "ForAllValues:StringEquals": { "aws:TagKeys": [APP_TAG.key, "pool", STAGE_TAG_KEY] },
      },
    }),
    new PolicyStatement({
      sid: "IvsManageOwnChannels",
      effect: Effect.ALLOW,
      actions: [...IVS_ACTIONS.channel],
      resources: [ivsArn(stack, "channel")],
      conditions: { StringEquals: { [`aws:ResourceTag/${APP_TAG.key}`]: APP_TAG.value, [`aws:ResourceTag/${STAGE_TAG_KEY}`]: stage } },
    }),
    new PolicyStatement({ sid: "IvsStreamKeys", effect: Effect.ALLOW, actions: [...IVS_ACTIONS.streamKey], resources: [ivsArn(stack, "stream-key")] }),
  ];
}

export function Streams({ stack, app }: StackContext) {
  const { table } = use(Storage);
  const production = isProductionStage(app.stage);

  // CloudFront's standard logs are delivered with an ACL grant to its log-delivery account, so this
  // bucket keeps ACLs enabled (the bucket owner still owns every object); S3 server access logs
  // arrive through the bucket policy CDK writes for logging.s3.amazonaws.com.
  const accessLogs = new Bucket(stack, "accessLogs", {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [
      { id: "expire-access-logs", enabled: true, expiration: Duration.days(ACCESS_LOG_EXPIRY_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ],
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    autoDeleteObjects: !production,
  });

  // IVS writes through its service-linked role (AWSServiceRoleForIVSRecordToS3): no bucket
  // policy grant is needed, and IVS supports SSE-S3, not SSE-KMS, on the destination.
  const recordings = new Bucket(stack, "recordings", {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: ACCESS_LOG_PREFIXES.recordingsBucket,
    lifecycleRules: [
      { id: "expire-recordings", enabled: true, expiration: Duration.days(RECORDING_EXPIRY_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ],
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    autoDeleteObjects: !production,
  });

  const recordingConfiguration = new CfnRecordingConfiguration(stack, "recordingConfiguration", {
    name: `zhubo-${app.stage}`,
    destinationConfiguration: { s3: { bucketName: recordings.bucketName } },
    // A learner's dropped connection that resumes within a minute stays one recording.
    recordingReconnectWindowSeconds: 60,
    thumbnailConfiguration: { recordingMode: "DISABLED" },
    tags: [{ key: APP_TAG.key, value: APP_TAG.value }],
  });

  // Reviewers watch recordings through CloudFront, never S3 directly: the bucket admits only this
  // distribution (origin access control), and the distribution serves only URLs signed with the
  // stage's recordings key (the API signs one folder per recording, for two hours).
  const keys = streamingPublicKeys(app.stage);
  const recordingsPublicKey = new PublicKey(stack, "recordingsPublicKey", {
    encodedKey: keys.recordings,
    comment: `zhubo ${app.stage}: signs practice recording URLs`,
  });
  const recordingsCdn = new Distribution(stack, "recordingsCdn", {
    comment: `zhubo ${app.stage} practice recordings (signed URLs only)`,
    defaultBehavior: {
      origin: S3BucketOrigin.withOriginAccessControl(recordings),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      // The web app's player fetches playlists and segments from its own origin: CORS, no credentials.
      responseHeadersPolicy: ResponseHeadersPolicy.CORS_ALLOW_ALL_ORIGINS_WITH_PREFLIGHT,
      trustedKeyGroups: [new KeyGroup(stack, "recordingsKeyGroup", { items: [recordingsPublicKey] })],
    },
    httpVersion: HttpVersion.HTTP2_AND_3,
    // Includes the Asian edges nearest to Jiangsu (Hong Kong, Japan, Korea, Singapore).
    priceClass: PriceClass.PRICE_CLASS_200,
    enableLogging: true,
    logBucket: accessLogs,
    logFilePrefix: ACCESS_LOG_PREFIXES.recordingsCdn,
    logIncludesCookies: false,
  });

  // Private channels: live playback needs an ES384 token signed with the private half (a secret).
  const playbackKeyPair = new CfnPlaybackKeyPair(stack, "playbackKeyPair", {
    name: `zhubo-${app.stage}`,
    publicKeyMaterial: keys.playback,
    tags: [{ key: APP_TAG.key, value: APP_TAG.value }],
  });

  // One queue for both failure paths: EventBridge could not invoke the function, or the
  // function failed every async attempt. IVS events carry no stream keys.
  const deadLetters = new Queue(stack, "ivsEventsDeadLetters", {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });

  const eventsHandler = new SstFunction(stack, "ivsEvents", {
    handler: "functions/src/events/ivs.handler",
    environment: { TABLE_NAME: table.tableName },
    retryAttempts: 2,
    maxEventAge: Duration.hours(6),
    onFailure: new SqsDestination(deadLetters),
    reservedConcurrentExecutions: EVENTS_RESERVED_CONCURRENCY,
  });
  eventsHandler.attachPermissions([
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: [...EVENTS_TABLE_ACTIONS],
      resources: [table.tableArn, `${table.tableArn}/index/*`],
    }),
  ]);

  const rule = new Rule(stack, "ivsEventsRule", {
    description: "Amazon IVS stream and recording state changes into the practice-session ledger",
    eventPattern: { source: ["aws.ivs"], detailType: [...IVS_DETAIL_TYPES] },
    targets: [new LambdaFunction(eventsHandler, { retryAttempts: 8, maxEventAge: Duration.hours(24), deadLetterQueue: deadLetters })],
  });

  // Attached to the API function's role by infra/api.ts (role -> policy keeps the stacks acyclic).
  const ivsPolicy = new ManagedPolicy(stack, "ivsChannelsPolicy", {
    description: `zhubo ${app.stage}: the API's IVS channel management, scoped to channels tagged ${APP_TAG.key}=${APP_TAG.value}`,
    statements: ivsStatements(stack, app.stage),
  });

  // A run EventBridge could not start, or that failed: the failure record (with the error) lands here.
  const expiryDeadLetters = new Queue(stack, "practiceExpiryDeadLetters", {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });

  // Every 5 minutes: end due practice leases (stop the stream, retire the key) and close lost sessions.
  // A failed run isn't retried by Lambda: the next run, five minutes on, does the same work.
  const expiry = new Cron(stack, "practiceExpiry", {
    schedule: "rate(5 minutes)",
    job: {
      cdk: { target: { retryAttempts: 3, maxEventAge: Duration.minutes(5), deadLetterQueue: expiryDeadLetters } },
      function: {
        handler: "functions/src/jobs/expire.handler",
        reservedConcurrentExecutions: EXPIRY_RESERVED_CONCURRENCY,
        retryAttempts: 0,
        onFailure: new SqsDestination(expiryDeadLetters),
        environment: {
          TABLE_NAME: table.tableName,
          IVS_CHANNEL_PREFIX: `zhubo-${app.stage}`,
          IVS_STAGE: app.stage,
          IVS_RECORDING_CONFIGURATION_ARN: recordingConfiguration.attrArn,
        },
      },
    },
  });
  expiry.jobFunction.attachPermissions([
    new PolicyStatement({ effect: Effect.ALLOW, actions: [...EXPIRY_TABLE_ACTIONS], resources: [table.tableArn, `${table.tableArn}/index/*`] }),
  ]);
  expiry.jobFunction.role?.addManagedPolicy(ivsPolicy);

  stack.addOutputs({
    RecordingConfigurationArn: recordingConfiguration.attrArn,
    RecordingsBucket: recordings.bucketName,
    RecordingsUrl: `https://${recordingsCdn.distributionDomainName}`,
    PlaybackKeyPairArn: playbackKeyPair.attrArn,
    IvsEventsDeadLetterQueue: deadLetters.queueUrl,
    PracticeExpiryDeadLetterQueue: expiryDeadLetters.queueUrl,
    AccessLogsBucket: accessLogs.bucketName,
  });

  return {
    recordings,
    recordingConfiguration,
    recordingConfigurationArn: recordingConfiguration.attrArn,
    channelPrefix: `zhubo-${app.stage}`,
    recordingsCdn,
    recordingsBaseUrl: `https://${recordingsCdn.distributionDomainName}`,
    recordingsKeyPairId: recordingsPublicKey.publicKeyId,
    playbackKeyPair,
    ivsPolicy,
    eventsHandler,
    rule,
    expiry,
    deadLetters,
    expiryDeadLetters,
    accessLogs,
  };
}
