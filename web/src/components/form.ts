import { createMemo, createSignal } from "solid-js";
import { type ApiError, toApiError } from "../api/errors";
import { locale, type MessageKey, t } from "../i18n";
import { describeError } from "../i18n/error-text";

export type Problems<F extends string> = Partial<Record<F, MessageKey>>;

/**
 * Submit state, client-side checks and API errors for one form. Errors are kept as data and
 * described at render time, so switching language re-translates them. Field errors show beside
 * their inputs (and the first invalid input takes focus); the form-level message appears only
 * when no shown field explains the failure. Forms with lists of parts ("modules.0.title") pass a
 * predicate naming the paths they show instead of a fixed list.
 */
export function createForm<F extends string>(fields: readonly F[] | ((name: string) => boolean)) {
  const shows = typeof fields === "function" ? fields : (name: string) => (fields as readonly string[]).includes(name);
  const [apiError, setApiError] = createSignal<ApiError | null>(null);
  const [problems, setProblems] = createSignal<Problems<F>>({});
  const [submitting, setSubmitting] = createSignal(false);
  let form: HTMLFormElement | undefined;

  const described = createMemo(() => {
    const e = apiError();
    return e ? describeError(e, locale()) : { form: undefined, fields: {} as Record<string, string> };
  });

  function focusFirstInvalid() {
    requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  async function run(check: () => Problems<F>, action: () => Promise<void>) {
    if (submitting()) return;
    setApiError(null);
    const found = check();
    setProblems(() => found);
    if (Object.values(found).some(Boolean)) return focusFirstInvalid();
    setSubmitting(true);
    try {
      await action();
    } catch (e) {
      setApiError(toApiError(e));
      focusFirstInvalid();
    } finally {
      setSubmitting(false);
    }
  }

  return {
    ref(el: HTMLFormElement) {
      form = el;
    },
    submitting,
    fieldError(name: F): string | undefined {
      const key = problems()[name];
      return key ? t(key) : described().fields[name];
    },
    formError() {
      const shown = Object.keys(described().fields);
      const explained = shown.length > 0 && shown.every(shows);
      return explained ? undefined : described().form;
    },
    /** Clears one field's message while the person edits it. */
    touch(name: F) {
      if (problems()[name]) setProblems((p) => ({ ...p, [name]: undefined }));
      const e = apiError();
      if (e?.fields[name] !== undefined) {
        setApiError({ ...e, fields: Object.fromEntries(Object.entries(e.fields).filter(([k]) => k !== name)) });
      }
    },
    reset() {
      setApiError(null);
      setProblems({});
    },
    /** For buttons that are not a form submit (several actions on one form). */
    run,
    submit(event: SubmitEvent, check: () => Problems<F>, action: () => Promise<void>) {
      event.preventDefault();
      return run(check, action);
    },
  };
}

export function required<F extends string>(values: Partial<Record<F, string>>): Problems<F> {
  const out: Problems<F> = {};
  for (const [name, value] of Object.entries(values) as [F, string | undefined][]) if (!value?.trim()) out[name] = "form.required";
  return out;
}
