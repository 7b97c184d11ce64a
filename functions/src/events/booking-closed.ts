import { Event } from "@zhubo/core/event";
import { Market } from "@zhubo/core/market";
import { lambda } from "../bus.js";

/** A session happened or the host didn't show: the host's track record counts it, once per event. */
export const subscriber = Event.subscriber("booking-closed", [Market.BookingCompleted, Market.BookingNoShow], async (event, once) => {
  await Market.countSession(event.type === "booking.no_show" ? "no_show" : "completed", event.properties.hostID, once);
});

export const handler = lambda(subscriber);
