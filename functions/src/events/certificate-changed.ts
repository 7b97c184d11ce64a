import { Certification } from "@zhubo/core/certification";
import { Event } from "@zhubo/core/event";
import { Market } from "@zhubo/core/market";
import { lambda } from "../bus.js";

/** A certificate issued, renewed or revoked: re-list the host, so matching finds them under what they hold now. */
export const subscriber = Event.subscriber(
  "certificate-changed",
  [Certification.Issued, Certification.Renewed, Certification.Revoked],
  async ({ properties }) => {
    await Market.relist(properties.holderID);
  },
);

export const handler = lambda(subscriber);
