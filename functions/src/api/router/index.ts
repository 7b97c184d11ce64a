import { lazy } from "@trpc/server";
import { createCallerFactory, router } from "../trpc.js";
import { authRouter } from "./auth.js";

/**
 * Sign-in and session checks load with the app; every other router loads on its first call, so a
 * cold start evaluates only what its first request needs (see `pnpm bench`).
 */
export const appRouter = router({
  auth: authRouter,
  org: lazy(() => import("./org.js").then((m) => m.orgRouter)),
  invitation: lazy(() => import("./org.js").then((m) => m.invitationRouter)),
  course: lazy(() => import("./course.js").then((m) => m.courseRouter)),
  cohort: lazy(() => import("./course.js").then((m) => m.cohortRouter)),
  enrolment: lazy(() => import("./course.js").then((m) => m.enrolmentRouter)),
  practice: lazy(() => import("./practice.js").then((m) => m.practiceRouter)),
  certification: lazy(() => import("./certification.js").then((m) => m.certificationRouter)),
  market: lazy(() => import("./market.js").then((m) => m.marketRouter)),
  ops: lazy(() => import("./ops.js").then((m) => m.opsRouter)),
  wallet: lazy(() => import("./money.js").then((m) => m.walletRouter)),
  sale: lazy(() => import("./money.js").then((m) => m.saleRouter)),
  earnings: lazy(() => import("./money.js").then((m) => m.earningsRouter)),
  payout: lazy(() => import("./payout.js").then((m) => m.payoutRouter)),
  statement: lazy(() => import("./payout.js").then((m) => m.statementRouter)),
  notification: lazy(() => import("./notification.js").then((m) => m.notificationRouter)),
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
