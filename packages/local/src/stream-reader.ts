import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from "@aws-sdk/client-dynamodb-streams";
import { Event } from "@zhubo/core/event";

/**
 * The laptop's stream consumer: reads DynamoDB Local's own stream of the table (DynamoDB Local
 * implements DynamoDB Streams) and relays outbox events with the same Event.relay the cloud's
 * relay Lambda runs. The position per shard is a checkpoint file written after each batch is
 * settled, so a stack stopped between a change and its delivery delivers it after a restart.
 */
export interface StreamReaderOptions {
  client: DynamoDBClient;
  endpoint: string;
  table: string;
  bus: Event.Bus;
  /** Where the position is kept between runs; without one, each start reads the stream from its oldest record. */
  checkpoint?: string;
  /** Pause between polls when there is nothing new. */
  idleMs?: number;
  /**
   * Start past everything already in the stream (where there is no checkpoint yet): for a writer
   * that made its own reactions, like the demo seed, whose events would only repeat them.
   */
  skipExisting?: boolean;
  log?: (line: string) => void;
}

export interface StreamReader {
  /** Resolves once the reader has caught up with every record written before the call and delivered what they carry. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

interface Checkpoint {
  streamArn: string;
  shards: Record<string, string>;
}

function readCheckpoint(path: string | undefined, streamArn: string): Checkpoint {
  if (path && existsSync(path)) {
    try {
      const kept = JSON.parse(readFileSync(path, "utf8")) as Checkpoint;
      if (kept.streamArn === streamArn) return kept;
    } catch {}
  }
  return { streamArn, shards: {} };
}

export async function startStreamReader(options: StreamReaderOptions): Promise<StreamReader> {
  const described = await options.client.send(new DescribeTableCommand({ TableName: options.table }));
  const streamArn = described.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${options.table} has no stream`);
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: (await options.client.config.region()) ?? "ap-northeast-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const checkpoint = readCheckpoint(options.checkpoint, streamArn);
  const save = () => {
    if (!options.checkpoint) return;
    writeFileSync(`${options.checkpoint}.tmp`, JSON.stringify(checkpoint), { mode: 0o600 });
    renameSync(`${options.checkpoint}.tmp`, options.checkpoint);
  };
  const iterators = new Map<string, string | null>();
  let stopped = false;
  let waiters: { after: number; resolve: () => void }[] = [];
  let pass = 0;

  async function iteratorFor(shardId: string): Promise<string | null> {
    if (iterators.has(shardId)) return iterators.get(shardId) ?? null;
    const after = checkpoint.shards[shardId];
    const out = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: after ? "AFTER_SEQUENCE_NUMBER" : "TRIM_HORIZON",
        ...(after ? { SequenceNumber: after } : {}),
      }),
    );
    return out.ShardIterator ?? null;
  }

  // Shards change rarely (DynamoDB rolls them over every few hours): list them every 10th pass.
  let shardIDs: string[] = [];
  const listShards = async () => {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    shardIDs = (StreamDescription?.Shards ?? []).map((s) => s.ShardId as string);
  };

  /** Moves every shard without a checkpoint to its end, reading and discarding what is there. */
  async function skipToEnd(): Promise<void> {
    await listShards();
    for (const shardId of shardIDs) {
      if (checkpoint.shards[shardId]) continue;
      let iterator = await iteratorFor(shardId);
      while (iterator) {
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        const last = out.Records?.at(-1)?.dynamodb?.SequenceNumber;
        if (last) checkpoint.shards[shardId] = last;
        iterator = out.NextShardIterator ?? null;
        iterators.set(shardId, iterator);
        if (!out.Records?.length) break;
      }
    }
    save();
  }

  /** One pass over every shard; true when it found records. */
  async function poll(): Promise<boolean> {
    if (pass % 10 === 1 || !shardIDs.length) await listShards();
    let found = false;
    for (const shardId of shardIDs) {
      // a closed shard, read to its end
      if (iterators.has(shardId) && iterators.get(shardId) === null) continue;
      let iterator = await iteratorFor(shardId);
      while (iterator && !stopped) {
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
        const records = out.Records ?? [];
        if (records.length) {
          found = true;
          const failedFrom = await Event.relay(records as Event.StreamRecord[], options.bus);
          if (failedFrom !== undefined) throw new Error(`the local bus refused events from ${failedFrom}`);
          checkpoint.shards[shardId] = records.at(-1)?.dynamodb?.SequenceNumber as string;
          save();
        }
        iterator = out.NextShardIterator ?? null;
        iterators.set(shardId, iterator);
        if (!records.length) break;
      }
    }
    return found;
  }

  if (options.skipExisting) await skipToEnd();
  const loop = (async () => {
    while (!stopped) {
      const started = ++pass;
      let found = true;
      try {
        found = await poll();
      } catch (e) {
        if (!stopped) options.log?.(`stream reader: ${(e as Error).message}`);
      }
      if (!found) {
        const ready = waiters.filter((w) => w.after < started);
        waiters = waiters.filter((w) => w.after >= started);
        for (const w of ready) w.resolve();
        await new Promise((r) => setTimeout(r, options.idleMs ?? 100));
      }
    }
  })();

  return {
    settled: () => new Promise<void>((resolve) => waiters.push({ after: pass, resolve })),
    async stop() {
      stopped = true;
      await loop;
      streams.destroy();
    },
  };
}
