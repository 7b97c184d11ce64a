import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_LEARNERS } from "../src/seed";
import { phoneStack, seriousA11y, shots, until } from "./harness";

const STEP = 60_000;
const e2e = phoneStack("certification");
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

/** The seeded learners by their stage (see DEMO_LEARNERS in packages/local/src/seed.ts). */
const learner = (login: string) => {
  const found = DEMO_LEARNERS.find((l) => l.login === login);
  if (!found) throw new Error(`no seeded learner ${login}`);
  return found;
};
const oneLessonToGo = learner("learner2@zhubo.local");
const expiring = learner("learner1@zhubo.local");
const revoked = learner("learner4@zhubo.local");

describe("certificates on a phone", () => {
  it(
    "a learner completes the last lesson, sees the certificate issued, and anyone verifies it from its link and its signed file without signing in",
    async () => {
      const page = await e2e.phone();
      await e2e.signInDemo(page, oneLessonToGo.login);
      await page.getByTestId("learning-item").first().getByTestId("continue-learning").click();

      // The learn page: the one lesson not done yet, opened and marked complete.
      await page.getByTestId("learn-page").waitFor();
      const todo = page.getByTestId("lesson").filter({ has: page.getByTestId("complete-lesson") });
      await page.getByTestId("progress-card").waitFor();
      await until(() => todo.count()).toBe(1);
      const lesson = todo.first();
      await lesson.locator("summary").click();
      await lesson.getByTestId("complete-lesson").click();
      await until(() => todo.count()).toBe(0);

      // Home → my certificates: the certificate is there and active, every requirement ticked.
      await page.goto(`${e2e.stack.webUrl}/`);
      // The home card re-renders once the new certificate loads, which can swallow a click: retry until the page opens.
      const certificates = page.getByTestId("certificates-page");
      await until(async () => {
        if (!(await certificates.isVisible())) {
          await page
            .getByTestId("my-certificates")
            .getByTestId("open-certificates")
            .click({ timeout: 2000 })
            .catch(() => undefined);
        }
        return certificates.isVisible();
      }).toBe(true);
      const item = page.getByTestId("certificate-item").first();
      await until(() => item.getByTestId("certificate-status").textContent()).toBe("有效");
      const working = page.getByTestId("working-item").first();
      for (const requirement of ["lessonsPercent", "practiceMinutes", "practiceSessions", "rubricAverage", "criterionFloor"])
        await until(() => working.getByTestId(`check-${requirement}`).getAttribute("data-met")).toBe("yes");
      await until(() => working.getByTestId("check-practiceMinutes").textContent()).toContain(`练习时长 ${oneLessonToGo.minutes} / 240 分钟`);
      await until(() => working.getByTestId("check-rubricAverage").textContent()).toContain("评分均分 3.00 / 2.50");
      await working.getByTestId("working-issued").getByText("证书已签发").waitFor();
      await shot(page, "certificates");

      // The certificate: QR code and the same public link, the credential file.
      await item.getByTestId("certificate-link").click();
      await page.getByTestId("certificate-page").waitFor();
      const href = (await page.getByTestId("verify-link").getAttribute("href")) ?? "";
      expect(href).toMatch(new RegExp(`^${e2e.stack.webUrl}/verify/[0-7][0-9A-Z]{25}$`));
      await until(() => page.getByTestId("verify-link").textContent()).toBe(href);
      await until(() => page.getByTestId("verify-qr").getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
      await until(() => page.getByTestId("verify-qr").getAttribute("alt")).toContain(href);
      await shot(page, "certificate");

      // A new certificate is celebrated, with a poster (drawn in the browser: name, certification, level, agency, QR) to save.
      const party = page.getByTestId("celebration");
      await party.waitFor();
      const [poster] = await Promise.all([page.waitForEvent("download"), party.getByTestId("poster-download").click()]);
      expect(poster.suggestedFilename()).toMatch(/^zhubo-poster-[0-9A-Z-]+\.png$/);
      const png = await readFile(await poster.path());
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect(png.length).toBeGreaterThan(20_000);
      // the preview shows the poster (decoded, 1080 wide)
      await until(() => party.getByTestId("poster-preview").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1080);
      await shot(page, "certificate-celebration");
      expect(await seriousA11y(page), "certificate with its celebration").toEqual([]);

      // The inbox told them too: its notification opens the certificate, celebrating.
      await until(async () => {
        await page.goto(`${e2e.stack.webUrl}/inbox`);
        await page.getByTestId("inbox-list").or(page.getByTestId("inbox-empty")).first().waitFor();
        return page.getByTestId("notice-certificate_issued").count();
      }, 30_000).toBeGreaterThan(0);
      await page.getByTestId("notice-certificate_issued").first().click();
      await page.waitForURL(/\/certificates\/[^/?]+\?new=1$/);
      await page.getByTestId("celebration").waitFor();
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-credential").click()]);
      expect(download.suggestedFilename()).toMatch(/^zhubo-certificate-[0-9A-Z]{26}\.jwt$/);
      const jwt = (await readFile(await download.path(), "utf8")).trim();
      expect(jwt.split(".")).toHaveLength(3);

      // Anyone, in a fresh browser with no session: the QR link shows the public card.
      const visitor = await e2e.phone();
      await visitor.goto(href);
      const card = visitor.getByTestId("verify-card");
      await card.getByText(oneLessonToGo.name, { exact: true }).waitFor();
      await until(() => visitor.getByTestId("verify-status").textContent()).toContain("有效");
      expect(visitor.url()).toBe(href);
      await shot(visitor, "verify");

      // The signed file checks out; the same file altered by one character doesn't.
      await visitor.goto(`${e2e.stack.webUrl}/verify`);
      await visitor.getByTestId("credential-file").setInputFiles({ name: download.suggestedFilename(), mimeType: "application/jwt", buffer: Buffer.from(jwt) });
      const result = visitor.getByTestId("credential-result");
      await result.getByTestId("credential-valid").getByText("签名有效").waitFor();
      // two verdicts: the file's signature and the certificate's status now
      await until(() => result.getByTestId("credential-status").textContent()).toBe("证书当前有效");
      await result.getByTestId("verify-card").getByText(oneLessonToGo.name, { exact: true }).waitFor();
      await shot(visitor, "verify-credential");
      const [header, payload, signature] = jwt.split(".") as [string, string, string];
      const i = Math.floor(payload.length / 2);
      const forged = `${header}.${payload.slice(0, i)}${payload[i] === "A" ? "B" : "A"}${payload.slice(i + 1)}.${signature}`;
      await visitor.getByTestId("credential-text").fill(forged);
      await visitor.getByTestId("credential-submit").click();
      await result.getByTestId("credential-invalid").getByText("文件被伪造或篡改，签名无效").waitFor();
      await until(() => result.getByTestId("credential-status").textContent()).toBe("签名未通过，未查询证书状态");
      await until(() => result.getByTestId("verify-card").count()).toBe(0);
    },
    STEP,
  );

  it(
    "a revoked certificate verifies as revoked by its code typed any way, and a made-up code finds nothing",
    async () => {
      const { certificates } = await (await e2e.client(revoked.login)).api.certification.mine.query({});
      const cert = certificates[0];
      if (!cert) throw new Error(`${revoked.login} holds no certificate`);
      expect(cert.status).toBe("revoked");

      const visitor = await e2e.phone();
      await visitor.goto(`${e2e.stack.webUrl}/verify/${cert.code}`);
      await visitor.getByTestId("verify-card").getByText(revoked.name, { exact: true }).waitFor();
      await until(() => visitor.getByTestId("verify-status").textContent()).toContain("已撤销");
      await shot(visitor, "verify-revoked");

      // Typed from a print-out: lowercase, grouped, spaced.
      await visitor.goto(`${e2e.stack.webUrl}/verify`);
      await visitor.getByTestId("verify-code-input").fill(` ${cert.displayCode.toLowerCase().replaceAll("-", " - ")} `);
      await visitor.getByTestId("verify-code-submit").click();
      await visitor.waitForURL(`${e2e.stack.webUrl}/verify/${cert.code}`);
      await visitor.getByTestId("verify-status").getByText("已撤销").waitFor();

      for (const code of ["not-a-real-code", "0000-0000-0000-0000-0000-0000-00"]) {
        await visitor.goto(`${e2e.stack.webUrl}/verify/${code}`);
        await visitor.getByTestId("verify-not-found").getByText("未找到该证书").waitFor();
        await until(() => visitor.getByTestId("verify-card").count()).toBe(0);
      }
    },
    STEP,
  );

  it(
    "a holder whose certificate expires within 30 days is told on the home page, and renewing without recent practice says why not",
    async () => {
      const page = await e2e.phone();
      await e2e.signInDemo(page, expiring.login);
      const notice = page.getByTestId("certificate-notices").getByTestId("expiry-notice").first();
      await until(() => notice.textContent()).toMatch(/将于 \d+ 天后到期/);
      await page.getByTestId("my-certificates").getByTestId("certificates-summary").getByText("1 张有效证书").waitFor();
      await shot(page, "certificates-home");
      await notice.getByTestId("renew-link").click();

      await page.getByTestId("certificate-page").waitFor();
      await page.getByTestId("renew").click();
      await page.getByTestId("renewal").getByTestId("form-error").getByText("需要近 3 个月内有直播练习记录", { exact: false }).waitFor();
      await shot(page, "certificate-renew");
    },
    STEP,
  );
});
