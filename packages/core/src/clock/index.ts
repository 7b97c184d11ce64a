export * as Clock from "./index.js";

/** The only source of "now" in the domain, so tests move time instead of sleeping. */
export interface Port {
  now(): number;
}

const system: Port = { now: () => Date.now() };
let current: Port = system;

export function now(): number {
  return current.now();
}

export function iso(): string {
  return new Date(current.now()).toISOString();
}

export function use(port: Port): void {
  current = port;
}

export function reset(): void {
  current = system;
}

/** A clock for tests: starts at `start` and moves only when told. */
export function fixed(start: number) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    set(ms: number) {
      t = ms;
    },
  };
}
