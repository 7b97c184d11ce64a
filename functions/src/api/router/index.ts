import { createCallerFactory, router } from "../trpc.js";
import { authRouter } from "./auth.js";
import { certificationRouter } from "./certification.js";
import { cohortRouter, courseRouter, enrolmentRouter } from "./course.js";
import { invitationRouter, orgRouter } from "./org.js";
import { practiceRouter } from "./practice.js";

export const appRouter = router({
  auth: authRouter,
  org: orgRouter,
  invitation: invitationRouter,
  course: courseRouter,
  cohort: cohortRouter,
  enrolment: enrolmentRouter,
  practice: practiceRouter,
  certification: certificationRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
