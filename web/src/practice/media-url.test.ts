import { describe, expect, it } from "vitest";
import { isHls, signedSubUrl } from "./media-url";

const query = "Policy=eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiaHR0cHM6Ly9kMTIzLmNsb3VkZnJvbnQubmV0L3AvKiJ9XX0_&Signature=abc~def-ghi_&Key-Pair-Id=K2JCJMDEHXQW5F";
const master = `https://d123.cloudfront.net/recordings/ch/st-1/media/hls/master.m3u8?${query}`;

describe("HLS urls", () => {
  it("recognises a playlist by its path, whatever its query", () => {
    expect(isHls(master)).toBe(true);
    expect(isHls("https://x.live-video.net/api/video/v1/a.M3U8?token=eyJ")).toBe(true);
    expect(isHls("http://127.0.0.1:8081/live/ch.flv")).toBe(false);
    expect(isHls("https://x/video.mp4?m3u8")).toBe(false);
    expect(isHls("https://x/a.m3u8#t=3")).toBe(true);
  });
});

describe("signed sub-requests", () => {
  it("gives a rendition playlist and its segments the master's query, verbatim", () => {
    expect(signedSubUrl("https://d123.cloudfront.net/recordings/ch/st-1/media/hls/720p30/playlist.m3u8", master)).toBe(
      `https://d123.cloudfront.net/recordings/ch/st-1/media/hls/720p30/playlist.m3u8?${query}`,
    );
    expect(signedSubUrl("https://d123.cloudfront.net/recordings/ch/st-1/media/hls/720p30/3.ts", master)).toBe(
      `https://d123.cloudfront.net/recordings/ch/st-1/media/hls/720p30/3.ts?${query}`,
    );
  });

  it("leaves the master itself and any URL with a query of its own as they are", () => {
    expect(signedSubUrl(master, master)).toBe(master);
    expect(signedSubUrl("https://d123.cloudfront.net/p/720p30/3.ts?v=2", master)).toBe("https://d123.cloudfront.net/p/720p30/3.ts?v=2");
  });

  it("never sends the signature to another host, scheme or port", () => {
    for (const other of [
      "https://evil.example/p/1.ts",
      "http://d123.cloudfront.net/p/1.ts",
      "https://d123.cloudfront.net:8443/p/1.ts",
      "https://video-weaver.hls.live-video.net/v1/segment/x.ts",
    ])
      expect(signedSubUrl(other, master)).toBe(other);
  });

  it("changes nothing when the master isn't signed", () => {
    const plain = "https://d123.cloudfront.net/p/master.m3u8";
    expect(signedSubUrl("https://d123.cloudfront.net/p/720p30/playlist.m3u8", plain)).toBe("https://d123.cloudfront.net/p/720p30/playlist.m3u8");
    expect(signedSubUrl("https://d123.cloudfront.net/p/1.ts", `${plain}?`)).toBe("https://d123.cloudfront.net/p/1.ts");
    expect(signedSubUrl("https://d123.cloudfront.net/p/1.ts", `${plain}#t=1`)).toBe("https://d123.cloudfront.net/p/1.ts");
  });

  it("puts the query before a fragment and doesn't double a bare question mark", () => {
    expect(signedSubUrl("https://d123.cloudfront.net/p/1.ts#x", master)).toBe(`https://d123.cloudfront.net/p/1.ts?${query}#x`);
    expect(signedSubUrl("https://d123.cloudfront.net/p/1.ts?", master)).toBe(`https://d123.cloudfront.net/p/1.ts?${query}`);
    expect(signedSubUrl("https://d123.cloudfront.net/p/1.ts", `${master}#t=5`)).toBe(`https://d123.cloudfront.net/p/1.ts?${query}`);
  });

  it("leaves what it can't parse alone", () => {
    expect(signedSubUrl("720p30/playlist.m3u8", master)).toBe("720p30/playlist.m3u8");
    expect(signedSubUrl("https://d123.cloudfront.net/p/1.ts", "not a url?x=1")).toBe("https://d123.cloudfront.net/p/1.ts");
  });
});
