import { Certification } from "@zhubo/core/certification";
import { Enrolment } from "@zhubo/core/enrolment";
import { Event } from "@zhubo/core/event";
import { lambda } from "../bus.js";

/** Evidence changed: issue the certificate it now earns, or renew a held one that is due (idempotent by itself). */
export const subscriber = Event.subscriber("enrolment-evidence-changed", [Enrolment.EvidenceChanged], async ({ properties }) => {
  await Certification.evaluate(properties.cohortID, properties.learnerID);
});

export const handler = lambda(subscriber);
