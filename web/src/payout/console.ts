/**
 * The local stack's payout provider console (packages/local/src/payouts.ts), served beside the API
 * only on a laptop, like the simulated bank. In the cloud the path answers with the app's HTML,
 * not JSON: the console page then says it is local-only and the ops page shows no link to it.
 */
const BASE = "/__local/payouts";

export interface ConsoleTransfer {
  reference: string;
  request: {
    method: string;
    biz_content: {
      out_biz_no: string;
      trans_amount: string;
      order_title: string;
      payee_info: { identity: string; identity_type: string; name: string };
    };
  };
  amountFen: number;
  state: "pending" | "succeeded" | "failed";
  code?: string;
  reason?: string;
  at: string;
  decidedAt?: string;
  calls: number;
}

export interface ConsoleState {
  transfers: ConsoleTransfer[];
  /** Alipay sub_code → its reason, the failures a tester may pick. */
  failures: Record<string, string>;
}

export const BEHAVIOURS = ["pending", "succeed", "timeout", "lost", "system_error"] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

const isJson = (res: Response) => res.ok && (res.headers.get("content-type") ?? "").includes("application/json");

export async function loadConsole(): Promise<ConsoleState | "unavailable"> {
  try {
    const res = await fetch(`${BASE}/transfers`, { headers: { accept: "application/json" }, cache: "no-store" });
    return isJson(res) ? ((await res.json()) as ConsoleState) : "unavailable";
  } catch {
    return "unavailable";
  }
}

export async function consoleAvailable(): Promise<boolean> {
  return (await loadConsole()) !== "unavailable";
}

async function post(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
    cache: "no-store",
  });
  if (!isJson(res)) throw new Error(`payout console: ${res.status}`);
}

/** The tester's answer for a pending transfer: paid, or refused with an Alipay sub_code. */
export function decide(reference: string, decision: "succeed" | { fail: string }): Promise<void> {
  return post(`/transfers/${encodeURIComponent(reference)}`, decision === "succeed" ? { decision } : { decision: "fail", code: decision.fail });
}

/** What the next transfer call does (waits for the tester, succeeds at once, times out, gets lost, hits a system error). */
export function planNext(behaviour: Behaviour): Promise<void> {
  return post("/next", { behaviour });
}
