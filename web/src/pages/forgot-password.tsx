import { A, Navigate, useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { PasswordField, TextField } from "../components/field";
import { createForm, type Problems, required } from "../components/form";
import { FormError } from "../components/ui";
import { t } from "../i18n";
import { requestPasswordReset, resetPassword } from "../session/account";
import { session } from "../session/session";
import { AuthLayout } from "./auth-layout";

/** Forgot password: a code to the login (the same answer whether it has an account), then code + new password. */
export function ForgotPasswordPage() {
  const navigate = useNavigate();
  const [login, setLogin] = createSignal("");
  const [code, setCode] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [sentTo, setSentTo] = createSignal<string>();
  const ask = createForm(["login"] as const);
  const reset = createForm(["code", "password"] as const);

  const checkReset = (): Problems<"code" | "password"> => {
    const found = required<"code" | "password">({ code: code(), password: password() });
    if (!found.code && !/^\d{6}$/.test(code().trim())) found.code = "loginCode.code.hint";
    if (!found.password && password().length < 8) found.password = "fieldHint.password";
    return found;
  };

  return (
    <Show when={!session()} fallback={<Navigate href="/" />}>
      <AuthLayout
        title={t("forgot.title")}
        subtitle={t("forgot.subtitle")}
        footer={
          <>
            {t("forgot.back")} <A href="/sign-in">{t("loginCode.toSignIn")}</A>
          </>
        }
      >
        <form
          ref={ask.ref}
          class="form"
          novalidate
          data-testid="forgot-form"
          onSubmit={(e) =>
            ask.submit(
              e,
              () => required({ login: login() }),
              async () => {
                await requestPasswordReset(login());
                setSentTo(login());
              },
            )
          }
        >
          <FormError message={ask.formError()} />
          <TextField
            label={t("field.login")}
            form={ask}
            name="login"
            value={login}
            setValue={setLogin}
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
          />
          <button type="submit" class="btn btn-block" classList={{ "btn-primary": !sentTo() }} disabled={ask.submitting()}>
            {ask.submitting() ? t("forgot.sending") : t("forgot.send")}
          </button>
        </form>
        <Show when={sentTo()}>
          {(to) => (
            <form
              ref={reset.ref}
              class="form"
              novalidate
              data-testid="reset-form"
              onSubmit={(e) =>
                reset.submit(e, checkReset, async () => {
                  await resetPassword(to(), code().trim(), password());
                  navigate("/", { replace: true });
                })
              }
            >
              <p class="notice notice-info" role="status" data-testid="reset-sent">
                {t("forgot.sent", { login: to() })}
              </p>
              <FormError message={reset.formError()} />
              <TextField
                label={t("loginCode.code")}
                hint={t("loginCode.code.hint")}
                form={reset}
                name="code"
                value={code}
                setValue={setCode}
                inputmode="numeric"
                autocomplete="one-time-code"
                maxLength={6}
              />
              <PasswordField
                label={t("forgot.newPassword")}
                hint={t("forgot.otherSessions")}
                form={reset}
                name="password"
                value={password}
                setValue={setPassword}
                autocomplete="new-password"
              />
              <button type="submit" class="btn btn-primary btn-block" disabled={reset.submitting()}>
                {reset.submitting() ? t("forgot.submitting") : t("forgot.submit")}
              </button>
            </form>
          )}
        </Show>
      </AuthLayout>
    </Show>
  );
}
