import { Certification } from "@zhubo/core/certification";
import { procedure, router } from "../trpc.js";

export const certificationRouter = router({
  // definitions: ops define and decide; agencies propose; approved ones are public
  define: procedure.input(Certification.define.schema).mutation(({ input }) => Certification.define(input)),
  update: procedure.input(Certification.update.schema).mutation(({ input }) => Certification.update(input)),
  approve: procedure.input(Certification.approve.schema).mutation(({ input }) => Certification.approve(input)),
  reject: procedure.input(Certification.reject.schema).mutation(({ input }) => Certification.reject(input)),
  definition: procedure.input(Certification.definition.schema).query(({ input }) => Certification.definition(input)),
  listByStatus: procedure.input(Certification.listByStatus.schema).query(({ input }) => Certification.listByStatus(input)),
  listByOwner: procedure.input(Certification.listByOwner.schema).query(({ input }) => Certification.listByOwner(input)),
  // certificates
  mine: procedure.input(Certification.mine.schema).query(({ input }) => Certification.mine(input)),
  issueFor: procedure.input(Certification.issueFor.schema).mutation(({ input }) => Certification.issueFor(input)),
  ofRoster: procedure.input(Certification.ofRoster.schema).query(({ input }) => Certification.ofRoster(input)),
  renew: procedure.input(Certification.renew.schema).mutation(({ input }) => Certification.renew(input)),
  credential: procedure.input(Certification.credential.schema).query(({ input }) => Certification.credential(input)),
  revoke: procedure.input(Certification.revoke.schema).mutation(({ input }) => Certification.revoke(input)),
  find: procedure.input(Certification.find.schema).query(({ input }) => Certification.find(input)),
  // public: anyone, signed in or not (rate-limited per source address)
  verify: procedure.input(Certification.verify.schema).query(({ input }) => Certification.verify(input)),
  verifyCredential: procedure.input(Certification.verifyCredential.schema).mutation(({ input }) => Certification.verifyCredential(input)),
});
