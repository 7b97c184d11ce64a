import { qrDataUri } from "./qr";

export interface PosterText {
  product: string;
  headline: string;
  holder: string;
  certification: string;
  level: string;
  agency: string;
  code: string;
  url: string;
  scan: string;
}

const W = 1080;
const H = 1440;

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error("image failed to load"));
    img.src = src;
  });
}

/** Breaks `text` into lines no wider than `max` at the canvas's current font (CJK breaks anywhere, Latin at spaces). */
export function wrap(measure: (s: string) => number, text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  const tokens = text.match(/[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+|\s+/g) ?? [];
  for (const token of tokens) {
    const next = line + token;
    if (measure(next) > max && line.trim()) {
      lines.push(line.trim());
      line = token.trimStart();
    } else line = next;
  }
  if (line.trim()) lines.push(line.trim());
  return lines;
}

/**
 * A shareable poster of a certificate, drawn in the browser (no server, no image service): the
 * holder, the certification and level, the agency, and the QR code to its public verify page.
 * 1080×1440 PNG, the 3:4 that WeChat Moments and Xiaohongshu show whole.
 */
export async function drawPoster(t: PosterText): Promise<Blob> {
  const canvas = document.createElement("canvas");
  canvas.width = W;
  canvas.height = H;
  const g = canvas.getContext("2d");
  if (!g) throw new Error("no canvas");
  const font = (size: number, weight = 400) => `${weight} ${size}px "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
  const bg = g.createLinearGradient(0, 0, 0, H);
  bg.addColorStop(0, "#b8262e");
  bg.addColorStop(1, "#7a1319");
  g.fillStyle = bg;
  g.fillRect(0, 0, W, H);
  // the card
  g.fillStyle = "#fff";
  g.beginPath();
  g.roundRect(60, 160, W - 120, H - 260, 36);
  g.fill();
  g.textAlign = "center";
  g.fillStyle = "#fff";
  g.font = font(44, 700);
  g.fillText(t.product, W / 2, 100);

  g.fillStyle = "#b8262e";
  g.font = font(40, 600);
  g.fillText(t.headline, W / 2, 270);
  g.fillStyle = "#1b2230";
  g.font = font(76, 700);
  g.fillText(t.holder, W / 2, 380);
  g.font = font(54, 700);
  let y = 490;
  for (const line of wrap((s) => g.measureText(s).width, t.certification, W - 240)) {
    g.fillText(line, W / 2, y);
    y += 70;
  }
  g.fillStyle = "#475064";
  g.font = font(36, 500);
  g.fillText(t.level, W / 2, y + 10);
  g.fillText(t.agency, W / 2, y + 66);

  const qr = await loadImage(qrDataUri(t.url));
  const size = 360;
  g.drawImage(qr, (W - size) / 2, 840, size, size);
  g.fillStyle = "#5f6b7d";
  g.font = font(30);
  g.fillText(t.scan, W / 2, 1250);
  g.font = font(28);
  g.fillText(t.code, W / 2, 1296);

  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("no poster"))), "image/png"));
}
