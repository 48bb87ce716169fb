import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { type FundingRequest, Koban, type KobanEvent, KobanWebhookVerificationError, Webhooks } from "../src/index.ts";
import { card } from "./fake-fetch.ts";

const secret = `whsec_${btoa("a secret of thirty-two bytes!!!!")}`;
const newSecret = `whsec_${btoa("the secret that replaces the old")}`;
const event = {
  id: "evt_01m8ayvv4mez1rqnr8s0p0g7am",
  object: "event",
  type: "card.frozen",
  created_at: "2025-11-26T03:36:00.000Z",
  livemode: false,
  data: { object: { ...card, status: "frozen" } },
};
const payload = JSON.stringify(event);
const webhooks = new Webhooks();
const at = new Date("2025-11-26T03:36:05.000Z");

async function rejection(call: Promise<unknown>): Promise<Error> {
  const error = await call.then(
    () => undefined,
    (error: Error) => error,
  );
  if (!error) throw new Error("expected verification to fail");
  return error;
}

describe("webhook verification", () => {
  it("accepts a webhook signed by the Standard Webhooks reference library and returns the typed event", async () => {
    const id = "msg_2b9Xr1";
    const signature = new Webhook(secret).sign(id, at, payload);
    const headers = new Headers({ "webhook-id": id, "webhook-timestamp": String(at.getTime() / 1000) });
    headers.set("webhook-signature", signature);
    const verified: KobanEvent = await webhooks.verify(payload, headers, secret, { now: at });
    expect(verified).toEqual(event);
    if (verified.type === "card.frozen") expect(verified.data.object.last4).toBe("4242");
  });

  it("signs test webhooks that the reference library and verify accept, also from Node's header object", async () => {
    const signed = await webhooks.sign(event, secret, { timestamp: new Date() });
    expect(new Webhook(secret).verify(signed.payload, signed.headers)).toEqual(event);
    const nodeStyle = {
      "Webhook-Id": signed.headers["webhook-id"],
      "webhook-timestamp": [signed.headers["webhook-timestamp"]],
      "webhook-signature": signed.headers["webhook-signature"],
    };
    expect(
      await new Koban({ apiKey: "kb_test_x" }).webhooks.verify(new TextEncoder().encode(payload), nodeStyle, secret),
    ).toEqual(event);
  });

  it("refuses a tampered body", async () => {
    const signed = await webhooks.sign(payload, secret, { timestamp: at });
    const tampered = payload.replace('"frozen"', '"active"');
    const error = await rejection(webhooks.verify(tampered, signed.headers, secret, { now: at }));
    expect(error).toBeInstanceOf(KobanWebhookVerificationError);
    expect(error.message).toMatch(/No signature matches/);
  });

  it("refuses a tampered id or timestamp, which the signature covers too", async () => {
    const signed = await webhooks.sign(payload, secret, { timestamp: at, id: "msg_1" });
    const otherId = { ...signed.headers, "webhook-id": "msg_2" };
    await expect(webhooks.verify(payload, otherId, secret, { now: at })).rejects.toThrow(/No signature matches/);
    const otherTime = { ...signed.headers, "webhook-timestamp": String(at.getTime() / 1000 + 1) };
    await expect(webhooks.verify(payload, otherTime, secret, { now: at })).rejects.toThrow(/No signature matches/);
  });

  it("refuses a webhook signed with another secret", async () => {
    const signed = await webhooks.sign(payload, newSecret, { timestamp: at });
    await expect(webhooks.verify(payload, signed.headers, secret, { now: at })).rejects.toBeInstanceOf(
      KobanWebhookVerificationError,
    );
  });

  it("refuses timestamps older or further in the future than the tolerance, and accepts them within it", async () => {
    const signed = await webhooks.sign(payload, secret, { timestamp: at });
    const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);
    await expect(webhooks.verify(payload, signed.headers, secret, { now: later(301) })).rejects.toThrow(/too old/);
    await expect(webhooks.verify(payload, signed.headers, secret, { now: later(-301) })).rejects.toThrow(/future/);
    expect(await webhooks.verify(payload, signed.headers, secret, { now: later(299) })).toEqual(event);
    expect(await webhooks.verify(payload, signed.headers, secret, { now: later(-299) })).toEqual(event);
    await expect(webhooks.verify(payload, signed.headers, secret, { now: later(61), tolerance: 60 })).rejects.toThrow(
      /too old/,
    );
  });

  it("accepts, during a rotation, a header with several signatures and any of several secrets", async () => {
    // Koban signs with the old and the new secret while an endpoint's secret rotates.
    const both = await webhooks.sign(payload, [secret, newSecret], { timestamp: at });
    expect(both.headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(await webhooks.verify(payload, both.headers, secret, { now: at })).toEqual(event);
    expect(await webhooks.verify(payload, both.headers, newSecret, { now: at })).toEqual(event);
    // The partner accepts the old and the new secret while it rolls its configuration.
    const onlyNew = await webhooks.sign(payload, newSecret, { timestamp: at });
    expect(await webhooks.verify(payload, onlyNew.headers, [secret, newSecret], { now: at })).toEqual(event);
    const unknown = await webhooks.sign(payload, `whsec_${btoa("neither of the two")}`, { timestamp: at });
    await expect(webhooks.verify(payload, unknown.headers, [secret, newSecret], { now: at })).rejects.toThrow(
      /No signature matches/,
    );
  });

  it("refuses missing headers, a malformed timestamp, and signatures of an unknown version", async () => {
    const signed = await webhooks.sign(payload, secret, { timestamp: at });
    const { "webhook-signature": _, ...unsigned } = signed.headers;
    await expect(webhooks.verify(payload, unsigned, secret, { now: at })).rejects.toThrow(/headers are required/);
    const badTime = { ...signed.headers, "webhook-timestamp": "1764128165.5" };
    await expect(webhooks.verify(payload, badTime, secret, { now: at })).rejects.toThrow(/not a number/);
    const v2 = { ...signed.headers, "webhook-signature": signed.headers["webhook-signature"].replace("v1,", "v2,") };
    await expect(webhooks.verify(payload, v2, secret, { now: at })).rejects.toThrow(/No signature matches/);
    const notJson = await webhooks.sign("ok", secret, { timestamp: at });
    await expect(webhooks.verify("ok", notJson.headers, secret, { now: at })).rejects.toThrow(/not JSON/);
  });
});

