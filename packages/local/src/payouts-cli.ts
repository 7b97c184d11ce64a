import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Money } from "@zhubo/core/money";
import { Payout } from "@zhubo/core/payout";

/**
 * `pnpm payouts`: the local payout provider's console on the command line (the same files the
 * web console at /dev/payouts shows). `list`, `succeed REF`, `fail REF CODE`, `next BEHAVIOUR`.
 */
export async function main(args = process.argv.slice(2)): Promise<number> {
  const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
  const dir = join(process.env.ZHUBO_DATA_DIR ?? join(repoRoot, ".data"), "payouts");
  const provider = Payout.createLocalPayoutProvider(dir);
  const [command = "list", a, b] = args;
  try {
    if (command === "list") {
      for (const t of provider.list())
        console.log(`${t.state.padEnd(9)} ${t.reference}  ${Money.format(t.amountFen)}  → ${t.request.biz_content.payee_info.identity} ${t.code ?? ""}`);
      return 0;
    }
    if (command === "succeed" && a) provider.decide(a, "succeed");
    else if (command === "fail" && a && b) provider.decide(a, { fail: b });
    else if (command === "next" && a)
      provider.plan((["pending", "succeed", "timeout", "lost", "system_error"].includes(a) ? a : { fail: a }) as Payout.Behaviour);
    else {
      console.error("usage: pnpm payouts [list | succeed REF | fail REF CODE | next pending|succeed|timeout|lost|system_error|CODE]");
      console.error(`failure codes: ${Object.keys(Payout.FAILURES).join(", ")}`);
      return 2;
    }
    console.log("ok");
    return 0;
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
}

if (process.argv[1]?.endsWith("payouts-cli.ts")) process.exitCode = await main();
