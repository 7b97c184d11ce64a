import type { Locale } from "./index.js";

/**
 * What zhubo sends. SMS texts stay short (one 70-character Chinese segment where possible) and
 * start with the product's name in 【】, as mainland SMS rules expect.
 */
export const templates = {
  verify_login: {
    "zh-CN": {
      subject: "主播学院验证码 {code}",
      text: "【主播学院】验证码 {code}，10 分钟内有效，用于验证你的账号。如非本人操作，请忽略。",
    },
    en: {
      subject: "Your Zhubo Academy code: {code}",
      text: "Zhubo Academy: your code is {code}. It verifies your account and expires in 10 minutes. If this wasn't you, ignore this message.",
    },
  },
  reset_password: {
    "zh-CN": {
      subject: "主播学院重设密码验证码 {code}",
      text: "【主播学院】验证码 {code}，10 分钟内有效，用于重设密码。如非本人操作，请忽略，你的密码不会改变。",
    },
    en: {
      subject: "Reset your Zhubo Academy password: {code}",
      text: "Zhubo Academy: your password reset code is {code}. It expires in 10 minutes. If this wasn't you, ignore this message; your password stays as it is.",
    },
  },
  sign_up_attempt: {
    "zh-CN": {
      subject: "有人尝试用你的账号注册主播学院",
      text: "【主播学院】有人用你的手机号或邮箱注册新账号，但你已经有账号了，我们没有新建账号。如果是你本人，请直接登录；忘记密码可在登录页重设。",
    },
    en: {
      subject: "Someone tried to sign up with your login",
      text: "Zhubo Academy: someone tried to sign up with your email or mobile number, which already has an account; no new account was made. If this was you, sign in, or reset your password from the sign-in page.",
    },
  },
  /** A notification's SMS/email: its one line of text (rendered by notification/texts.ts) and where to look. */
  notice: {
    "zh-CN": { subject: "{text}", text: "【主播学院】{text} 详情请打开主播学院查看。" },
    en: { subject: "{text}", text: "Zhubo Academy: {text} Open Zhubo Academy for details." },
  },
} as const satisfies Record<string, Record<Locale, { subject: string; text: string }>>;

export type Template = keyof typeof templates;

const fill = (text: string, params: Record<string, string>) => text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);

export function render(template: Template, params: Record<string, string>, locale: Locale): { subject: string; text: string } {
  const t = templates[template][locale];
  return { subject: fill(t.subject, params), text: fill(t.text, params) };
}
