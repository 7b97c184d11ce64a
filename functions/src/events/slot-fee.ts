import { Event } from "@zhubo/core/event";
import { Market } from "@zhubo/core/market";
import { Sale } from "@zhubo/core/sale";
import { lambda } from "../bus.js";

/**
 * A session happened: its slot fee's hold posts from the brand's wallet and escrow pays the host,
 * the agency and the platform their split. The ledger command's id is the booking's, so a
 * duplicate delivery posts nothing again.
 */
export const subscriber = Event.subscriber("slot-fee", [Market.BookingCompleted], async (event) => {
  await Sale.settleSlotFee(event.properties.bookingID);
});

export const handler = lambda(subscriber);
