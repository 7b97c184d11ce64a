import { weightedScore } from "../training/rubric";

/** 0 → "00:00", 75 → "01:15", 3725 → "62:05": a moment of a recording as minutes and seconds. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** "3:07", "03:07", "62:05", "3：07" (a Chinese keyboard's colon) → seconds; anything else → undefined. */
export function parseClock(text: string): number | undefined {
  const m = /^\s*(\d{1,3})\s*[:：]\s*(\d{2})\s*$/.exec(text);
  if (!m) return undefined;
  const secs = Number(m[2]);
  return secs < 60 ? Number(m[1]) * 60 + secs : undefined;
}

/** The weighted average of a review's scores on the 0–4 scale, to one decimal (undefined when nothing matches the rubric). */
export function weightedAverage(scores: Readonly<Record<string, number>>, rubric: readonly { criterionID: string; weight: number }[]): number | undefined {
  return weightedScore(scores, rubric);
}

/** Each scored criterion with its name from the rubric, in rubric order; scores for unknown criteria keep their id. */
export function namedScores(
  scores: Readonly<Record<string, number>>,
  rubric: readonly { criterionID: string; name: string; weight: number }[],
): { criterionID: string; name: string; weight?: number; score: number }[] {
  const known = rubric.filter((c) => scores[c.criterionID] !== undefined).map((c) => ({ ...c, score: scores[c.criterionID] as number }));
  const ids = new Set(rubric.map((c) => c.criterionID));
  const extra = Object.entries(scores)
    .filter(([id]) => !ids.has(id))
    .map(([criterionID, score]) => ({ criterionID, name: criterionID, score }));
  return [...known, ...extra];
}

/** The criteria of the rubric not scored yet. */
export function unscored(scores: Readonly<Record<string, number | undefined>>, rubric: readonly { criterionID: string }[]): string[] {
  return rubric.filter((c) => scores[c.criterionID] === undefined).map((c) => c.criterionID);
}

/** Whether a browser `<video>` can play the recording by itself (HLS or MP4); FLV needs a player we don't ship. */
export function playsInBrowser(url: string): boolean {
  const path = url.split(/[?#]/)[0]?.toLowerCase() ?? "";
  return path.endsWith(".m3u8") || path.endsWith(".mp4");
}

/** HTTP-FLV (the local recordings): playable through Media Source Extensions with mpegts.js. */
export function isFlv(url: string): boolean {
  return (url.split(/[?#]/)[0]?.toLowerCase() ?? "").endsWith(".flv");
}