describe("JIT funding requests", () => {
  const fundingRequest: FundingRequest = {
    type: "funding.authorization_request",
    authorization_id: "auth_01m8ayvv4mez1rqnr8s0p0g7am",
    funding_source_id: "fs_01m8ayvv4mez1rqnr8s0p0g7am",
    livemode: false,
    card_id: card.id,
    card_last4: card.last4,
    cardholder_id: card.cardholder_id,
    program_id: card.program_id,
    amount: 480,
    currency: "JPY",
    merchant: { name: "Blue Bottle Kiyosumi", mcc: "5814", country: "JP", network_id: null },
    requested_at: "2025-11-26T03:36:05.000Z",
    respond_by: "2025-11-26T03:36:06.500Z",
  };
  const body = JSON.stringify(fundingRequest);

  it("accepts a request signed by the reference library and returns the typed request", async () => {
    const id = fundingRequest.authorization_id;
    const headers = {
      "webhook-id": id,
      "webhook-timestamp": String(at.getTime() / 1000),
      "webhook-signature": new Webhook(secret).sign(id, at, body),
    };
    const verified: FundingRequest = await webhooks.verifyFundingRequest(body, headers, secret, { now: at });
    expect(verified).toEqual(fundingRequest);
  });

  it("signs test requests as Koban does, with the authorization's id as webhook-id", async () => {
    const signed = await webhooks.signFundingRequest(fundingRequest, secret);
    expect(signed.headers["webhook-id"]).toBe(fundingRequest.authorization_id);
    expect(new Webhook(secret).verify(signed.payload, signed.headers)).toEqual(fundingRequest);
    expect(await webhooks.verifyFundingRequest(signed.payload, new Headers(signed.headers), secret)).toEqual(
      fundingRequest,
    );
  });

  it("refuses a tampered body and a request signed with another secret", async () => {
    const signed = await webhooks.signFundingRequest(fundingRequest, secret, { timestamp: at });
    const tampered = signed.payload.replace('"amount":480', '"amount":48000');
    const error = await rejection(webhooks.verifyFundingRequest(tampered, signed.headers, secret, { now: at }));
    expect(error).toBeInstanceOf(KobanWebhookVerificationError);
    expect(error.message).toMatch(/No signature matches/);
    const other = await webhooks.signFundingRequest(fundingRequest, newSecret, { timestamp: at });
    await expect(webhooks.verifyFundingRequest(body, other.headers, secret, { now: at })).rejects.toThrow(
      /No signature matches/,
    );
    // While the partner rolls its configuration, either secret will do.
    expect(await webhooks.verifyFundingRequest(body, other.headers, [secret, newSecret], { now: at })).toEqual(
      fundingRequest,
    );
  });

  it("refuses timestamps older or further in the future than the tolerance", async () => {
    const signed = await webhooks.signFundingRequest(fundingRequest, secret, { timestamp: at });
    const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);
    const verifyAt = (now: Date, tolerance?: number) =>
      webhooks.verifyFundingRequest(body, signed.headers, secret, tolerance ? { now, tolerance } : { now });
    await expect(verifyAt(later(301))).rejects.toThrow(/too old/);
    await expect(verifyAt(later(-301))).rejects.toThrow(/future/);
    expect(await verifyAt(later(299))).toEqual(fundingRequest);
    await expect(verifyAt(later(3), 2)).rejects.toThrow(/too old/);
  });

  it("refuses a signed body that is not a funding request, such as an event", async () => {
    const signed = await webhooks.sign(event, secret, { timestamp: at });
    await expect(webhooks.verifyFundingRequest(payload, signed.headers, secret, { now: at })).rejects.toThrow(
      /not a funding request/,
    );
  });

  it("builds the answer: 200, JSON, { approved }", async () => {
    for (const approved of [true, false]) {
      const response = webhooks.fundingResponse(approved);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ approved });
    }
  });
});
