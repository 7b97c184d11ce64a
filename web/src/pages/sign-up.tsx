import { A, Navigate, useSearchParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { cities, isCity } from "../api/catalog";
import { Field, PasswordInput } from "../components/field";
import { createForm, type Problems, required } from "../components/form";
import { FormError } from "../components/ui";
import { t } from "../i18n";
import { signUp } from "../session/actions";
import { session } from "../session/session";
import { AuthLayout, safeNext } from "./auth-layout";

type Fields = "login" | "password" | "displayName" | "city";

export function SignUpPage() {
  const [params] = useSearchParams();
  const next = () => safeNext(params.next);
  const [login, setLogin] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [displayName, setDisplayName] = createSignal("");
  const [city, setCity] = createSignal("");
  const form = createForm<Fields>(["login", "password", "displayName", "city"]);
  const signInHref = () => (next() === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next())}`);

  const check = (): Problems<Fields> => {
    const found = required<Fields>({ login: login(), password: password(), displayName: displayName() });
    if (!found.password && password().length < 8) found.password = "fieldHint.password";
    return found;
  };
  const submit = () => {
    const c = city();
    return signUp({ login: login(), password: password(), displayName: displayName(), city: isCity(c) ? c : undefined });
  };

  return (
    <Show when={!session()} fallback={<Navigate href={next()} />}>
      <AuthLayout
        title={t("auth.signUp.title")}
        subtitle={t("auth.signUp.subtitle")}
        footer={
          <>
            {t("auth.signUp.haveAccount")} <A href={signInHref()}>{t("auth.signUp.toSignIn")}</A>
          </>
        }
      >
        <form ref={form.ref} class="form" novalidate data-testid="sign-up-form" onSubmit={(e) => form.submit(e, check, submit)}>
          <FormError message={form.formError()} />
          <Field label={t("field.login")} hint={t("field.login.hint")} error={form.fieldError("login")}>
            {(c) => (
              <input
                id={c.id}
                name="login"
                type="text"
                autocomplete="username"
                autocapitalize="none"
                spellcheck={false}
                value={login()}
                onInput={(e) => {
                  setLogin(e.currentTarget.value);
                  form.touch("login");
                }}
                aria-invalid={c.invalid}
                aria-describedby={c.describedBy}
              />
            )}
          </Field>
          <Field label={t("field.password")} hint={t("field.password.hintNew")} error={form.fieldError("password")}>
            {(c) => (
              <PasswordInput
                control={c}
                value={password()}
                autocomplete="new-password"
                onInput={(v) => {
                  setPassword(v);
                  form.touch("password");
                }}
              />
            )}
          </Field>
          <Field label={t("field.displayName")} hint={t("field.displayName.hint")} error={form.fieldError("displayName")}>
            {(c) => (
              <input
                id={c.id}
                name="displayName"
                type="text"
                autocomplete="nickname"
                maxLength={40}
                value={displayName()}
                onInput={(e) => {
                  setDisplayName(e.currentTarget.value);
                  form.touch("displayName");
                }}
                aria-invalid={c.invalid}
                aria-describedby={c.describedBy}
              />
            )}
          </Field>
          <Field label={t("field.city")} optional error={form.fieldError("city")}>
            {(c) => (
              <select
                id={c.id}
                name="city"
                value={city()}
                onChange={(e) => {
                  setCity(e.currentTarget.value);
                  form.touch("city");
                }}
                aria-invalid={c.invalid}
                aria-describedby={c.describedBy}
              >
                <option value="">{t("field.city.none")}</option>
                <For each={cities}>{(value) => <option value={value}>{t(`city.${value}`)}</option>}</For>
              </select>
            )}
          </Field>
          <button type="submit" class="btn btn-primary btn-block" disabled={form.submitting()}>
            {form.submitting() ? t("auth.signUp.submitting") : t("auth.signUp.submit")}
          </button>
        </form>
      </AuthLayout>
    </Show>
  );
}
