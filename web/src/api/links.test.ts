import { createTRPCClient } from "@trpc/client";
import type { AppRouter } from "@zhubo/functions/api/router/index";
import { describe, expect, it } from "vitest";
import { apiLinks, isUnbatchable, MAX_BATCH_ITEMS } from "./links";

/** A stand-in API that records each request's procedure paths and answers every call with null. */
function recordingClient() {
  const requests: { paths: string[]; batched: boolean }[] = [];
  const fake = async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    const paths = url.pathname.replace(/^\/trpc\//, "").split(",");
    const batched = url.searchParams.get("batch") === "1";
    requests.push({ paths, batched });
    const body = batched ? paths.map(() => ({ result: { data: null } })) : { result: { data: null } };
    return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
  };
  const client = createTRPCClient<AppRouter>({ links: [apiLinks({ url: "http://api.test/trpc", fetch: fake as typeof fetch })] });
  return { client, requests };
}

describe("the web client's links", () => {
  it(`batches at most ${MAX_BATCH_ITEMS} calls per request`, async () => {
    const { client, requests } = recordingClient();
    await Promise.all(Array.from({ length: 25 }, () => client.course.browse.query({})));
    expect(requests.map((r) => r.paths.length)).toEqual([10, 10, 5]);
    expect(requests.every((r) => r.batched)).toBe(true);
  });

  it("sends a sales import or its preview alone (it may carry a 4 MB file), never in a batch", async () => {
    const { client, requests } = recordingClient();
    await Promise.all([
      client.sale.preview.mutate({ bookingID: "bkg_x", file: "QQ==" }),
      client.sale.import.mutate({ bookingID: "bkg_x", file: "QQ==" }),
      client.sale.ofBooking.query({ bookingID: "bkg_x" }),
      client.course.browse.query({}),
    ]);
    expect(requests.filter((r) => r.paths.some((p) => p.startsWith("sale.") && p !== "sale.ofBooking"))).toEqual([
      { paths: ["sale.preview"], batched: false },
      { paths: ["sale.import"], batched: false },
    ]);
    expect(requests.find((r) => r.batched)?.paths.sort()).toEqual(["course.browse", "sale.ofBooking"]);
  });

  it("sends sign-in, sign-up and refresh alone, never in a batch, while queries made at the same moment are batched", async () => {
    const { client, requests } = recordingClient();
    await Promise.all([
      client.auth.signIn.mutate({ login: "a@b.cn", password: "pw-pw-pw-1" }),
      client.auth.signIn.mutate({ login: "a@b.cn", password: "pw-pw-pw-2" }),
      client.auth.refresh.mutate({ refreshToken: "r" }),
      client.auth.me.query(),
      client.course.browse.query({}),
    ]);
    const credential = requests.filter((r) => r.paths.some((p) => p === "auth.signIn" || p === "auth.refresh"));
    expect(credential).toEqual([
      { paths: ["auth.signIn"], batched: false },
      { paths: ["auth.signIn"], batched: false },
      { paths: ["auth.refresh"], batched: false },
    ]);
    expect(requests.filter((r) => r.batched)).toEqual([{ paths: ["auth.me", "course.browse"], batched: true }]);
  });

  it("treats every auth mutation as a credential call, and nothing else", () => {
    expect(isUnbatchable({ type: "mutation", path: "auth.signUp" })).toBe(true);
    expect(isUnbatchable({ type: "mutation", path: "auth.resetPassword" })).toBe(true);
    expect(isUnbatchable({ type: "query", path: "auth.me" })).toBe(false);
    expect(isUnbatchable({ type: "mutation", path: "enrolment.withdraw" })).toBe(false);
    expect(isUnbatchable({ type: "mutation", path: "authx.signIn" })).toBe(false);
  });
});
