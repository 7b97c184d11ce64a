/** The API's per-field messages about hidden, direction-changing or look-alike characters. */
export const textZh = {
  "text.invisible": "请删除看不见的字符（如零宽空格）",
  "text.bidi": "请删除会改变文字方向的控制字符",
  "text.control": "请删除控制字符（如换行、制表符）",
  "text.surrogate": "含有无法显示的残缺字符",
  "text.loginHidden": "请删除看不见的字符或控制字符",
  "text.loginMixed": "混用了不同文字的字母（如拉丁字母和西里尔字母），请检查",
} as const;
