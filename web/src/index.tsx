import { Navigate, Route, Router, useLocation } from "@solidjs/router";
import { type JSX, Show } from "solid-js";
import { render } from "solid-js/web";
import { Shell } from "./components/shell";
import { applyToDocument } from "./i18n";
import { AgencyCertificationsPage } from "./pages/agency-certifications";
import { AgencySharePage } from "./pages/agency-share";
import { BookingPage } from "./pages/booking";
import { BookingsPage } from "./pages/bookings";
import { BrandGigPage } from "./pages/brand-gig";
import { BrandGigsPage, GigEditPage, GigNewPage } from "./pages/brand-gigs";
import { BrandWalletPage } from "./pages/brand-wallet";
import { BrowsePage } from "./pages/browse";
import { CertificatePage } from "./pages/certificate";
import { CertificatesPage } from "./pages/certificates";
import { CohortPage } from "./pages/cohort";
import { CoursePage } from "./pages/course";
import { CourseCohortsPage } from "./pages/course-cohorts";
import { CourseEditPage, CourseNewPage } from "./pages/course-manage";
import { DevMessagesPage } from "./pages/dev-messages";
import { DevPayoutsPage } from "./pages/dev-payouts";
import { EarningsPage } from "./pages/earnings";
import { ForgotPasswordPage } from "./pages/forgot-password";
import { HomePage } from "./pages/home";
import { HostCardPage, HostPublicPage } from "./pages/host-card";
import { HostGigPage, HostGigsPage } from "./pages/host-gigs";
import { InboxPage } from "./pages/inbox";
import { LandingPage } from "./pages/landing";
import { LearnPage } from "./pages/learn";
import { PrivacyPage, TermsPage } from "./pages/legal";
import { NotFoundPage } from "./pages/not-found";
import { OffersPage } from "./pages/offers";
import { OpsCertificatesPage } from "./pages/ops-certificates";
import { OpsCertificationsPage } from "./pages/ops-certifications";
import { OpsEventsPage } from "./pages/ops-events";
import { OpsMoneyPage } from "./pages/ops-money";
import { OpsPayoutRunPage } from "./pages/ops-payout-run";
import { OpsPayoutsPage } from "./pages/ops-payouts";
import { OrgPage } from "./pages/org";
import { OrgNewPage } from "./pages/org-new";
import { OrgPayoutsPage, PayoutsPage } from "./pages/payouts";
import { PracticePage } from "./pages/practice";
import { ReviewPage } from "./pages/review";
import { RosterPage } from "./pages/roster";
import { SignInPage } from "./pages/sign-in";
import { SignUpPage } from "./pages/sign-up";
import { StatementPrintPage } from "./pages/statement-print";
import { OrgStatementsPage, StatementsPage } from "./pages/statements";
import { VerifyCodePage, VerifyPage } from "./pages/verify";
import { VerifyLoginPage } from "./pages/verify-login";
import { session, sessionEnded } from "./session/session";
import "./styles.css";

