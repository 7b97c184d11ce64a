import { generateKeyPairSync, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  ChannelNotBroadcasting,
  ConflictException,
  CreateChannelCommand,
  CreateStreamKeyCommand,
  DeleteChannelCommand,
  DeleteStreamKeyCommand,
  GetChannelCommand,
  GetStreamSessionCommand,
  type GetStreamSessionResponse,
  IvsClient,
  ListChannelsCommand,
  ListStreamKeysCommand,
  ResourceNotFoundException,
  StopStreamCommand,
  ThrottlingException,
  ValidationException,
} from "@aws-sdk/client-ivs";
import { mockClient } from "aws-sdk-client-mock";
import { decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair, jwtVerify } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Clock } from "../clock/index.js";
import { createIvsClient, createIvsProvider, type IvsOptions, MAX_ATTEMPTS } from "./ivs.js";

const REFERENCE = fileURLToPath(new URL("./fixtures/get-stream-session.json", import.meta.url));
const region = "us-west-2";
const arn = (id: string) => `arn:aws:ivs:${region}:123456789012:channel/${id}`;
const channel = (id: string) => ({
  arn: arn(id),
  ingestEndpoint: `${id}.global-contribute.live-video.net`,
  playbackUrl: `https://${id}.${region}.playback.live-video.net/api/video/v1/${id}.m3u8`,
});
const meta = { $metadata: {} };

