import { Membership } from "@zhubo/core/membership";
import { Org } from "@zhubo/core/org";
import { procedure, router } from "../trpc.js";

export const orgRouter = router({
  create: procedure.input(Org.create.schema).mutation(({ input }) => Org.create(input)),
  get: procedure.input(Org.get.schema).query(({ input }) => Org.get(input)),
  mine: procedure.query(() => Org.mine()),
  listByStatus: procedure.input(Org.listByStatus.schema).query(({ input }) => Org.listByStatus(input)),
  approve: procedure.input(Org.approve.schema).mutation(({ input }) => Org.approve(input)),
  reject: procedure.input(Org.reject.schema).mutation(({ input }) => Org.reject(input)),
  invite: procedure.input(Org.invite.schema).mutation(({ input }) => Org.invite(input)),
  members: procedure.input(Membership.members.schema).query(({ input }) => Membership.members(input)),
  invitations: procedure.input(Membership.invitations.schema).query(({ input }) => Membership.invitations(input)),
  revokeInvitation: procedure.input(Membership.revokeInvitation.schema).mutation(({ input }) => Membership.revokeInvitation(input)),
  removeMember: procedure.input(Membership.remove.schema).mutation(({ input }) => Membership.remove(input)),
});

export const invitationRouter = router({
  mine: procedure.query(() => Membership.myInvitations()),
  accept: procedure.input(Membership.accept.schema).mutation(({ input }) => Membership.accept(input)),
  decline: procedure.input(Membership.decline.schema).mutation(({ input }) => Membership.decline(input)),
});
