import { join } from "node:path";
import { Event } from "@zhubo/core/event";
import { Id } from "@zhubo/core/id";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_CERTIFICATIONS, DEMO_LEARNERS } from "../src/seed";
import { phoneStack, shots, until } from "./harness";

const e2e = phoneStack("certification-admin");
const learner1 = DEMO_LEARNERS[0] as (typeof DEMO_LEARNERS)[number];
const learner2 = DEMO_LEARNERS[1] as (typeof DEMO_LEARNERS)[number];

describe("certification admin on a phone", () => {
  it("ops approve the agency's pending certification, then find a learner's certificate by its typed code and revoke it with a reason", async () => {
    const learner = (await e2e.client(learner1.login)).api;
    const held = (await learner.certification.mine.query({})).certificates.find((c) => c.status === "active");
    if (!held) throw new Error(`${learner1.login} holds no active certificate`);
    // As someone reads it off a phone: groups split by spaces, lower case.
    const typed = held.displayCode.toLowerCase().replaceAll("-", " ");

    const page = await e2e.phone();
    await e2e.signInDemo(page, DEMO_ACCOUNTS.ops.login);
    await page.getByTestId("ops-certifications-link").click();

    // Pending is the first tab; the agency's proposal waits there with its requirements in words.
    const name = DEMO_CERTIFICATIONS.proposal.name;
    const pending = page.getByTestId("cert-list").getByTestId("cert-item").filter({ hasText: name });
    await until(() => pending.getByTestId("cert-requirements").textContent()).toContain("讲师评分加权均分不低于 2.00（满分 4）");
    await pending.getByTestId("cert-note").fill("要求清楚，同意");
    await pending.getByTestId("cert-approve").click();
    await pending.waitFor({ state: "detached" });

    await page.getByTestId("cert-tab-approved").click();
    const approved = page.getByTestId("cert-list").getByTestId("cert-item").filter({ hasText: name });
    await approved.getByTestId("cert-status").getByText("已通过").waitFor();
    await until(() => approved.textContent()).toContain("审核备注：要求清楚，同意");

    // Revoke: find by the code as typed, a too-short reason is refused beside the box, then confirm.
    await page.getByRole("link", { name: "返回首页" }).click();
    await page.getByTestId("ops-certificates-link").click();
    await page.getByTestId("certificate-code").fill(typed);
    await page.getByTestId("certificate-find-submit").click();
    const found = page.getByTestId("certificate-found");
    await found.getByTestId("certificate-holder").getByText(learner1.name).waitFor();
    await until(() => found.getByTestId("certificate-status").textContent()).toBe("有效");
    await until(() => found.getByTestId("certificate-display-code").textContent()).toBe(held.displayCode);

    const reason = page.getByTestId("certificate-reason");
    await reason.fill("违规");
    await page.getByTestId("certificate-revoke-start").click();
    await page.getByTestId("certificate-revoke").locator(".field-error").getByText("原因至少写 5 个字").waitFor();
    await until(() => reason.getAttribute("aria-invalid")).toBe("true");
    await reason.fill("考核录像系他人代播");
    await page.getByTestId("certificate-revoke-start").click();
    await page.getByTestId("certificate-revoke-confirm").click();

    await found.getByTestId("certificate-status").getByText("已撤销").waitFor();
    await until(() => found.getByTestId("certificate-revoke-reason").textContent()).toContain("考核录像系他人代播");
    await until(() => page.getByTestId("certificate-revoke").count()).toBe(0);
    await page.screenshot({ path: join(shots, "certificate-revoked.png"), fullPage: true });

    const after = (await learner.certification.mine.query({})).certificates.find((c) => c.certificateID === held.certificateID);
    expect(after?.status).toBe("revoked");
  });

  it("an instructor issues from the roster: only a learner who qualifies is offered 'issue' and gets the code; one who doesn't is shown what's missing", async () => {
    const host = (await e2e.client(DEMO_ACCOUNTS.hostSuqian.login)).api;
    const seat = (await host.enrolment.mine.query({})).items.find((i) => i.enrolment.status === "enrolled");
    if (!seat) throw new Error("the seeded host has no seat in the running cohort");

    const page = await e2e.phone();
    await e2e.signInDemo(page, DEMO_ACCOUNTS.instructor.login);
    await page.goto(`${e2e.stack.webUrl}/teach/${seat.cohort.cohortID}`);
    const row = (who: string) => page.getByTestId("roster-row").filter({ hasText: who });

    // the learner who doesn't qualify is offered no "issue": the cell says what is missing
    await row(learner2.name).getByTestId("issue-missing").getByText("课时完成").waitFor();
    await until(() => row(learner2.name).getByTestId("issue-certificate-button").count()).toBe(0);
    await until(() => row(learner2.name).getByTestId("issue-certificate").getAttribute("data-state")).toBe("missing");

    // the seeded host qualifies: issued already (the automatic issue) it shows the code and no button; if not yet, "issue" is offered and gives it
    const cell = row(DEMO_ACCOUNTS.hostSuqian.name).getByTestId("issue-certificate");
    await until(() => cell.getAttribute("data-state")).toMatch(/^(can_issue|issued)$/);
    const offered = (await cell.getAttribute("data-state")) === "can_issue";
    await until(() => cell.getByTestId("issue-certificate-button").count()).toBe(offered ? 1 : 0);
    if (offered) await cell.getByTestId("issue-certificate-button").click();
    const issued = cell.getByTestId("issued-certificate").locator(".cert-code");
    await until(() => issued.textContent()).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4}){6}$/);
    const code = await issued.textContent();
    if (offered)
      await page
        .locator(".toast")
        .getByText(code ?? "?")
        .waitFor();
  });

  it("ops see a delivery that failed its retries with what it was about, replay it after confirming, and find it under replayed", async () => {
    // A reaction that failed all its attempts, recorded as the bus records one, in the stack's table.
    const eventID = Id.create("event");
    const certificateID = Id.create("certificate");
    await Event.deadLetter({
      subscriber: "certificate-changed",
      envelope: {
        id: eventID,
        type: "certificate.revoked",
        version: 1,
        at: new Date().toISOString(),
        properties: { certificateID, holderID: Id.create("person"), definitionID: Id.create("definition") },
      },
      error: "Error: boom",
      attempts: 3,
    });

    const page = await e2e.phone();
    await e2e.signInDemo(page, DEMO_ACCOUNTS.ops.login);
    await page.getByTestId("ops-events-link").click();
    await page.getByTestId("ops-events-page").waitFor();

    const open = page.getByTestId("dead-letter").filter({ hasText: eventID });
    await until(() => open.getByTestId("dead-letter-type").textContent()).toBe("certificate.revoked");
    await until(() => open.getByTestId("dead-letter-subscriber").textContent()).toBe("certificate-changed");
    await until(() => open.getByTestId("dead-letter-attempts").textContent()).toBe("3");
    await until(() => open.getByTestId("dead-letter-error").textContent()).toBe("Error: boom");
    await until(() => open.getByTestId("dead-letter-properties").textContent()).toContain(`certificateID: ${certificateID}`);
    await until(() => open.getByTestId("dead-letter-failed-at").textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    await page.screenshot({ path: join(shots, "dead-letter-open.png"), fullPage: true });

    await open.getByTestId("dead-letter-replay").click();
    await open.getByTestId("dead-letter-confirm").click();
    await page.locator(".toast").getByText("已重新投递「certificate.revoked」给 certificate-changed").waitFor();
    await open.waitFor({ state: "detached" });

    await page.getByTestId("dead-letter-tab-replayed").click();
    const replayed = page.getByTestId("dead-letter").filter({ hasText: eventID });
    await until(() => replayed.getByTestId("dead-letter-status").textContent()).toBe("已重新投递");
    await until(() => replayed.getByTestId("dead-letter-replay").count()).toBe(0);
    await replayed.getByTestId("dead-letter-replayed-at").waitFor();
  });
});
