/**
 * A login is an email or a mainland China mobile number, normalised so that
 * "138 0013 8000", "+86 13800138000" and "13800138000" are one account.
 */
export type Login = { kind: "email"; value: string } | { kind: "phone"; value: string };

const phone = /^(?:\+?86)?(1[3-9]\d{9})$/;
const email = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

export function parseLogin(raw: string): Login | undefined {
  const compact = raw.trim().replace(/[\s-]/g, "");
  const p = phone.exec(compact);
  if (p) return { kind: "phone", value: `+86${p[1]}` };
  const lower = raw.trim().toLowerCase();
  if (lower.length <= 254 && email.test(lower)) return { kind: "email", value: lower };
  return undefined;
}

/** The key a login is stored under: "email:a@b.cn" or "phone:+8613800138000". */
export function loginKey(login: Login): string {
  return `${login.kind}:${login.value}`;
}
