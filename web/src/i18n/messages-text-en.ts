import type { textZh } from "./messages-text-zh";

export const textEn: Record<keyof typeof textZh, string> = {
  "text.invisible": "Remove invisible characters (such as zero-width spaces)",
  "text.bidi": "Remove characters that change the text's direction",
  "text.control": "Remove control characters (such as line breaks or tabs)",
  "text.surrogate": "Contains a broken character",
  "text.loginHidden": "Remove invisible or control characters",
  "text.loginMixed": "Uses letters from more than one alphabet (e.g. Latin and Cyrillic)",
};
