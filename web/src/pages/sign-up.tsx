import { A, Navigate, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { cities, isCity } from "../api/catalog";
import { PasswordField, SelectField, TextField } from "../components/field";
import { createForm, type Problems, required } from "../components/form";
import { FormError } from "../components/ui";
import { t } from "../i18n";
import { signUp } from "../session/actions";
import { session } from "../session/session";
import { AuthLayout, safeNext } from "./auth-layout";

type Fields = "login" | "password" | "displayName" | "city" | "agree";

export function SignUpPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = () => safeNext(params.next);
  const [login, setLogin] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [displayName, setDisplayName] = createSignal("");
  const [city, setCity] = createSignal("");
  const [agree, setAgree] = createSignal(false);
  const form = createForm<Fields>(["login", "password", "displayName", "city", "agree"]);
  const signInHref = () => (next() === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next())}`);

  const check = (): Problems<Fields> => {
    const found = required<Fields>({ login: login(), password: password(), displayName: displayName() });
    if (!found.password && password().length < 8) found.password = "fieldHint.password";
    if (!agree()) found.agree = "legal.agreeRequired";
    return found;
  };
  // The same answer for a new and a taken login: on to the code step either way.
  const submit = async () => {
    const c = city();
    await signUp({ login: login(), password: password(), displayName: displayName(), city: isCity(c) ? c : undefined, agree: true });
    const query = new URLSearchParams({ login: login().trim(), ...(next() === "/" ? {} : { next: next() }) });
    navigate(`/verify-login?${query}`);
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
          <TextField
            label={t("field.login")}
            hint={t("field.login.hint")}
            form={form}
            name="login"
            value={login}
            setValue={setLogin}
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
          />
          <PasswordField
            label={t("field.password")}
            hint={t("field.password.hintNew")}
            form={form}
            name="password"
            value={password}
            setValue={setPassword}
            autocomplete="new-password"
          />
          <TextField
            label={t("field.displayName")}
            hint={t("field.displayName.hint")}
            form={form}
            name="displayName"
            value={displayName}
            setValue={setDisplayName}
            autocomplete="nickname"
            maxLength={40}
          />
          <SelectField label={t("field.city")} optional form={form} name="city" value={city} setValue={setCity}>
            <option value="">{t("field.city.none")}</option>
            <For each={cities}>{(value) => <option value={value}>{t(`city.${value}`)}</option>}</For>
          </SelectField>
          <div class="field">
            <label class="check" data-testid="sign-up-agree">
              <input
                type="checkbox"
                name="agree"
                checked={agree()}
                aria-invalid={Boolean(form.fieldError("agree"))}
                aria-describedby={form.fieldError("agree") ? "agree-error" : undefined}
                onChange={(e) => {
                  setAgree(e.currentTarget.checked);
                  form.touch("agree");
                }}
              />
              <span>
                {t("legal.agreePrefix")}
                <A href="/terms" target="_blank">
                  {t("legal.terms")}
                </A>
                {t("legal.and")}
                <A href="/privacy" target="_blank">
                  {t("legal.privacy")}
                </A>
              </span>
            </label>
            <Show when={form.fieldError("agree")}>
              {(e) => (
                <p class="field-error" id="agree-error">
                  {e()}
                </p>
              )}
            </Show>
          </div>
          <button type="submit" class="btn btn-primary btn-block" disabled={form.submitting()}>
            {form.submitting() ? t("auth.signUp.submitting") : t("auth.signUp.submit")}
          </button>
        </form>
      </AuthLayout>
    </Show>
  );
}
