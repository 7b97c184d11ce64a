import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_CERTIFICATIONS } from "../src/seed";
import { phoneStack, seriousA11y, shots, until } from "./harness";

const e2e = phoneStack("market");
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

const host = DEMO_ACCOUNTS.hostXuzhou;
const title = `牛肉月饼中秋夜场 ${String(Math.floor(Math.random() * 1e4)).padStart(4, "0")}`;
/** One week ahead, as a China calendar day. */
const weekAhead = new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);

/** Whether the inbox, opened from the header's bell (its badge showing), lists a notification of `kind` about `about` (the caller waits for true). */
async function inboxHas(page: Page, kind: string, about: string): Promise<boolean> {
  await page.goto(`${e2e.stack.webUrl}/`);
  const badge = page.getByTestId("inbox-badge");
  if (
    !(await badge.waitFor({ timeout: 3_000 }).then(
      () => true,
      () => false,
    ))
  )
    return false;
  await page.getByTestId("inbox-bell").click();
  await page.getByTestId("inbox-page").waitFor();
  await page.getByTestId("inbox-list").or(page.getByTestId("inbox-empty")).first().waitFor();
  return (await page.getByTestId(`notice-${kind}`).filter({ hasText: about }).count()) > 0;
}

describe("the marketplace on a phone", () => {
  it("a brand posts a certified on-site gig, offers the top-ranked Xuzhou host, who accepts; both calendars show the booking", async () => {
    const brand = await e2e.phone();
    await e2e.signInDemo(brand, DEMO_ACCOUNTS.brand.login);
    await brand.getByTestId("brand-gig-new-link").click();

    const editor = brand.getByTestId("gig-editor");
    await editor.getByTestId("gig-title").fill(title);
    await editor.getByTestId("gig-product-name-0").fill("老城牛肉月饼 6 枚礼盒");
    await editor.getByTestId("gig-product-price-0").fill("88");
    await editor.getByTestId("gig-category").selectOption("local_speciality");
    await until(() => editor.getByTestId("gig-city").inputValue()).toBe("xuzhou");
    await editor.getByTestId("gig-venue").fill("徐州彭城广场直播间");
    await editor.getByTestId("gig-date").fill(weekAhead);
    await editor.getByTestId("gig-time").fill("19:00");
    await editor.getByTestId("gig-minutes").fill("120");
    await editor.getByTestId("gig-certs").getByText(DEMO_CERTIFICATIONS.localSpeciality.name).click();
    await editor.getByTestId("gig-budget").fill("2000");
    await editor.getByTestId("gig-commission").fill("15");
    await editor.getByTestId("gig-save").click();
    await brand.waitForURL(/\/brand\/gigs\/gig_/);
    const gigUrl = brand.url();

    // Ranked, explained candidates: the certified Xuzhou host, free that evening and within budget, comes first.
    const first = brand.getByTestId("candidate").first();
    await first.getByTestId("candidate-name").getByText(host.name).waitFor();
    for (const words of [`${DEMO_CERTIFICATIONS.localSpeciality.name}认证 L1`, "同城（徐州）", "该时段有空", "坑位费 ¥1,600，在预算内"])
      await until(() => first.getByTestId("match-reasons").textContent()).toContain(words);

    // The offer is prefilled from the host's rate (¥800 an hour × 2 hours) and the gig's commission.
    await first.getByTestId("candidate-offer").click();
    await until(() => first.getByTestId("invite-fee").inputValue()).toBe("1600");
    await until(() => first.getByTestId("invite-commission").inputValue()).toBe("15");
    await first.getByTestId("invite-note").fill("中秋夜场，期待合作");
    await first.getByTestId("invite-submit").click();
    const sent = brand.getByTestId("gig-offers").getByTestId("offer-card").filter({ hasText: host.name });
    await sent.getByTestId("offer-status").getByText("洽谈中").waitFor();
    await shot(brand, "market-gig-candidates");
    expect(await seriousA11y(brand), "gig with candidates").toEqual([]);

    // The host, on their own phone, finds the offer waiting for them and accepts it.
    const phone = await e2e.phone();
    await e2e.signInDemo(phone, host.login);
    // The bell tells them first (the notify subscriber on the bus); the notification links to the offers inbox.
    await until(() => inboxHas(phone, "offer_received", title), 30_000).toBe(true);
    const notice = phone.getByTestId("notice-offer_received").filter({ hasText: title });
    await until(() => notice.textContent()).toContain(`徐州老城牛肉月饼邀请你直播「${title}」`);
    await until(() => notice.getAttribute("data-read")).toBe("no");
    await shot(phone, "inbox-host");
    expect(await seriousA11y(phone), "inbox").toEqual([]);
    await notice.click();
    await phone.waitForURL(/\/offers$/);
    const offer = phone.getByTestId("offers-yours").getByTestId("offer-card").filter({ hasText: title });
    await until(() => offer.getByTestId("terms").first().textContent()).toContain("坑位费 ¥1,600 · 佣金 15%");
    await offer.getByTestId("offer-accept").click();
    await phone.getByTestId("offers-closed").getByTestId("offer-card").filter({ hasText: title }).getByTestId("offer-status").getByText("已成交").waitFor();

    // The brand hears it was accepted: its notification opens the booking.
    await until(() => inboxHas(brand, "offer_accepted", title), 30_000).toBe(true);
    const accepted = brand.getByTestId("notice-offer_accepted").filter({ hasText: title });
    await until(() => accepted.textContent()).toContain(`${host.name}接受了「${title}」`);
    await accepted.click();
    await brand.waitForURL(/\/bookings\/bkg_/);
    await brand.goBack();
    await until(() => accepted.getAttribute("data-read")).toBe("yes");

    // Both calendars: the host's own, and the brand's.
    await phone.goto(`${e2e.stack.webUrl}/bookings?as=host`);
    const mine = phone.getByTestId("booking-item").filter({ hasText: title });
    await mine.getByTestId("booking-party").getByText("品牌：徐州老城牛肉月饼").waitFor();
    await until(() => mine.textContent()).toContain("19:00–21:00");
    await shot(phone, "market-host-bookings");

    await brand.goto(`${e2e.stack.webUrl}/`);
    await brand.getByTestId("brand-bookings-link").click();
    const theirs = brand.getByTestId("booking-item").filter({ hasText: title });
    await theirs.getByTestId("booking-party").getByText(`主播：${host.name}`).waitFor();
    await until(() => theirs.getByTestId("booking-status").textContent()).toBe("已预约");
    await until(() => theirs.textContent()).toContain("合约 v1");
    await shot(brand, "market-brand-bookings");

    // The brand closes the gig from its page: no more candidates, and it stays closed after a reload.
    await brand.goto(gigUrl);
    await brand.getByTestId("gig-close").click();
    await brand.getByTestId("gig-close-confirm").click();
    await brand.getByTestId("gig-closed").waitFor();
    await until(() => brand.getByTestId("candidate").count()).toBe(0);
    await brand.reload();
    await brand.getByTestId("gig-closed").waitFor();
    await until(() => brand.getByTestId("gig-close").count()).toBe(0);
    // the booking made before it closed stands
    await brand.getByTestId("gig-offers").getByTestId("offer-card").filter({ hasText: host.name }).getByTestId("offer-status").getByText("已成交").waitFor();
    await shot(brand, "market-gig-closed");
  });
});
