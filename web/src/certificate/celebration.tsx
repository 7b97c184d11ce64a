import { useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import type { HeldCertificate } from "../api/types";
import { notifyError } from "../components/toast";
import { t } from "../i18n";
import { storage } from "../storage";
import { verifyUrl } from "./code";
import { saveFile } from "./download";
import { drawPoster } from "./poster";

const SEEN = "zhubo.celebrated";
const FRESH_MS = 7 * 86_400_000;

function celebrated(): string[] {
  try {
    return JSON.parse(storage.get(SEEN) ?? "[]") as string[];
  } catch {
    return [];
  }
}

function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/**
 * A new certificate is a moment: the first time its holder opens it (within a week of issue), or
 * from its notification (`?new=1`), a celebration with the poster to save and share.
 */
export function Celebration(props: { certificate: HeldCertificate }) {
  const [params] = useSearchParams();
  const c = () => props.certificate;
  const fresh = () => c().status === "active" && Date.now() - Date.parse(c().issuedAt) < FRESH_MS;
  const [open] = createSignal(c().status === "active" && (params.new === "1" || (fresh() && !celebrated().includes(c().certificateID))));
  if (open()) storage.set(SEEN, JSON.stringify([...celebrated().filter((id) => id !== c().certificateID), c().certificateID].slice(-20)));
  const [preview, setPreview] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  async function poster() {
    setBusy(true);
    try {
      const blob = await drawPoster({
        product: t("app.name"),
        headline: t("celebrate.posterHeadline"),
        holder: c().holderName,
        certification: c().name,
        level: t("certs.level", { level: c().level }),
        agency: c().creatorName,
        code: c().displayCode,
        url: verifyUrl(location.origin, c().code),
        scan: t("celebrate.scan"),
      });
      // a data: URL, which the app's CSP allows for images (blob: it doesn't)
      setPreview(await dataUrlOf(blob));
      saveFile(`zhubo-poster-${c().displayCode}.png`, blob, "image/png");
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Show when={open()}>
      <section class="celebrate" role="status" data-testid="celebration">
        <svg class="celebrate-burst" viewBox="0 0 48 48" width="56" height="56" aria-hidden="true">
          <path d="M24 4l5.9 12 13.1 1.9-9.5 9.3 2.2 13.1L24 34.1 12.3 40.3l2.2-13.1L5 17.9 18.1 16z" fill="#e8a317" />
        </svg>
        <h2>{t("celebrate.title")}</h2>
        <p>{t("celebrate.body", { name: c().name, agency: c().creatorName })}</p>
        <button type="button" class="btn btn-primary" disabled={busy()} onClick={() => void poster()} data-testid="poster-download">
          {t("celebrate.poster")}
        </button>
        <Show when={preview()}>
          {(src) => (
            <figure class="poster-preview">
              <img src={src()} alt={t("celebrate.posterAlt", { name: c().name })} data-testid="poster-preview" />
              <figcaption class="meta">{t("celebrate.longPress")}</figcaption>
            </figure>
          )}
        </Show>
      </section>
    </Show>
  );
}
