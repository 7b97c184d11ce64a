import { A, Navigate, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { PasswordField, TextField } from "../components/field";
import { createForm, required } from "../components/form";
import { FormError } from "../components/ui";
import { t } from "../i18n";
import { signIn } from "../session/actions";
import { session, sessionEnded } from "../session/session";
import { AuthLayout, safeNext } from "./auth-layout";

export function SignInPage() {
  const [params] = useSearchParams();
  const next = () => safeNext(params.next);
  const [login, setLogin] = createSignal("");
  const [password, setPassword] = createSignal("");
  const form = createForm(["login", "password"] as const);
  const signUpHref = () => (next() === "/" ? "/sign-up" : `/sign-up?next=${encodeURIComponent(next())}`);

  return (
    <Show when={!session()} fallback={<Navigate href={next()} />}>
      <AuthLayout
        title={t("auth.signIn.title")}
        subtitle={t("auth.signIn.subtitle")}
        footer={
          <>
            {t("auth.signIn.noAccount")} <A href={signUpHref()}>{t("auth.signIn.toSignUp")}</A>
          </>
        }
      >
        <form
          ref={form.ref}
          class="form"
          novalidate
          data-testid="sign-in-form"
          onSubmit={(e) =>
            form.submit(
              e,
              () => required({ login: login(), password: password() }),
              () => signIn(login(), password()),
            )
          }
        >
          <Show when={sessionEnded() && !form.formError()}>
            <p class="notice notice-info" role="status">
              {t("error.auth.session_expired")}
            </p>
          </Show>
          <FormError message={form.formError()} />
          <TextField
            label={t("field.login")}
            form={form}
            name="login"
            value={login}
            setValue={setLogin}
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
          />
          <PasswordField label={t("field.password")} form={form} name="password" value={password} setValue={setPassword} autocomplete="current-password" />
          <p class="field-hint">
            <A href="/forgot-password" data-testid="forgot-link">
              {t("forgot.link")}
            </A>
          </p>
          <button type="submit" class="btn btn-primary btn-block" disabled={form.submitting()}>
            {form.submitting() ? t("auth.signIn.submitting") : t("auth.signIn.submit")}
          </button>
        </form>
      </AuthLayout>
    </Show>
  );
}
