/** The version of the user agreement and privacy policy (pages/legal.tsx); the API records it at sign-up (packages/core/src/account: TERMS_VERSION, checked equal by a test). */
export const TERMS_VERSION = "2026-12-01";