const client = new IvsClient({ region, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
const ivs = mockClient(client);

function provider(extra: Partial<IvsOptions> = {}) {
  return createIvsProvider({
    client,
    channelType: "STANDARD",
    latencyMode: "LOW",
    namePrefix: "zhubo-test",
    recordingConfigurationArn: `arn:aws:ivs:${region}:123456789012:recording-configuration/rec1`,
    retry: { baseDelayMs: 1 },
    ...extra,
  });
}

beforeEach(() => ivs.reset());
afterEach(() => Clock.reset());

describe("ensureChannel", () => {
  const name = "zhubo-test-coh1-1";

  it("reuses the channel with exactly that name", async () => {
    ivs.on(ListChannelsCommand).resolves({
      channels: [
        { arn: arn("ten"), name: `${name}0` },
        { arn: arn("one"), name },
      ],
    });
    ivs.on(GetChannelCommand, { arn: arn("one") }).resolves({ channel: channel("one") });

    expect(await provider().ensureChannel("coh1", 1)).toEqual({
      channelArn: arn("one"),
      ingestEndpoint: "one.global-contribute.live-video.net",
      playbackUrl: channel("one").playbackUrl,
    });
    expect(ivs.commandCalls(ListChannelsCommand)[0]?.args[0].input).toMatchObject({ filterByName: name });
    expect(ivs.commandCalls(CreateChannelCommand)).toHaveLength(0);
  });

  it("follows nextToken through the pages of the lookup", async () => {
    ivs
      .on(ListChannelsCommand, { nextToken: undefined })
      .resolves({ channels: [{ arn: arn("other"), name: `${name}2` }], nextToken: "p2" })
      .on(ListChannelsCommand, { nextToken: "p2" })
      .resolves({ channels: [{ arn: arn("one"), name }] });
    ivs.on(GetChannelCommand).resolves({ channel: channel("one") });

    expect((await provider().ensureChannel("coh1", 1)).channelArn).toBe(arn("one"));
    expect(ivs.commandCalls(ListChannelsCommand)).toHaveLength(2);
    expect(ivs.commandCalls(CreateChannelCommand)).toHaveLength(0);
  });

  it("creates a missing channel with the configured type, latency, private playback, recording and tags", async () => {
    ivs
      .on(ListChannelsCommand)
      .resolvesOnce({ channels: [] })
      .resolves({ channels: [{ arn: arn("new"), name }] });
    ivs.on(CreateChannelCommand).resolves({ channel: channel("new"), streamKey: { value: "sk_us-west-2_x" } });

    const { arn: channelArn, ...endpoints } = channel("new");
    expect(await provider({ stage: "prod" }).ensureChannel("coh1", 1)).toEqual({ channelArn, ...endpoints });
    expect(ivs.commandCalls(CreateChannelCommand)[0]?.args[0].input).toEqual({
      name,
      type: "STANDARD",
      latencyMode: "LOW",
      authorized: true,
      recordingConfigurationArn: `arn:aws:ivs:${region}:123456789012:recording-configuration/rec1`,
      tags: { app: "zhubo", pool: "coh1", stage: "prod" },
    });
    expect(ivs.commandCalls(DeleteChannelCommand)).toHaveLength(0);
  });

  it("a create that lost a race deletes its own channel and returns the one both racers agree on", async () => {
    ivs
      .on(ListChannelsCommand)
      .resolvesOnce({ channels: [] })
      .resolves({
        channels: [
          { arn: arn("b-mine"), name },
          { arn: arn("a-theirs"), name },
        ],
      });
    ivs.on(CreateChannelCommand).resolves({ channel: channel("b-mine") });
    ivs.on(DeleteChannelCommand).resolves(meta);
    ivs.on(GetChannelCommand, { arn: arn("a-theirs") }).resolves({ channel: channel("a-theirs") });

    expect((await provider().ensureChannel("coh1", 1)).channelArn).toBe(arn("a-theirs"));
    expect(ivs.commandCalls(DeleteChannelCommand).map((c) => c.args[0].input)).toEqual([{ arn: arn("b-mine") }]);
  });

  it("a create rejected with ConflictException returns the channel the second lookup finds", async () => {
    ivs
      .on(ListChannelsCommand)
      .resolvesOnce({ channels: [] })
      .resolves({ channels: [{ arn: arn("theirs"), name }] });
    ivs.on(CreateChannelCommand).rejects(new ConflictException({ message: "conflict", ...meta }));
    ivs.on(GetChannelCommand).resolves({ channel: channel("theirs") });

    expect((await provider().ensureChannel("coh1", 1)).channelArn).toBe(arn("theirs"));
    expect(ivs.commandCalls(DeleteChannelCommand)).toHaveLength(0);
  });

  it("rejects a pool id IVS wouldn't take as part of a name", async () => {
    await expect(provider().ensureChannel("coh 1", 1)).rejects.toThrow(/name not allowed/);
    expect(ivs.calls()).toHaveLength(0);
  });
});

describe("rotateKey", () => {
  it("deletes every old key, then creates one, and returns it with the RTMPS ingest URL", async () => {
    const ch = arn("one");
    ivs.on(GetChannelCommand).resolves({ channel: channel("one") });
    ivs
      .on(ListStreamKeysCommand, { nextToken: undefined })
      .resolves({ streamKeys: [{ arn: "key/1", channelArn: ch }], nextToken: "p2" })
      .on(ListStreamKeysCommand, { nextToken: "p2" })
      .resolves({ streamKeys: [{ arn: "key/2", channelArn: ch }] });
    ivs.on(DeleteStreamKeyCommand).resolves(meta);
    ivs.on(CreateStreamKeyCommand).resolves({ streamKey: { arn: "key/3", channelArn: ch, value: "sk_us-west-2_new" } });

    expect(await provider().rotateKey(ch)).toEqual({ streamKey: "sk_us-west-2_new", ingestUrl: "rtmps://one.global-contribute.live-video.net:443/app/" });
    const order = ivs.calls().map((c) => c.args[0].constructor.name);
    expect(order.filter((n) => n === "DeleteStreamKeyCommand" || n === "CreateStreamKeyCommand")).toEqual([
      "DeleteStreamKeyCommand",
      "DeleteStreamKeyCommand",
      "CreateStreamKeyCommand",
    ]);
    expect(ivs.commandCalls(DeleteStreamKeyCommand).map((c) => c.args[0].input.arn)).toEqual(["key/1", "key/2"]);
    expect(ivs.commandCalls(CreateStreamKeyCommand)[0]?.args[0].input).toEqual({ channelArn: ch, tags: { app: "zhubo" } });
  });

  it("errors name the operation and never carry a stream key", async () => {
    ivs.on(GetChannelCommand).resolves({ channel: channel("one") });
    ivs.on(ListStreamKeysCommand).resolves({ streamKeys: [] });
    ivs.on(CreateStreamKeyCommand).rejects(new ValidationException({ message: "bad key sk_us-west-2_secret123", ...meta }));

    const err = await provider()
      .rotateKey(arn("one"))
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^IVS CreateStreamKey failed: ValidationException/);
    expect((err as Error).message).not.toContain("secret123");
  });
});

describe("stopStream", () => {
  it("is quiet when nothing is broadcasting or the channel is gone, and throws otherwise", async () => {
    ivs
      .on(StopStreamCommand)
      .rejectsOnce(new ChannelNotBroadcasting({ message: "not live", ...meta }))
      .rejectsOnce(new ResourceNotFoundException({ message: "gone", ...meta }))
      .rejectsOnce(new ValidationException({ message: "bad arn", ...meta }));
    await expect(provider().stopStream(arn("one"))).resolves.toBeUndefined();
    await expect(provider().stopStream(arn("one"))).resolves.toBeUndefined();
    await expect(provider().stopStream(arn("one"))).rejects.toThrow(/^IVS StopStream failed: ValidationException: bad arn$/);
    expect(ivs.commandCalls(StopStreamCommand)).toHaveLength(3);
  });
});

describe("streamSession", () => {
  /** The CLI example as the SDK hands it over: timestamps as Dates. */
  const reference = (): GetStreamSessionResponse =>
    JSON.parse(readFileSync(REFERENCE, "utf8"), (key, value) => (["startTime", "endTime", "eventTime"].includes(key) ? new Date(value) : value));

  it("maps the reference GetStreamSession response (ingestConfigurations, Track0)", async () => {
    ivs.on(GetStreamSessionCommand, { channelArn: arn("abcdABCDefgh"), streamId: "mystream1" }).resolves(reference());

    expect(await provider().streamSession(arn("abcdABCDefgh"), "mystream1")).toEqual({
      streamId: "mystream1",
      startTime: "2023-06-26T19:09:28.000Z",
      ingest: {
        videoWidth: 1920,
        videoHeight: 1080,
        framerate: 60,
        videoBitrate: 8789062,
        videoCodec: "avc1.42C02A",
        audioBitrate: 46875,
        audioSampleRate: 8000,
        audioChannels: 2,
      },
    });
  });

  it("falls back to the deprecated ingestConfiguration and normalises the end time", async () => {
    const response = reference();
    if (!response.streamSession) throw new Error("reference has no streamSession");
    delete response.streamSession.ingestConfigurations;
    response.streamSession.endTime = new Date("2023-06-26T19:39:28+00:00");
    ivs.on(GetStreamSessionCommand).resolves(response);

    const session = await provider().streamSession(arn("abcdABCDefgh"), "mystream1");
    expect(session?.endTime).toBe("2023-06-26T19:39:28.000Z");
    expect(session?.ingest).toMatchObject({ videoWidth: 1920, framerate: 60, videoBitrate: 8789062, audioSampleRate: 8000 });
  });

  it("is undefined when IVS doesn't know the session", async () => {
    ivs.on(GetStreamSessionCommand).rejects(new ResourceNotFoundException({ message: "no such session", ...meta }));
    expect(await provider().streamSession(arn("one"), "st-1")).toBeUndefined();
  });
});

describe("throttling", () => {
  const throttled = (attempts?: number) =>
    new ThrottlingException({ message: "Rate exceeded", $metadata: { httpStatusCode: 429, ...(attempts ? { attempts } : {}) } });

  it("aws-sdk-client-mock stubs send() and so skips the SDK's retry middleware: our own retry covers it", async () => {
    ivs
      .on(GetStreamSessionCommand)
      .rejectsOnce(throttled())
      .resolves({ streamSession: { streamId: "st-1", startTime: new Date(0) } });
    expect(await provider().streamSession(arn("one"), "st-1")).toEqual({ streamId: "st-1", startTime: "1970-01-01T00:00:00.000Z" });
    expect(ivs.commandCalls(GetStreamSessionCommand)).toHaveLength(2);
  });

  it("gives up after the configured attempts with an error naming the operation", async () => {
    ivs.on(ListChannelsCommand).rejects(throttled());
    await expect(provider({ retry: { attempts: 3, baseDelayMs: 1 } }).ensureChannel("coh1", 1)).rejects.toThrow(
      /^IVS ListChannels failed: ThrottlingException \(HTTP 429\): Rate exceeded$/,
    );
    expect(ivs.commandCalls(ListChannelsCommand)).toHaveLength(3);
  });

  it("doesn't retry again what the SDK already retried", async () => {
    ivs.on(StopStreamCommand).rejects(throttled(MAX_ATTEMPTS));
    await expect(provider().stopStream(arn("one"))).rejects.toThrow(/StopStream/);
    expect(ivs.commandCalls(StopStreamCommand)).toHaveLength(1);
  });

  it("the client it creates retries in the SDK too", async () => {
    const own = await createIvsClient(region);
    expect(await own.config.maxAttempts()).toBe(MAX_ATTEMPTS);
    own.destroy();
  });
});

describe("playbackToken", () => {
  const ch = arn("one");

  it("is an ES384 JWT that verifies with the public key and carries channel, origin, viewer and expiry", async () => {
    const { privateKey, publicKey } = await generateKeyPair("ES384", { extractable: true });
    const now = Date.UTC(2025, 0, 1);
    Clock.use(Clock.fixed(now));
    const token = await provider({ playbackKey: { privateKey: await exportPKCS8(privateKey) }, allowedOrigin: "https://app.example" }).playbackToken(
      ch,
      "prs_01HZY",
      300,
    );
    if (!token) throw new Error("no token");

    expect(decodeProtectedHeader(token)).toEqual({ alg: "ES384", typ: "JWT" });
    const { payload } = await jwtVerify(token, publicKey, { algorithms: ["ES384"], currentDate: new Date(now) });
    expect(payload).toEqual({
      "aws:channel-arn": ch,
      "aws:access-control-allow-origin": "https://app.example",
      "aws:viewer-id": "prs_01HZY",
      exp: now / 1000 + 300,
    });
    await expect(jwtVerify(token, publicKey, { currentDate: new Date(now + 301_000) })).rejects.toThrow(/exp/);
  });

  it("keeps a viewer's token within IVS's 10 minutes, and takes SEC1 PEM and JWK keys", async () => {
    const keys = generateKeyPairSync("ec", { namedCurve: "secp384r1" });
    const now = Date.UTC(2025, 0, 1);
    Clock.use(Clock.fixed(now));
    for (const privateKey of [keys.privateKey.export({ type: "sec1", format: "pem" }).toString(), JSON.stringify(await exportJWK(keys.privateKey))]) {
      const token = await provider({ playbackKey: { privateKey } }).playbackToken(ch, "prs_1", 3600);
      const { payload } = await jwtVerify(token ?? "", keys.publicKey, { currentDate: new Date(now) });
      expect(payload.exp).toBe(now / 1000 + 600);
      expect(payload["aws:access-control-allow-origin"]).toBe("*");
    }
  });

  it("is undefined without a key or when playback is open, and refuses a key that isn't P-384", async () => {
    const { privateKey } = await generateKeyPair("ES384", { extractable: true });
    expect(await provider().playbackToken(ch, "prs_1", 60)).toBeUndefined();
    expect(await provider({ authorized: false, playbackKey: { privateKey: await exportPKCS8(privateKey) } }).playbackToken(ch, "prs_1", 60)).toBeUndefined();
    const p256 = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => provider({ playbackKey: { privateKey: p256 } })).toThrow(/P-384/);
    expect(() => provider({ playbackKey: { privateKey: '{"kty":"EC","d":"oops' } })).toThrow(/^IVS playback key: not a PEM or JWK private key$/);
  });
});

