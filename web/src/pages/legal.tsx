import { A } from "@solidjs/router";
import { For } from "solid-js";
import { type MessageKey, t } from "../i18n";
import { TERMS_VERSION } from "../session/terms";

function LegalPage(props: { title: MessageKey; body: MessageKey; testid: string }) {
  return (
    <article class="page page-narrow legal" data-testid={props.testid}>
      <A href="/" class="back-link">
        {t("legal.back")}
      </A>
      <h1>{t(props.title)}</h1>
      <p class="meta">{t("legal.version", { version: TERMS_VERSION })}</p>
      <For each={t(props.body).split("\n")}>{(para) => <p>{para}</p>}</For>
    </article>
  );
}

export const TermsPage = () => <LegalPage title="legal.terms.title" body="legal.terms.body" testid="terms-page" />;
export const PrivacyPage = () => <LegalPage title="legal.privacy.title" body="legal.privacy.body" testid="privacy-page" />;
