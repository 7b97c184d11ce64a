import { A, useParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { api } from "../api/client";
import { createPaged, LoadMore, loaded } from "../components/async";
import { Card, EmptyState, LoadError, Loading } from "../components/ui";
import { t } from "../i18n";
import { BookForm } from "../practice/book-form";
import { GoLive } from "../practice/go-live";
import { SessionList } from "../practice/session-list";
import { SlotList } from "../practice/slot-list";
import { slotPhase, splitSlots } from "../practice/slots";
import { CohortNotice } from "../training/cohort-bits";

/** The clock slots are judged by; ticks often enough that a slot opens within seconds of its time. */
function createNow(everyMs: number) {
  const [now, setNow] = createSignal(Date.now());
  const timer = window.setInterval(() => setNow(Date.now()), everyMs);
  onCleanup(() => window.clearInterval(timer));
  return now;
}

/** An enrolled learner's practice: book a quarter-hour slot, see their slots, and go live in one. */
export function PracticePage() {
  const params = useParams<{ cohortID: string }>();
  const now = createNow(15_000);
  const [view, { refetch }] = createResource(
    () => params.cohortID,
    (cohortID) => api.enrolment.progress.query({ cohortID }),
  );
  const slots = createPaged(
    () => params.cohortID,
    (_cohortID, cursor) => api.practice.mine.query({ cursor }),
  );
  const mine = () => slots.items().filter((l) => l.cohortID === params.cohortID);
  const split = createMemo(() => splitSlots(mine(), now()));
  // Keyed by id so a list reload keeps an open panel (and the key it fetched) in place.
  const liveIDs = createMemo(
    () =>
      split()
        .ahead.filter((l) => slotPhase(l, now()) === "live")
        .map((l) => l.leaseID),
    [],
    {
      equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]),
    },
  );
  const leaseOf = (id: string) => mine().find((l) => l.leaseID === id);

  return (
    <div class="page page-narrow" data-testid="practice-page">
      <A href={`/learn/${params.cohortID}`} class="back-link">
        {t("practice.back")}
      </A>
      <Show when={!view.error} fallback={<LoadError error={view.error} retry={refetch} />}>
        <Show when={loaded(view)} fallback={<Loading />}>
          {(v) => (
            <div class="stack">
              <header class="page-head">
                <p class="muted">{v().cohort.title}</p>
                <h1>{t("practice.title")}</h1>
              </header>
              <CohortNotice cohort={v().cohort} />
              <Show
                when={v().enrolment.status === "enrolled"}
                fallback={
                  <p class="notice notice-info" data-testid="practice-waitlisted">
                    {t("practice.waitlisted")}
                  </p>
                }
              >
                <For each={liveIDs()}>{(id) => <Show when={leaseOf(id)}>{(lease) => <GoLive lease={lease()} />}</Show>}</For>
                <Card title={t("practice.bookTitle")} testid="practice-book-card">
                  <BookForm cohortID={params.cohortID} now={now} onBooked={() => void slots.reload()} />
                </Card>
              </Show>
              <Card title={t("practice.mine")} testid="practice-mine">
                <Show when={slots.state() !== "error"} fallback={<LoadError error={slots.error()} retry={() => void slots.reload()} />}>
                  <Show when={slots.state() !== "loading" || mine().length} fallback={<Loading />}>
                    <Show when={mine().length} fallback={<EmptyState icon="inbox" title={t("practice.empty")} body={t("practice.emptyBody")} />}>
                      <div class="stack">
                        <SlotList
                          title={t("practice.ahead")}
                          leases={split().ahead}
                          now={now}
                          testid="practice-ahead"
                          onCancelled={() => void slots.reload()}
                        />
                        <SlotList title={t("practice.behind")} leases={split().behind} now={now} testid="practice-behind" />
                      </div>
                    </Show>
                  </Show>
                  <LoadMore of={slots} />
                </Show>
              </Card>
              <SessionList cohortID={params.cohortID} />
            </div>
          )}
        </Show>
      </Show>
    </div>
  );
}
