import { onCleanup, onMount } from "solid-js";

/**
 * Plays an HTTP-FLV recording (the local stand-in's format) through Media Source Extensions with
 * mpegts.js, loaded only when a reviewer opens one. Reports the playhead like a plain <video>.
 */
export function FlvVideo(props: { url: string; onTime: (seconds: number) => void }) {
  let video: HTMLVideoElement | undefined;
  let destroy = () => {};
  onMount(async () => {
    const { default: mpegts } = await import("mpegts.js");
    if (!video || !mpegts.getFeatureList().mseLivePlayback) return;
    const player = mpegts.createPlayer({ type: "flv", url: props.url, isLive: false });
    player.attachMediaElement(video);
    player.load();
    destroy = () => {
      player.unload();
      player.detachMediaElement();
      player.destroy();
    };
  });
  onCleanup(() => destroy());
  return (
    // biome-ignore lint/a11y/useMediaCaption: practice recordings have no captions
    <video
      ref={video}
      class="review-video"
      onTimeUpdate={(e) => props.onTime(Math.floor(e.currentTarget.currentTime))}
      controls
      playsinline
      data-testid="recording-video"
    />
  );
}
