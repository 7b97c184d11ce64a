import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Event } from "@zhubo/core/event";
import { describe, expect, it } from "vitest";
import { SUBSCRIBERS } from "./registry.js";

const folder = fileURLToPath(new URL(".", import.meta.url));

describe("the subscriber registry", () => {
  it("lists every subscriber file of this folder, and only those", () => {
    const files = readdirSync(folder)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "registry.ts" && f !== "ivs.ts")
      .map((f) => f.replace(/\.ts$/, ""));
    expect(files.sort()).toEqual(SUBSCRIBERS.map((s) => s.name).sort());
  });

  it.each(SUBSCRIBERS.map((s) => [s.name, s] as const))(
    "holds %s to what its file declares: its name, its events and a Lambda handler",
    async (name, entry) => {
      const mod = (await import(`./${name}.ts`)) as { subscriber: Event.Subscriber; handler: unknown };
      expect(mod.subscriber.name).toBe(name);
      expect([...mod.subscriber.types].sort()).toEqual([...entry.events].sort());
      expect(typeof mod.handler).toBe("function");
    },
  );
});
