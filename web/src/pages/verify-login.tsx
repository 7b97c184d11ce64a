import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, onCleanup, Show } from "solid-js";
import { TextField } from "../components/field";
import { createForm, type Problems } from "../components/form";
import { notify, notifyError } from "../components/toast";
import { FormError } from "../components/ui";
import { t } from "../i18n";
import { confirmSignUp, confirmVerification, requestVerification, resendSignUpCode } from "../session/account";
import { profile } from "../session/actions";
import { session } from "../session/session";
import { AuthLayout, safeNext } from "./auth-layout";

const RESEND_SECONDS = 60;

/** Seconds until another code may be asked for (the API allows one a minute per login). */
function useCooldown(start: number) {
  const [left, setLeft] = createSignal(start);
  const timer = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
  onCleanup(() => clearInterval(timer));
  return { left, restart: () => setLeft(RESEND_SECONDS) };
}

/**
 * The code step. After sign-up (signed out, `?login=`): the code signs the person in. Signed in
 * from the unverified banner: ask for a code to the person's own login, then enter it.
 */
export function VerifyLoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = () => safeNext(params.next);
  const signedIn = () => Boolean(session());
  const fromSignUp = () => !signedIn() && typeof params.login === "string" && params.login !== "";
  const login = () => (signedIn() ? (profile()?.email ?? profile()?.phone ?? "") : String(params.login ?? ""));
  const [code, setCode] = createSignal("");
  const [sent, setSent] = createSignal(fromSignUp());
  const cooldown = useCooldown(fromSignUp() ? RESEND_SECONDS : 0);
  const form = createForm(["code"] as const);

  const check = (): Problems<"code"> => (/^\d{6}$/.test(code().trim()) ? {} : { code: "loginCode.code.hint" });
  const submit = async () => {
    if (signedIn()) {
      await confirmVerification(code().trim());
      notify(() => t("loginCode.done"));
      navigate(next(), { replace: true });
    } else {
      await confirmSignUp(login(), code().trim());
      navigate(next(), { replace: true });
    }
  };
  const send = async () => {
    try {
      if (signedIn()) await requestVerification();
      else await resendSignUpCode(login());
      setSent(true);
      cooldown.restart();
      notify(() => t("loginCode.resent"));
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <AuthLayout
      title={t("loginCode.title")}
      subtitle={sent() ? t("loginCode.sentTo", { login: login() }) : t("loginCode.enterFor", { login: login() })}
      footer={
        <Show when={signedIn()} fallback={<A href="/sign-in">{t("loginCode.toSignIn")}</A>}>
          <A href="/">{t("loginCode.toHome")}</A>
        </Show>
      }
    >
      <Show when={signedIn() || fromSignUp()} fallback={<p class="notice notice-info">{t("loginCode.missingLogin")}</p>}>
        <Show
          when={!(signedIn() && profile()?.verifiedAt)}
          fallback={
            <p class="notice notice-info" data-testid="verify-already">
              {t("loginCode.already")}
            </p>
          }
        >
          <form ref={form.ref} class="form" novalidate data-testid="verify-form" onSubmit={(e) => form.submit(e, check, submit)}>
            <FormError message={form.formError()} />
            <TextField
              label={t("loginCode.code")}
              hint={t("loginCode.code.hint")}
              form={form}
              name="code"
              value={code}
              setValue={setCode}
              inputmode="numeric"
              autocomplete="one-time-code"
              maxLength={6}
            />
            <button type="submit" class="btn btn-primary btn-block" disabled={form.submitting()}>
              {form.submitting() ? t("loginCode.submitting") : t("loginCode.submit")}
            </button>
            <button type="button" class="btn btn-block" data-testid="verify-send" disabled={cooldown.left() > 0} onClick={() => void send()}>
              {cooldown.left() > 0 ? t("loginCode.resendIn", { seconds: cooldown.left() }) : sent() ? t("loginCode.resend") : t("loginCode.send")}
            </button>
          </form>
          <Show when={!signedIn()}>
            <p class="muted" data-testid="verify-taken-hint">
              {t("loginCode.takenHint")} <A href="/forgot-password">{t("forgot.link")}</A>
            </p>
          </Show>
        </Show>
      </Show>
    </AuthLayout>
  );
}
