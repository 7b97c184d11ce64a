import { Dynamo } from "@zhubo/core/dynamo";
import { Ledger } from "@zhubo/core/ledger";
import { Money } from "@zhubo/core/money";

/**
 * `pnpm ledger:check`: recomputes every ledger account's balance from its lines and the whole
 * ledger's debits against its credits, names any difference, and exits 1 when there is one.
 * Against the laptop's DynamoDB Local by default (`pnpm dev` running); in the cloud, run it with
 * AWS credentials and TABLE_NAME set to the stage's table (and no DYNAMO_ENDPOINT).
 */
export async function main(): Promise<number> {
  const cloud = Boolean(process.env.TABLE_NAME) && !process.env.DYNAMO_ENDPOINT;
  process.env.TABLE_NAME ??= "zhubo-local";
  const endpoint = cloud ? undefined : (process.env.DYNAMO_ENDPOINT ?? "http://127.0.0.1:8000");
  Dynamo.useClient(await Dynamo.createClient(endpoint ? { endpoint } : {}));
  const started = Date.now();
  const checked = await Ledger.check();
  const { total } = checked;
  const balanced = total.debitsPosted === total.creditsPosted && total.debitsPending === total.creditsPending;
  console.log(`ledger ${Dynamo.table()}: ${checked.accounts} accounts checked in ${Date.now() - started} ms`);
  console.log(`  posted  debits ${Money.format(total.debitsPosted)} · credits ${Money.format(total.creditsPosted)}`);
  console.log(`  pending debits ${Money.format(total.debitsPending)} · credits ${Money.format(total.creditsPending)}`);
  for (const d of checked.differences) {
    console.log(`  ✗ ${d.accountID}: stored ${JSON.stringify(d.stored)} ≠ from its lines ${JSON.stringify(d.fromEntries)}`);
  }
  const ok = balanced && !checked.differences.length;
  console.log(
    ok
      ? "  ✓ every balance equals its entries; the ledger sums to zero"
      : `  ✗ ${checked.differences.length} account(s) differ${balanced ? "" : "; debits ≠ credits"}`,
  );
  return ok ? 0 : 1;
}

if (process.argv[1]?.endsWith("ledger-check.ts")) process.exitCode = await main();