describe("recordingUrl", () => {
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signer = { keyPairId: "K2JCJMDEHXQW5F", privateKey: rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
  const fromUrlSafe = (v: string) => Buffer.from(v.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/"), "base64");

  it("is the HLS master under the recording's prefix, or nothing without a CDN", async () => {
    expect(await provider().recordingUrl("bucket", "ivs/v1/1/ch/2026/11/25/10/0/st1")).toBeUndefined();
    expect(await provider({ recordingsBaseUrl: "https://d1.cloudfront.net/" }).recordingUrl("bucket", "ivs/v1/1/ch/st1")).toBe(
      "https://d1.cloudfront.net/ivs/v1/1/ch/st1/media/hls/master.m3u8",
    );
  });

  it("is a CloudFront signed URL whose policy covers the recording's folder for two hours, and verifies with the public key", async () => {
    Clock.use(Clock.fixed(Date.parse("2026-11-25T10:00:00Z")));
    const url = new URL(
      (await provider({ recordingsBaseUrl: "https://d1.cloudfront.net", recordingsSigner: signer }).recordingUrl("b", "ivs/v1/st1")) as string,
    );
    expect(`${url.origin}${url.pathname}`).toBe("https://d1.cloudfront.net/ivs/v1/st1/media/hls/master.m3u8");
    expect(url.searchParams.get("Key-Pair-Id")).toBe("K2JCJMDEHXQW5F");
    const policy = fromUrlSafe(url.searchParams.get("Policy") as string);
    expect(JSON.parse(policy.toString())).toEqual({
      Statement: [
        { Resource: "https://d1.cloudfront.net/ivs/v1/st1/*", Condition: { DateLessThan: { "AWS:EpochTime": Date.parse("2026-11-25T12:00:00Z") / 1000 } } },
      ],
    });
    const signature = fromUrlSafe(url.searchParams.get("Signature") as string);
    expect(verify("RSA-SHA1", policy, rsa.publicKey, signature)).toBe(true);
    // only CloudFront's URL-safe alphabet: a player can append the query to every segment request unchanged
    expect(url.search).toMatch(/^\?Policy=[A-Za-z0-9~_-]+&Signature=[A-Za-z0-9~_-]+&Key-Pair-Id=K2JCJMDEHXQW5F$/);
    const epoch = String(Date.parse("2026-11-25T12:00:00Z") / 1000);
    const altered = Buffer.from(policy.toString().replace(epoch, String(Number(epoch) + 86_400)));
    expect(altered.equals(policy)).toBe(false);
    expect(verify("RSA-SHA1", altered, rsa.publicKey, signature)).toBe(false);
  });

  it("refuses a key that isn't an RSA private key or an id that isn't CloudFront's", () => {
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => provider({ recordingsBaseUrl: "https://d", recordingsSigner: { ...signer, privateKey: ec } })).toThrow(/RSA/);
    expect(() => provider({ recordingsBaseUrl: "https://d", recordingsSigner: { ...signer, privateKey: "nope" } })).toThrow(/not a PEM/);
    expect(() => provider({ recordingsBaseUrl: "https://d", recordingsSigner: { ...signer, keyPairId: "arn:x" } })).toThrow(/key pair id/);
  });
});
