import type { Kind } from "./rules.js";

type Params = Record<string, string>;
type Texts = Record<Kind, (p: Params) => string>;

/** One line per notification for SMS/email (the web app has its own, longer texts); short enough for one SMS segment with the prefix. */
const zh: Texts = {
  invitation_received: (p) => `${p.org}邀请你加入。`,
  offer_received: (p) => (p.by === "brand" ? `${p.brand}邀请你直播「${p.gig}」。` : `${p.host}申请了「${p.gig}」。`),
  offer_countered: (p) => `「${p.gig}」有新的报价。`,
  offer_declined: (p) => `「${p.gig}」的报价被拒绝了。`,
  offer_withdrawn: (p) => `「${p.gig}」的报价已撤回。`,
  offer_accepted: (p) => `「${p.gig}」已成交，档期已确认。`,
  booking_cancelled: (p) => `「${p.gig}」的预约已取消。`,
  booking_no_show: (p) => `「${p.gig}」被记录为未到场。`,
  review_received: (p) => `${p.brand}评价了「${p.gig}」。`,
  certificate_issued: (p) => `恭喜！你获得了「${p.certification}」证书。`,
  certificate_renewed: (p) => `你的「${p.certification}」证书已续期。`,
  certificate_revoked: (p) => `你的「${p.certification}」证书已被撤销。`,
};

const en: Texts = {
  invitation_received: (p) => `${p.org} invited you to join.`,
  offer_received: (p) => (p.by === "brand" ? `${p.brand} invited you to host "${p.gig}".` : `${p.host} applied to "${p.gig}".`),
  offer_countered: (p) => `New terms for "${p.gig}".`,
  offer_declined: (p) => `Your terms for "${p.gig}" were declined.`,
  offer_withdrawn: (p) => `The offer for "${p.gig}" was withdrawn.`,
  offer_accepted: (p) => `"${p.gig}" is booked.`,
  booking_cancelled: (p) => `The booking "${p.gig}" was cancelled.`,
  booking_no_show: (p) => `"${p.gig}" was recorded as a no-show.`,
  review_received: (p) => `${p.brand} reviewed "${p.gig}".`,
  certificate_issued: (p) => `Congratulations! You earned the "${p.certification}" certificate.`,
  certificate_renewed: (p) => `Your "${p.certification}" certificate was renewed.`,
  certificate_revoked: (p) => `Your "${p.certification}" certificate was revoked.`,
};

export function noticeText(kind: Kind, params: Params, locale: "zh-CN" | "en"): string {
  return (locale === "en" ? en : zh)[kind](params);
}