function RequireAuth(props: { children: JSX.Element }) {
  const location = useLocation();
  const next = () => (location.pathname === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
  return (
    <Show when={session()} fallback={<Navigate href={next()} />}>
      {props.children}
    </Show>
  );
}

const guarded = (Page: () => JSX.Element) => () => (
  <RequireAuth>
    <Page />
  </RequireAuth>
);

/** A signed-out visitor gets the landing page at "/", a signed-in person their home, one whose session just ended the sign-in page. */
function FrontDoor() {
  return (
    <Show
      when={session()}
      fallback={
        <Show when={!sessionEnded()} fallback={<Navigate href="/sign-in" />}>
          <LandingPage />
        </Show>
      }
    >
      <HomePage />
    </Show>
  );
}

applyToDocument();

const root = document.getElementById("root");
if (root) {
  render(
    () => (
      <Router root={Shell}>
        <Route path="/sign-in" component={SignInPage} />
        <Route path="/sign-up" component={SignUpPage} />
        <Route path="/verify-login" component={VerifyLoginPage} />
        <Route path="/forgot-password" component={ForgotPasswordPage} />
        <Route path="/dev/messages" component={DevMessagesPage} />
        <Route path="/dev/payouts" component={DevPayoutsPage} />
        <Route path="/verify" component={VerifyPage} />
        <Route path="/verify/:code" component={VerifyCodePage} />
        <Route path="/" component={FrontDoor} />
        <Route path="/terms" component={TermsPage} />
        <Route path="/privacy" component={PrivacyPage} />
        <Route path="/inbox" component={guarded(InboxPage)} />
        <Route path="/orgs/new" component={guarded(OrgNewPage)} />
        <Route path="/orgs/:orgID" component={guarded(OrgPage)} />
        <Route path="/orgs/:orgID/certifications" component={guarded(AgencyCertificationsPage)} />
        <Route path="/orgs/:orgID/share" component={guarded(AgencySharePage)} />
        <Route path="/orgs/:orgID/payouts" component={guarded(OrgPayoutsPage)} />
        <Route path="/orgs/:orgID/statements" component={guarded(OrgStatementsPage)} />
        <Route path="/ops/certifications" component={guarded(OpsCertificationsPage)} />
        <Route path="/ops/certificates" component={guarded(OpsCertificatesPage)} />
        <Route path="/ops/events" component={guarded(OpsEventsPage)} />
        <Route path="/ops/money" component={guarded(OpsMoneyPage)} />
        <Route path="/ops/payouts" component={guarded(OpsPayoutsPage)} />
        <Route path="/ops/payouts/:runID" component={guarded(OpsPayoutRunPage)} />
        <Route path="/browse" component={guarded(BrowsePage)} />
        <Route path="/courses/:courseID" component={guarded(CoursePage)} />
        <Route path="/cohorts/:cohortID" component={guarded(CohortPage)} />
        <Route path="/learn/:cohortID" component={guarded(LearnPage)} />
        <Route path="/learn/:cohortID/practice" component={guarded(PracticePage)} />
        <Route path="/certificates" component={guarded(CertificatesPage)} />
        <Route path="/certificates/:certificateID" component={guarded(CertificatePage)} />
        <Route path="/teach/:cohortID" component={guarded(RosterPage)} />
        <Route path="/teach/:cohortID/review/:learnerID/:streamId" component={guarded(ReviewPage)} />
        <Route path="/manage/courses/new" component={guarded(CourseNewPage)} />
        <Route path="/manage/courses/:courseID" component={guarded(CourseEditPage)} />
        <Route path="/manage/courses/:courseID/cohorts" component={guarded(CourseCohortsPage)} />
        <Route path="/host/card" component={guarded(HostCardPage)} />
        <Route path="/hosts/:hostID" component={guarded(HostPublicPage)} />
        <Route path="/gigs" component={guarded(HostGigsPage)} />
        <Route path="/gigs/:gigID" component={guarded(HostGigPage)} />
        <Route path="/offers" component={guarded(OffersPage)} />
        <Route path="/brand/gigs" component={guarded(BrandGigsPage)} />
        <Route path="/brand/gigs/new" component={guarded(GigNewPage)} />
        <Route path="/brand/gigs/:gigID" component={guarded(BrandGigPage)} />
        <Route path="/brand/gigs/:gigID/edit" component={guarded(GigEditPage)} />
        <Route path="/brand/wallet" component={guarded(BrandWalletPage)} />
        <Route path="/bookings" component={guarded(BookingsPage)} />
        <Route path="/bookings/:bookingID" component={guarded(BookingPage)} />
        <Route path="/earnings" component={guarded(EarningsPage)} />
        <Route path="/payouts" component={guarded(PayoutsPage)} />
        <Route path="/statements" component={guarded(StatementsPage)} />
        <Route path="/statements/print" component={guarded(StatementPrintPage)} />
        <Route path="*" component={NotFoundPage} />
      </Router>
    ),
    root,
  );
}
