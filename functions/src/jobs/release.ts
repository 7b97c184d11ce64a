import { Actor } from "@zhubo/core/actor";
import { Sale } from "@zhubo/core/sale";

/** Every 15 minutes: commission whose return window has closed becomes available (the "holds by release time" index). */
export async function handler(): Promise<{ bookings: number; posted: number }> {
  const released = await Actor.provide({ type: "system", name: "commission-release" }, () => Sale.releaseDue());
  console.log(JSON.stringify({ level: "info", job: "commission.release", ...released }));
  return released;
}
