import { describe, expect, it } from "vitest";
import { formatClock, isFlv, namedScores, parseClock, playsInBrowser, unscored, weightedAverage } from "./review";

const rubric = [
  { criterionID: "cr_a", name: "产品讲解", weight: 25 },
  { criterionID: "cr_b", name: "镜头表现", weight: 75 },
];

describe("mm:ss", () => {
  it("formats seconds as zero-padded minutes and seconds, minutes running past 59", () => {
    expect(formatClock(0)).toBe("00:00");
    expect(formatClock(3)).toBe("00:03");
    expect(formatClock(75.9)).toBe("01:15");
    expect(formatClock(3725)).toBe("62:05");
    expect(formatClock(-4)).toBe("00:00");
    expect(formatClock(Number.NaN)).toBe("00:00");
  });

  it("parses what a person types, including a full-width colon, and refuses the rest", () => {
    expect(parseClock("00:03")).toBe(3);
    expect(parseClock(" 3:07 ")).toBe(187);
    expect(parseClock("62:05")).toBe(3725);
    expect(parseClock("3：07")).toBe(187);
    for (const bad of ["", "3", "3:7", "3:60", "a:00", "1:02:03", "-1:00", "1234:00"]) expect(parseClock(bad)).toBeUndefined();
  });

  it("round-trips", () => {
    for (const s of [0, 1, 59, 60, 599, 3600, 21_600]) expect(parseClock(formatClock(s))).toBe(s);
  });
});

describe("scores", () => {
  it("averages by weight to one decimal", () => {
    expect(weightedAverage({ cr_a: 4, cr_b: 2 }, rubric)).toBe(2.5);
    expect(weightedAverage({ cr_a: 3 }, rubric)).toBe(3);
    expect(weightedAverage({}, rubric)).toBeUndefined();
    expect(weightedAverage({ other: 4 }, rubric)).toBeUndefined();
  });

  it("names scores from the rubric in its order and keeps unknown ids", () => {
    expect(namedScores({ cr_b: 1, cr_a: 0, gone: 2 }, rubric)).toEqual([
      { criterionID: "cr_a", name: "产品讲解", weight: 25, score: 0 },
      { criterionID: "cr_b", name: "镜头表现", weight: 75, score: 1 },
      { criterionID: "gone", name: "gone", score: 2 },
    ]);
  });

  it("lists the criteria still to score", () => {
    expect(unscored({ cr_a: 0 }, rubric)).toEqual(["cr_b"]);
    expect(unscored({ cr_a: 0, cr_b: 4 }, rubric)).toEqual([]);
  });
});

describe("isFlv", () => {
  it("recognises the local recordings, query strings aside", () => {
    expect(isFlv("http://127.0.0.1:8081/recordings/coh-0/st-abc.flv")).toBe(true);
    expect(isFlv("http://127.0.0.1:8081/recordings/coh-0/st-abc.FLV?x=1")).toBe(true);
    expect(isFlv("https://cdn.example.cn/ivs/v1/media/hls/master.m3u8")).toBe(false);
  });
});

describe("playsInBrowser", () => {
  it("plays HLS and MP4 but not FLV", () => {
    expect(playsInBrowser("https://cdn.example/rec/master.m3u8?sig=1")).toBe(true);
    expect(playsInBrowser("https://cdn.example/rec/a.MP4")).toBe(true);
    expect(playsInBrowser("http://127.0.0.1:8080/recordings/x/st-1.flv")).toBe(false);
  });
});
