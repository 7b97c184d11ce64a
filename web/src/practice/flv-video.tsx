import { onCleanup, onMount } from "solid-js";

/**
 * Plays HTTP-FLV (the local stand-in's recordings and live channels) through Media Source
 * Extensions with mpegts.js, loaded only when someone opens one. Reports the playhead like a
 * plain <video>; `onError` hears of a stream that can't be fetched (a live channel nobody
 * pushes to answers 404).
 */
export function FlvVideo(props: { url: string; live?: boolean; onTime?: (seconds: number) => void; onError?: () => void; label?: string; testid?: string }) {
  let video: HTMLVideoElement | undefined;
  let destroy = () => {};
  let gone = false;
  onMount(async () => {
    const { default: mpegts } = await import("mpegts.js");
    if (gone || !video) return;
    if (!mpegts.getFeatureList().mseLivePlayback) return props.onError?.();
    const player = mpegts.createPlayer(
      { type: "flv", url: props.url, isLive: Boolean(props.live) },
      // Live: hand frames to the decoder as they come instead of stashing a few seconds first.
      props.live ? { enableStashBuffer: false, liveBufferLatencyChasing: true } : undefined,
    );
    player.on(mpegts.Events.ERROR, () => props.onError?.());
    player.attachMediaElement(video);
    player.load();
    destroy = () => {
      player.unload();
      player.detachMediaElement();
      player.destroy();
    };
  });
  onCleanup(() => {
    gone = true;
    destroy();
  });
  return (
    // biome-ignore lint/a11y/useMediaCaption: practice streams have no captions
    <video
      ref={video}
      class="review-video"
      onTimeUpdate={(e) => props.onTime?.(Math.floor(e.currentTarget.currentTime))}
      controls
      playsinline
      aria-label={props.label}
      autoplay={Boolean(props.live)}
      data-testid={props.testid ?? "recording-video"}
    />
  );
}
