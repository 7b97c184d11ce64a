import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generateStageKeys, KEY_FILES, keysDir } from "./keys.js";

const mode = (file: string) => statSync(file).mode & 0o777;

describe("pnpm keys", () => {
  const saved = { dir: process.env.ZHUBO_KEYS_DIR, umask: process.umask() };
  afterEach(() => {
    process.umask(saved.umask);
    if (saved.dir === undefined) delete process.env.ZHUBO_KEYS_DIR;
    else process.env.ZHUBO_KEYS_DIR = saved.dir;
  });

  it("keeps a stage's folder 0700 and its private keys 0600 however wide the umask, tightening a folder left open", () => {
    const root = mkdtempSync(path.join(tmpdir(), "zhubo-keys-"));
    try {
      process.env.ZHUBO_KEYS_DIR = root;
      process.umask(0);
      mkdirSync(keysDir("perm"), { recursive: true, mode: 0o777 });
      chmodSync(keysDir("perm"), 0o777);
      expect(generateStageKeys("perm")).toHaveLength(6);
      expect(mode(keysDir("perm"))).toBe(0o700);
      for (const file of [KEY_FILES.recordingsPrivate, KEY_FILES.playbackPrivate, KEY_FILES.jwtPrivate, KEY_FILES.credentialPrivate]) {
        expect([file, mode(path.join(keysDir("perm"), file))]).toEqual([file, 0o600]);
      }
      for (const file of [KEY_FILES.recordingsPublic, KEY_FILES.playbackPublic]) expect([file, mode(path.join(keysDir("perm"), file))]).toEqual([file, 0o644]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
