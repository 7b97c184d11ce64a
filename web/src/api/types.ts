import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@zhubo/functions/api/router/index";

export type Api = TRPCClient<AppRouter>;
type Out<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
type In<F extends (...args: never[]) => unknown> = Parameters<F>[0];

export type Tokens = Out<Api["auth"]["signIn"]["mutate"]>;
export type Membership = Tokens["memberships"][number];
export type Me = Out<Api["auth"]["me"]["query"]>;
export type Org = Out<Api["org"]["get"]["query"]>;
export type OrgKind = Org["kind"];
export type OrgStatus = Org["status"];
export type OrgMember = Out<Api["org"]["members"]["query"]>["items"][number];
export type SentInvitation = Out<Api["org"]["invitations"]["query"]>["items"][number];
export type MyInvitation = Out<Api["invitation"]["mine"]["query"]>[number];
export type City = NonNullable<In<Api["auth"]["signUp"]["mutate"]>["city"]>;
export type Category = NonNullable<In<Api["org"]["create"]["mutate"]>["categories"]>[number];
export type InviteRole = In<Api["org"]["invite"]["mutate"]>["role"];

export type Course = Out<Api["course"]["get"]["query"]>;
export type CourseSummary = Out<Api["course"]["listByAgency"]["query"]>["items"][number];
export type CourseInput = In<Api["course"]["create"]["mutate"]>;
export type CourseLanguage = CourseInput["language"];
export type Cohort = Out<Api["cohort"]["get"]["query"]>;
export type CohortInput = In<Api["cohort"]["create"]["mutate"]>;
export type RosterPage = Out<Api["cohort"]["roster"]["query"]>;
export type RosterItem = RosterPage["items"][number];
export type Progress = RosterItem["progress"];
export type MyEnrolment = Out<Api["enrolment"]["mine"]["query"]>["items"][number];
export type EnrolmentView = Out<Api["enrolment"]["progress"]["query"]>;
export type Enrolled = Out<Api["enrolment"]["enrol"]["mutate"]>;
export type Lease = Out<Api["practice"]["mine"]["query"]>["items"][number];
export type OpenLease = Out<Api["practice"]["open"]["mutate"]>;
export type LiveSlot = Out<Api["practice"]["live"]["query"]>["items"][number];
export type PracticeSession = Out<Api["practice"]["sessions"]["query"]>["items"][number];
export type PracticeReview = Out<Api["practice"]["myReviews"]["query"]>[number];
export type ReviewInput = In<Api["practice"]["review"]["mutate"]>;
