import { Stream } from "@zhubo/core/stream";
import { createIvsProvider } from "@zhubo/core/stream/ivs";

/** Secrets the API binds for streaming (SST Config.Secret, see infra/secrets.ts): loaded before useIvsFromEnv. */
export const STREAMING_SECRETS = ["IVS_PLAYBACK_PRIVATE_KEY", "RECORDINGS_PRIVATE_KEY"] as const;

/**
 * Chooses the streaming provider for a Lambda from its environment (set by infra/streams.ts and
 * infra/api.ts): AWS IVS in the cloud. The laptop stack configures the local stand-in itself.
 * Without the playback key, channels' live playback can't be authorised; without the recordings
 * key, recording URLs are unsigned (and the distribution infra creates refuses them).
 */
export function useIvsFromEnv(env: NodeJS.ProcessEnv = process.env): void {
  const prefix = env.IVS_CHANNEL_PREFIX;
  if (!prefix) return;
  const recordingsKey = env.RECORDINGS_PRIVATE_KEY;
  Stream.use(
    createIvsProvider({
      namePrefix: prefix,
      stage: env.IVS_STAGE,
      channelType: (env.IVS_CHANNEL_TYPE as "STANDARD" | "BASIC" | undefined) ?? "STANDARD",
      latencyMode: (env.IVS_LATENCY_MODE as "LOW" | "NORMAL" | undefined) ?? "LOW",
      recordingConfigurationArn: env.IVS_RECORDING_CONFIGURATION_ARN,
      recordingsBaseUrl: env.IVS_RECORDINGS_BASE_URL,
      recordingsSigner: recordingsKey && env.RECORDINGS_KEY_PAIR_ID ? { keyPairId: env.RECORDINGS_KEY_PAIR_ID, privateKey: recordingsKey } : undefined,
      playbackKey: env.IVS_PLAYBACK_PRIVATE_KEY ? { privateKey: env.IVS_PLAYBACK_PRIVATE_KEY } : undefined,
    }),
  );
}
