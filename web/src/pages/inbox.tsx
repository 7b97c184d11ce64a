import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/client";
import { createPaged, LoadMore } from "../components/async";
import { SelectField, TextField } from "../components/field";
import { createForm } from "../components/form";
import { notify, notifyError } from "../components/toast";
import { Card, EmptyState, FormError, LoadError, Loading } from "../components/ui";
import { date, t } from "../i18n";
import { type NoticeItem, noticeText, setUnread } from "../notification/inbox";

/** The inbox: newest first, unread marked; opening one marks it read and goes to its object. Message preferences below. */
export function InboxPage() {
  const navigate = useNavigate();
  const list = createPaged(
    () => true,
    async (_, cursor) => {
      const page = await api.notification.list.query({ cursor });
      setUnread(page.unread);
      return page as { items: NoticeItem[]; cursor: string | null };
    },
  );
  const [marking, setMarking] = createSignal(false);

  async function open(n: NoticeItem) {
    if (!n.read) {
      try {
        setUnread((await api.notification.markRead.mutate({ eventID: n.eventID })).unread);
      } catch (e) {
        notifyError(e);
      }
    }
    navigate(n.link);
  }

  async function markAll() {
    setMarking(true);
    try {
      setUnread((await api.notification.markAllRead.mutate({})).unread);
      await list.reload();
    } catch (e) {
      notifyError(e);
    } finally {
      setMarking(false);
    }
  }

  return (
    <div class="page page-narrow" data-testid="inbox-page">
      <header class="page-head page-head-row">
        <h1>{t("inbox.title")}</h1>
        <Show when={list.items().some((n) => !n.read)}>
          <button type="button" class="btn btn-secondary btn-small" data-testid="inbox-mark-all" disabled={marking()} onClick={markAll}>
            {t("inbox.markAll")}
          </button>
        </Show>
      </header>
      <Show when={list.state() !== "error"} fallback={<LoadError error={list.error()} retry={list.reload} />}>
        <Show when={list.state() !== "loading"} fallback={<Loading />}>
          <Show when={list.items().length} fallback={<EmptyState icon="inbox" title={t("inbox.empty")} body={t("inbox.emptyBody")} testid="inbox-empty" />}>
            <ul class="inbox-list" data-testid="inbox-list">
              <For each={list.items()}>
                {(n) => (
                  <li>
                    <button
                      type="button"
                      class="inbox-item"
                      classList={{ unread: !n.read }}
                      data-testid={`notice-${n.kind}`}
                      data-read={n.read ? "yes" : "no"}
                      onClick={() => void open(n)}
                    >
                      <span class="inbox-dot" classList={{ read: n.read }} aria-hidden="true" />
                      <span>
                        <Show when={!n.read}>
                          <span class="sr-only">{t("inbox.unread")}: </span>
                        </Show>
                        {noticeText(n)}
                        <time dateTime={n.createdAt}>{date(n.createdAt, "dateTime")}</time>
                      </span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
            <LoadMore of={list} />
          </Show>
        </Show>
      </Show>
      <Preferences />
    </div>
  );
}

function Preferences() {
  const [prefs] = createResource(() => api.notification.preferences.query({}));
  return (
    <Show when={prefs()} fallback={<Show when={prefs.error}>{(e) => <LoadError error={e()} />}</Show>}>
      {(p) => <PreferencesForm initial={p()} />}
    </Show>
  );
}

type Messages = "important" | "all" | "none";

function PreferencesForm(props: { initial: { messages: Messages; quietFrom: string; quietTo: string } }) {
  const [messages, setMessages] = createSignal<string>(props.initial.messages);
  const [quietFrom, setQuietFrom] = createSignal(props.initial.quietFrom);
  const [quietTo, setQuietTo] = createSignal(props.initial.quietTo);
  const form = createForm(["messages", "quietFrom", "quietTo"] as const);
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  return (
    <Card title={t("inbox.prefs")} testid="inbox-prefs">
      <form
        ref={form.ref}
        class="stack"
        onSubmit={(e) =>
          form.submit(
            e,
            () => ({
              ...(hhmm.test(quietFrom()) ? {} : { quietFrom: "inbox.prefs.badTime" as const }),
              ...(hhmm.test(quietTo()) ? {} : { quietTo: "inbox.prefs.badTime" as const }),
            }),
            async () => {
              await api.notification.setPreferences.mutate({ messages: messages() as Messages, quietFrom: quietFrom(), quietTo: quietTo() });
              notify(() => t("inbox.prefs.saved"));
            },
          )
        }
      >
        <SelectField
          label={t("inbox.prefs.messages")}
          hint={t("inbox.prefs.messagesHint")}
          form={form}
          name="messages"
          value={messages}
          setValue={setMessages}
          testid="prefs-messages"
        >
          <option value="important">{t("inbox.prefs.important")}</option>
          <option value="all">{t("inbox.prefs.all")}</option>
          <option value="none">{t("inbox.prefs.none")}</option>
        </SelectField>
        <fieldset class="stack">
          <legend>{t("inbox.prefs.quiet")}</legend>
          <div class="field-row">
            <TextField
              label={t("inbox.prefs.quietFrom")}
              form={form}
              name="quietFrom"
              value={quietFrom}
              setValue={setQuietFrom}
              inputMode="numeric"
              placeholder="22:00"
              maxLength={5}
              data-testid="prefs-quiet-from"
            />
            <TextField
              label={t("inbox.prefs.quietTo")}
              form={form}
              name="quietTo"
              value={quietTo}
              setValue={setQuietTo}
              inputMode="numeric"
              placeholder="08:00"
              maxLength={5}
              data-testid="prefs-quiet-to"
            />
          </div>
          <p class="field-hint">{t("inbox.prefs.quietHint")}</p>
        </fieldset>
        <FormError message={form.formError()} />
        <button type="submit" class="btn btn-primary" disabled={form.submitting()} data-testid="prefs-save">
          {t("inbox.prefs.save")}
        </button>
      </form>
    </Card>
  );
}
