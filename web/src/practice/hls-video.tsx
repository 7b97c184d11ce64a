import { onCleanup, onMount } from "solid-js";
import { signedSubUrl } from "./media-url";

/**
 * Plays HLS: IVS live playback (a token on the master playlist) and recordings behind the CDN
 * (a CloudFront signed query that every sub-request must repeat). hls.js is fetched only when a
 * player opens; where Media Source Extensions are missing (older iPhones) the browser's own HLS
 * plays the URL. Reports the playhead like a plain <video>.
 */
export function HlsVideo(props: { url: string; live?: boolean; onTime?: (seconds: number) => void; onError?: () => void; label?: string; testid?: string }) {
  let video: HTMLVideoElement | undefined;
  let destroy = () => {};
  let gone = false;
  onMount(async () => {
    const { default: Hls } = await import("hls.js");
    if (gone || !video) return;
    if (!Hls.isSupported()) {
      if (video.canPlayType("application/vnd.apple.mpegurl")) video.src = props.url;
      else props.onError?.();
      return;
    }
    const master = props.url;
    const hls = new Hls({
      // Relative playlist entries resolve without the master's query; put it back before the request opens.
      xhrSetup: (xhr, url) => {
        const signed = signedSubUrl(url, master);
        if (signed !== url) xhr.open("GET", signed, true);
      },
    });
    let recovered = false;
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) return;
      // A decoder hiccup is worth one recovery; a second one, or a playlist that won't load, is the viewer's to retry.
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !recovered) {
        recovered = true;
        hls.recoverMediaError();
      } else props.onError?.();
    });
    hls.loadSource(master);
    hls.attachMedia(video);
    destroy = () => hls.destroy();
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
      preload="metadata"
      data-testid={props.testid ?? "recording-video"}
    />
  );
}
