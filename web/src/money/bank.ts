/**
 * The local stack's simulated bank (packages/local/src/bank.ts), served beside the API only on a
 * laptop, like /__local/messages. In the cloud the path answers with the app's HTML, not JSON:
 * the wallet page then offers only the bank's payment reference.
 */
const BANK = "/__local/bank/transfers";

const isJson = (res: Response) => res.ok && (res.headers.get("content-type") ?? "").includes("application/json");

export async function bankAvailable(): Promise<boolean> {
  try {
    return isJson(await fetch(BANK, { headers: { accept: "application/json" }, cache: "no-store" }));
  } catch {
    return false;
  }
}

async function post(path: string, body?: unknown): Promise<Response> {
  const res = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
  });
  if (!isJson(res)) throw new Error(`simulated bank: ${res.status}`);
  return res;
}

/** The payer announces a transfer: pending until the tester completes it. */
export async function startTransfer(amountFen: number): Promise<string> {
  const { reference } = (await (await post(BANK, { amountFen })).json()) as { reference: string };
  return reference;
}

export async function completeTransfer(reference: string, outcome: "succeeded" | "failed"): Promise<void> {
  await post(`${BANK}/${encodeURIComponent(reference)}/${outcome}`);
}
