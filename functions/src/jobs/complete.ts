import { Actor } from "@zhubo/core/actor";
import { Market } from "@zhubo/core/market";

/** Every 15 minutes: bookings whose no-show window has closed complete (booking.completed). */
export async function handler(): Promise<{ completed: number }> {
  const completed = await Actor.provide({ type: "system", name: "booking-completion" }, () => Market.completeDue());
  console.log(JSON.stringify({ level: "info", job: "booking.complete", completed }));
  return { completed };
}
