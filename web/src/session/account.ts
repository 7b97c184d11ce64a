import { api } from "../api/client";
import { publicApi } from "../api/public-client";
import { setMe } from "./actions";
import { startSession } from "./session";

/** The code from sign-up (or a resend) proves the login and signs the person in. */
export async function confirmSignUp(login: string, code: string): Promise<void> {
  startSession(await publicApi.auth.confirmSignUp.mutate({ login, code }));
}

export async function resendSignUpCode(login: string): Promise<void> {
  await publicApi.auth.resendSignUpCode.mutate({ login });
}

/** Signed in and unverified: a code to the person's own login. */
export async function requestVerification() {
  return api.auth.requestVerification.mutate();
}

export async function confirmVerification(code: string): Promise<void> {
  setMe(await api.auth.confirmVerification.mutate({ code }));
}

export async function requestPasswordReset(login: string): Promise<void> {
  await publicApi.auth.requestPasswordReset.mutate({ login });
}

/** A new password with the reset code; every other session of the person ends, this one starts. */
export async function resetPassword(login: string, code: string, password: string): Promise<void> {
  startSession(await publicApi.auth.resetPassword.mutate({ login, code, password }));
}
