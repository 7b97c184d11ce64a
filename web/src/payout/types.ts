import type { Api } from "../api/types";

type Out<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export type PayoutSettings = Out<Api["payout"]["settings"]["query"]>;
export type MyPayouts = Out<Api["payout"]["mine"]["query"]>;
export type PayoutItem = MyPayouts["items"][number];
export type PayoutStatus = PayoutItem["status"];
export type PayoutRun = Out<Api["payout"]["runs"]["query"]>["items"][number];
export type PayoutRunPhase = PayoutRun["phase"];
export type PayoutRunDetail = Out<Api["payout"]["run"]["query"]>;
export type RunCheck = Out<Api["payout"]["check"]["mutate"]>;
export type StatementInfo = Out<Api["statement"]["of"]["query"]>;
export type AccountStatement = StatementInfo["accounts"][number];
export type StatementMovement = AccountStatement["movements"][number];
