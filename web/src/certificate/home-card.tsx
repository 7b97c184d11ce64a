import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api } from "../api/client";
import type { MyCertificates } from "../api/types";
import { loaded } from "../components/async";
import { Card } from "../components/ui";
import { t } from "../i18n";
import { ExpiryNotice } from "./bits";

let inflight: Promise<MyCertificates> | undefined;

/** The notices and the card mount together on the learner home: one request serves both. */
function mine(): Promise<MyCertificates> {
  inflight ??= api.certification.mine.query({}).finally(() => {
    inflight = undefined;
  });
  return inflight;
}

/** The in-app expiry notice, at the top of the learner home: one compact banner per certificate that needs renewing. */
export function CertificateNotices() {
  const [list] = createResource(mine);
  const noticed = () => loaded(list)?.certificates.filter((c) => c.notice) ?? [];
  return (
    <Show when={noticed().length}>
      <div class="stack stack-sm" data-testid="certificate-notices">
        <For each={noticed()}>{(c) => <ExpiryNotice certificate={c} showName />}</For>
      </div>
    </Show>
  );
}

/** The learner home's way to the certificates page, with how many are active. */
export function MyCertificatesCard() {
  const [list] = createResource(mine);
  const active = () => loaded(list)?.certificates.filter((c) => c.status === "active").length ?? 0;
  return (
    <Card
      title={t("certs.title")}
      testid="my-certificates"
      action={
        <A href="/certificates" class="btn btn-ghost btn-small" data-testid="open-certificates">
          {t("certs.home.open")}
        </A>
      }
    >
      {/* A failed load only leaves the summary out: the page behind the link says what went wrong. */}
      <Show when={loaded(list)}>
        <p class="meta" data-testid="certificates-summary">
          {active() > 0 ? t("certs.home.count", { count: active() }) : t("certs.home.none")}
        </p>
      </Show>
    </Card>
  );
}
