import { Cohort } from "@zhubo/core/cohort";
import { Course } from "@zhubo/core/course";
import { procedure, router } from "../trpc.js";

export const courseRouter = router({
  create: procedure.input(Course.create.schema).mutation(({ input }) => Course.create(input)),
  get: procedure.input(Course.get.schema).query(({ input }) => Course.get(input)),
  listByAgency: procedure.input(Course.listByAgency.schema).query(({ input }) => Course.listByAgency(input)),
  publish: procedure.input(Course.publish.schema).mutation(({ input }) => Course.publish(input)),
});

export const cohortRouter = router({
  create: procedure.input(Cohort.create.schema).mutation(({ input }) => Cohort.create(input)),
  listByCourse: procedure.input(Cohort.listByCourse.schema).query(({ input }) => Cohort.listByCourse(input)),
});
