import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api } from "../api/client";
import type { HeldCertificate, WorkingTowards } from "../api/types";
import { CertStatusBadge, ExpiryNotice, nationalLevelName, validityLine } from "../certificate/bits";
import { checkKeys, checkValues } from "../certificate/checks";
import { Async } from "../components/async";
import { Card, EmptyState } from "../components/ui";
import { t } from "../i18n";
import { categoryName } from "../i18n/names";

/** The holder's certificates (status, expiry, notices) and, per certification in progress, each requirement met or not. */
export function CertificatesPage() {
  const [mine, { refetch }] = createResource(() => api.certification.mine.query({}));
  return (
    <div class="page page-narrow" data-testid="certificates-page">
      <A href="/?as=learner" class="back-link">
        {t("certs.back")}
      </A>
      <header class="page-head">
        <h1>{t("certs.title")}</h1>
        <p class="muted">{t("certs.subtitle")}</p>
      </header>
      <Async of={mine} retry={refetch}>
        {(m) => (
          <div class="stack">
            <h2 class="section-title">{t("certs.held")}</h2>
            <Show
              when={m.certificates.length}
              fallback={
                <Card>
                  <EmptyState icon="check" title={t("certs.none")} body={t("certs.noneBody")} testid="certificates-empty" />
                </Card>
              }
            >
              <For each={m.certificates}>{(c) => <CertificateItem certificate={c} />}</For>
            </Show>
            <h2 class="section-title">{t("certs.working")}</h2>
            <Show when={m.working.length} fallback={<p class="meta">{t("certs.workingNone")}</p>}>
              <For each={m.working}>{(w) => <WorkingItem item={w} held={m.certificates.find((c) => c.certificateID === w.certificateID)} />}</For>
            </Show>
          </div>
        )}
      </Async>
    </div>
  );
}

function CertificateItem(props: { certificate: HeldCertificate }) {
  const c = () => props.certificate;
  return (
    <Card testid="certificate-item">
      <div class="cert-head">
        <div class="stack stack-sm">
          <A class="cert-name list-link" href={`/certificates/${c().certificateID}`} data-testid="certificate-link">
            {c().name}
          </A>
          <p class="meta">{[t("certs.level", { level: c().level }), categoryName(c().category), c().creatorName].filter(Boolean).join(" · ")}</p>
          <p class="meta">{nationalLevelName(c().nationalLevel)}</p>
        </div>
        <CertStatusBadge status={c().status} />
      </div>
      <p class="meta" data-testid="certificate-validity">
        {validityLine(c())}
      </p>
      <ExpiryNotice certificate={c()} />
      <A class="link-more" href={`/certificates/${c().certificateID}`}>
        {t("certs.open")}
      </A>
    </Card>
  );
}

function WorkingItem(props: { item: WorkingTowards; held: HeldCertificate | undefined }) {
  const w = () => props.item;
  const left = () => w().checks.filter((c) => !c.met).length;
  return (
    <Card testid="working-item">
      <div class="cert-head">
        <div class="stack stack-sm">
          <p class="cert-name">{w().name}</p>
          <p class="meta">{[t("certs.level", { level: w().level }), categoryName(w().category), nationalLevelName(w().nationalLevel)].join(" · ")}</p>
        </div>
        <Show when={!w().eligible}>
          <span class="badge badge-info">{t("certs.working.left", { count: left() })}</span>
        </Show>
      </div>
      <ul class="checks">
        <For each={w().checks}>
          {(c) => (
            <li classList={{ "check-met": c.met }} data-testid={`check-${c.requirement}`} data-met={c.met ? "yes" : "no"}>
              <span class="check-mark" aria-hidden="true">
                <span>{c.met ? "✓" : "✗"}</span>
              </span>
              <span>
                {t(checkKeys[c.requirement], checkValues(c))}
                <span class="sr-only"> — {c.met ? t("certs.check.met") : t("certs.check.unmet")}</span>
              </span>
            </li>
          )}
        </For>
      </ul>
      <Show when={w().eligible}>
        <Show
          when={w().certificateID}
          fallback={
            <p class="enrol-state" data-testid="working-eligible">
              {t("certs.working.eligible")}
            </p>
          }
        >
          {(id) => (
            <div class="cert-head">
              <A class="btn btn-primary" href={`/certificates/${id()}`} data-testid="working-issued">
                {t("certs.working.issued")}
              </A>
              <Show when={props.held}>{(h) => <CertStatusBadge status={h().status} testid="working-held-status" />}</Show>
            </div>
          )}
        </Show>
      </Show>
      <A class="link-more" href={`/learn/${w().cohortID}`}>
        {t("certs.working.course")}
      </A>
    </Card>
  );
}
