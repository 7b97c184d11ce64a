import { Stream } from "@zhubo/core/stream";
import { createIvsProvider } from "@zhubo/core/stream/ivs";

/**
 * Chooses the streaming provider for a Lambda from its environment (set by infra/streams.ts):
 * AWS IVS in the cloud. The laptop stack configures the local stand-in itself.
 */
export function useIvsFromEnv(env: NodeJS.ProcessEnv = process.env): void {
  const prefix = env.IVS_CHANNEL_PREFIX;
  if (!prefix) return;
  Stream.use(
    createIvsProvider({
      namePrefix: prefix,
      channelType: (env.IVS_CHANNEL_TYPE as "STANDARD" | "BASIC" | undefined) ?? "STANDARD",
      latencyMode: (env.IVS_LATENCY_MODE as "LOW" | "NORMAL" | undefined) ?? "LOW",
      recordingConfigurationArn: env.IVS_RECORDING_CONFIGURATION_ARN,
      recordingsBaseUrl: env.IVS_RECORDINGS_BASE_URL,
      playbackKey: env.IVS_PLAYBACK_PRIVATE_KEY ? { privateKey: env.IVS_PLAYBACK_PRIVATE_KEY } : undefined,
    }),
  );
}
