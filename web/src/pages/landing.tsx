import { A } from "@solidjs/router";
import { For } from "solid-js";
import { type MessageKey, t } from "../i18n";

const audiences: { title: MessageKey; body: MessageKey; testid: string }[] = [
  { title: "landing.learners", body: "landing.learners.body", testid: "landing-learners" },
  { title: "landing.agencies", body: "landing.agencies.body", testid: "landing-agencies" },
  { title: "landing.brands", body: "landing.brands.body", testid: "landing-brands" },
];

/** The front door for a signed-out visitor: what it is for each of its three audiences, sign-up, sign-in and certificate verification. */
export function LandingPage() {
  return (
    <div class="landing" data-testid="landing">
      <section class="landing-hero">
        <h1>{t("landing.title")}</h1>
        <p class="landing-lead">{t("landing.lead")}</p>
        <div class="landing-actions">
          <A href="/sign-up" class="btn btn-primary" data-testid="landing-sign-up">
            {t("landing.signUp")}
          </A>
          <A href="/sign-in" class="btn btn-secondary" data-testid="landing-sign-in">
            {t("landing.signIn")}
          </A>
        </div>
      </section>
      <div class="landing-audiences">
        <For each={audiences}>
          {(a) => (
            <section class="card landing-card" data-testid={a.testid}>
              <h2>{t(a.title)}</h2>
              <p>{t(a.body)}</p>
            </section>
          )}
        </For>
      </div>
      <footer class="landing-footer">
        <A href="/verify">{t("landing.verify")}</A>
        <A href="/terms">{t("legal.terms.title")}</A>
        <A href="/privacy">{t("legal.privacy.title")}</A>
        <span>{t("landing.footer")}</span>
      </footer>
    </div>
  );
}
