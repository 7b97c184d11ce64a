import { Catalogue } from "@zhubo/core/catalogue";
import { Cohort } from "@zhubo/core/cohort";
import { Course } from "@zhubo/core/course";
import { Enrolment } from "@zhubo/core/enrolment";
import { procedure, router } from "../trpc.js";

export const courseRouter = router({
  create: procedure.input(Course.create.schema).mutation(({ input }) => Course.create(input)),
  update: procedure.input(Catalogue.update.schema).mutation(({ input }) => Catalogue.update(input)),
  publish: procedure.input(Catalogue.publish.schema).mutation(({ input }) => Catalogue.publish(input)),
  unpublish: procedure.input(Catalogue.unpublish.schema).mutation(({ input }) => Catalogue.unpublish(input)),
  get: procedure.input(Course.get.schema).query(({ input }) => Course.get(input)),
  listByAgency: procedure.input(Course.listByAgency.schema).query(({ input }) => Course.listByAgency(input)),
  browse: procedure.input(Course.browse.schema).query(({ input }) => Course.browse(input)),
});

export const cohortRouter = router({
  create: procedure.input(Cohort.create.schema).mutation(({ input }) => Cohort.create(input)),
  get: procedure.input(Cohort.get.schema).query(({ input }) => Cohort.get(input)),
  listByCourse: procedure.input(Cohort.listByCourse.schema).query(({ input }) => Cohort.listByCourse(input)),
  listByAgency: procedure.input(Cohort.listByAgency.schema).query(({ input }) => Cohort.listByAgency(input)),
  browse: procedure.input(Cohort.browse.schema).query(({ input }) => Cohort.browse(input)),
  teaching: procedure.input(Cohort.teaching.schema).query(({ input }) => Cohort.teaching(input)),
  cancel: procedure.input(Cohort.cancel.schema).mutation(({ input }) => Cohort.cancel(input)),
  defer: procedure.input(Cohort.defer.schema).mutation(({ input }) => Cohort.defer(input)),
  roster: procedure.input(Enrolment.roster.schema).query(({ input }) => Enrolment.roster(input)),
});

export const enrolmentRouter = router({
  enrol: procedure.input(Enrolment.enrol.schema).mutation(({ input }) => Enrolment.enrol(input)),
  withdraw: procedure.input(Enrolment.withdraw.schema).mutation(({ input }) => Enrolment.withdraw(input)),
  mine: procedure.input(Enrolment.mine.schema).query(({ input }) => Enrolment.mine(input)),
  progress: procedure.input(Enrolment.progress.schema).query(({ input }) => Enrolment.progress(input)),
  completeLesson: procedure.input(Enrolment.completeLesson.schema).mutation(({ input }) => Enrolment.completeLesson(input)),
});
