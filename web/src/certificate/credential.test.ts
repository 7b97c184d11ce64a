import { describe, expect, it } from "vitest";
import { credentialText, looksLikeCredential, MAX_CREDENTIAL_CHARS } from "./credential";

const JWS = "eyJhbGciOiJSUzI1NiJ9.eyJpZCI6InVybjp6aHVibzpjZXJ0aWZpY2F0ZTp4In0.c2lnbmF0dXJl_-";

describe("an uploaded or pasted credential", () => {
  it("takes the downloaded .jwt file as is, with its trailing newline or a byte-order mark", () => {
    expect(credentialText(JWS)).toBe(JWS);
    expect(credentialText(`${JWS}\n`)).toBe(JWS);
    expect(credentialText(`\uFEFF${JWS}`)).toBe(JWS);
  });

  it("joins a token a chat app wrapped over several lines", () => {
    expect(credentialText(`${JWS.slice(0, 20)}\n${JWS.slice(20, 50)}\r\n  ${JWS.slice(50)}`)).toBe(JWS);
  });

  it("digs the token out of a JSON wrapper", () => {
    expect(credentialText(JSON.stringify(JWS))).toBe(JWS);
    expect(credentialText(JSON.stringify({ filename: "zhubo.jwt", jwt: JWS }))).toBe(JWS);
    expect(credentialText(JSON.stringify({ credential: JWS }))).toBe(JWS);
  });

  it("leaves anything else for the check to call malformed", () => {
    const json = JSON.stringify({ "@context": [], type: ["VerifiableCredential"] });
    expect(credentialText(json)).toBe(json);
    expect(credentialText("{not json")).toBe("{not json");
    expect(looksLikeCredential(credentialText(json))).toBe(false);
    expect(looksLikeCredential("hello world")).toBe(false);
    expect(looksLikeCredential("a.b")).toBe(false);
  });

  it("sends only what is shaped like a compact JWS and within the API's size limit", () => {
    expect(looksLikeCredential(JWS)).toBe(true);
    expect(looksLikeCredential(`a.b.${"c".repeat(MAX_CREDENTIAL_CHARS)}`)).toBe(false);
  });
});
