import { A } from "@solidjs/router";
import { Match, Show, Switch } from "solid-js";
import type { HeldCertificate, PublicCertificate } from "../api/types";
import { Card } from "../components/ui";
import { date, type MessageKey, t } from "../i18n";
import { categoryName } from "../i18n/names";
import { isMessageKey } from "../i18n/translate";
import "./certificate.css";

export type CertStatus = PublicCertificate["status"];

const statusKeys: Record<CertStatus, MessageKey> = {
  active: "certs.status.active",
  expired: "certs.status.expired",
  revoked: "certs.status.revoked",
};

export const statusName = (status: CertStatus) => t(statusKeys[status]);

/** 互联网营销师 level "5".."1" in words; an unknown value (a newer API) shown as is. */
export function nationalLevelName(level: string): string {
  const key = `certs.national.${level}`;
  return isMessageKey(key) ? t(key) : level;
}

/** Colour, a mark and the word: never colour alone. */
export function CertStatusBadge(props: { status: CertStatus; testid?: string }) {
  return (
    <span class={`badge badge-${props.status}`} data-testid={props.testid ?? "certificate-status"}>
      {statusName(props.status)}
    </span>
  );
}

/** "2026年3月1日 到期" / "已过期" / "已撤销" — the date that matters for the status. */
export function validityLine(c: Pick<HeldCertificate, "status" | "expiresAt" | "revokedAt">): string {
  if (c.status === "revoked") return t("certs.revokedOn", { date: date(c.revokedAt ?? c.expiresAt) });
  return t(c.status === "expired" ? "certs.expiredOn" : "certs.expires", { date: date(c.expiresAt) });
}

/** The in-app expiry notice ("将于 12 天后到期 — 续证"), linking to the certificate page where renewal is. */
export function ExpiryNotice(props: { certificate: Pick<HeldCertificate, "certificateID" | "notice" | "name">; showName?: boolean; renew?: boolean }) {
  return (
    <Show when={props.certificate.notice}>
      {(notice) => (
        <div class={`notice cert-notice ${notice().kind === "expired" ? "notice-error" : "notice-warn"}`} role="status" data-testid="expiry-notice">
          <span>
            <Show when={props.showName}>
              <strong>{props.certificate.name}</strong>
              {" · "}
            </Show>
            {(() => {
              const n = notice();
              return n.kind === "expiring" ? t("certs.notice.expiring", { days: n.days }) : t("certs.notice.expired");
            })()}
          </span>
          <Show when={props.renew !== false}>
            <A class="btn btn-small btn-secondary" href={`/certificates/${props.certificate.certificateID}`} data-testid="renew-link">
              {t("certs.notice.renew")}
            </A>
          </Show>
        </div>
      )}
    </Show>
  );
}

/** What anyone may see about a certificate: the public verify card (by code or from a checked file). */
export function PublicCertificateCard(props: { certificate: PublicCertificate; code?: string }) {
  const c = () => props.certificate;
  return (
    <Card testid="verify-card" class="verify-card">
      <div class={`verify-status verify-status-${c().status}`} data-testid="verify-status">
        <span class="verify-status-icon" aria-hidden="true">
          {c().status === "active" ? "✓" : c().status === "expired" ? "!" : "✕"}
        </span>
        <div>
          <span class="sr-only">{t("verify.statusLabel")}：</span>
          <strong class="verify-status-word">{statusName(c().status)}</strong>
          <p>
            <Switch>
              <Match when={c().status === "active"}>{t("verify.status.active")}</Match>
              <Match when={c().status === "expired"}>{t("verify.status.expired", { date: date(c().expiresAt) })}</Match>
              <Match when={c().status === "revoked"}>{t("verify.status.revoked", { date: date(c().revokedAt ?? c().expiresAt) })}</Match>
            </Switch>
          </p>
        </div>
      </div>
      <div>
        <p class="meta">{t("cert.holder")}</p>
        <p class="verify-holder" data-testid="verify-holder">
          {c().displayName}
        </p>
      </div>
      <dl class="facts">
        <div class="fact-wide">
          <dt>{t("cert.name")}</dt>
          <dd>
            <strong>{c().name}</strong> · {t("certs.level", { level: c().level })}
          </dd>
        </div>
        <div class="fact-wide">
          <dt>{t("cert.national")}</dt>
          <dd>{nationalLevelName(c().nationalLevel)}</dd>
        </div>
        <div>
          <dt>{t("cert.category")}</dt>
          <dd>{categoryName(c().category)}</dd>
        </div>
        <div>
          <dt>{t("cert.issuer")}</dt>
          <dd>{c().issuer}</dd>
        </div>
        <div>
          <dt>{t("cert.issuedAt")}</dt>
          <dd>{date(c().issuedAt)}</dd>
        </div>
        <div>
          <dt>{t("cert.expiresAt")}</dt>
          <dd>{date(c().expiresAt)}</dd>
        </div>
        <Show when={props.code}>
          {(code) => (
            <div class="fact-wide">
              <dt>{t("cert.code")}</dt>
              <dd class="cert-code">{code()}</dd>
            </div>
          )}
        </Show>
      </dl>
      <p class="meta">{t("verify.privacy")}</p>
    </Card>
  );
}
