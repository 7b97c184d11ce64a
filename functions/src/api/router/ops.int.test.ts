import { Event } from "@zhubo/core/event";
import { describe, expect, it } from "vitest";
import { ops, signUp } from "../../../../packages/core/test/factory.js";
import { caller, failure } from "./testing.js";

const envelope = (): Event.Envelope => ({
  id: "evt_01JDQ00000000000000000000D",
  type: "enrolment.evidence_changed",
  version: 1,
  at: new Date().toISOString(),
  properties: { cohortID: "coh_01JDQ0000000000000000000AA", learnerID: "prs_01JDQ0000000000000000000AA", cause: "lesson" },
});

describe("ops.deadLetters and ops.replay", () => {
  it("show ops the failed deliveries and replay one once; everyone else is refused, bad ids are a field error", async () => {
    const operator = await ops();
    const learner = await signUp();
    const deadLetterID = await Event.deadLetter({ subscriber: "enrolment-evidence-changed", envelope: envelope(), error: "Error: boom", attempts: 3 });
    expect((await failure(caller().ops.deadLetters({}))).code).toBe("UNAUTHORIZED");
    expect((await failure(caller(learner.actor).ops.deadLetters({}))).code).toBe("FORBIDDEN");
    expect((await failure(caller(learner.actor).ops.replay({ deadLetterID }))).code).toBe("FORBIDDEN");
    const bad = await failure(caller(operator.actor).ops.replay({ deadLetterID: "dlt_nope" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.fields).toHaveProperty("deadLetterID");
    expect((await failure(caller(operator.actor).ops.deadLetters({ cursor: "garbage" }))).fields).toHaveProperty("cursor");
    const asOps = caller(operator.actor).ops;
    expect((await asOps.deadLetters({})).items.map((d) => d.deadLetterID)).toEqual([deadLetterID]);
    expect(await asOps.replay({ deadLetterID })).toMatchObject({ deadLetterID, status: "replayed" });
    expect((await failure(asOps.replay({ deadLetterID }))).code).toBe("CONFLICT");
    expect((await asOps.deadLetters({})).items).toEqual([]);
    expect((await failure(asOps.replay({ deadLetterID: "dlt_01JDQ00000000000000000000Z" }))).code).toBe("NOT_FOUND");
  });
});
