import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expiryField, generateTraffic, newNetworkIds, sendAuthorization, sendReversal } from "../src/index.ts";

/** A stand-in gateway: answers 00, or after `delay` ms when the amount asks for it. */
let server: Server;
let url: string;
const received: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const message = JSON.parse(body);
      received.push(message);
      const delay = message.amount === 99_999 ? 1_000 : 0;
      setTimeout(() => {
        response.setHeader("content-type", "application/json");
        response.end(
          JSON.stringify({
            mti: message.mti === "0400" ? "0410" : "0110",
            stan: message.stan,
            rrn: message.rrn,
            response_code: message.amount > 50_000 ? "51" : "00",
            approval_code: message.amount > 50_000 ? null : "A1B2C3",
            authorization_id: "auth_00000000000000000000000000",
          }),
        );
      }, delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const merchant = { name: "Cafe Mori", mcc: "5814", country: "JP" };

describe("the network simulator", () => {
  it("makes STANs of six digits and RRNs of twelve, all different", () => {
    const ids = Array.from({ length: 1_000 }, () => newNetworkIds());
    for (const { stan, rrn } of ids) {
      expect(stan).toMatch(/^\d{6}$/);
      expect(rrn).toMatch(/^\d{12}$/);
    }
    expect(new Set(ids.map((id) => id.rrn)).size).toBe(1_000);
  });

  it("writes the expiry as YYMM", () => {
    expect(expiryField({ month: 3, year: 2029 })).toBe("2903");
    expect(expiryField("3012")).toBe("3012");
  });

  it("sends an 0100 with every field and reads the answer", async () => {
    const result = await sendAuthorization({
      gatewayUrl: url,
      pan: "4242424242424242",
      expiry: { month: 12, year: 2030 },
      cvv2: "123",
      amount: 1200,
      currency: "JPY",
      merchant: { ...merchant, id: "MORI0001" },
    });
    expect(result).toMatchObject({ outcome: "answered", responseCode: "00", approvalCode: "A1B2C3" });
    expect(received.at(-1)).toMatchObject({
      mti: "0100",
      pan: "4242424242424242",
      expiry: "3012",
      cvv2: "123",
      amount: 1200,
      currency: "JPY",
      mcc: "5814",
      merchant_name: "Cafe Mori",
      merchant_country: "JP",
      merchant_id: "MORI0001",
      stan: result.ids.stan,
      rrn: result.ids.rrn,
    });
  });

  it("gives up at its own timeout, as a network stands in", async () => {
    const result = await sendAuthorization({
      gatewayUrl: url,
      pan: "4242424242424242",
      expiry: "3012",
      amount: 99_999,
      currency: "JPY",
      merchant,
      timeoutMs: 200,
    });
    expect(result.outcome).toBe("timeout");
    expect(result.latencyMs).toBeLessThan(900);
  });

  it("reports an unreachable gateway as an error", async () => {
    const result = await sendAuthorization({
      gatewayUrl: "http://127.0.0.1:9",
      pan: "4242424242424242",
      expiry: "3012",
      amount: 100,
      currency: "JPY",
      merchant,
    });
    expect(result.outcome).toBe("error");
  });

  it("sends a reversal naming its original", async () => {
    const original = newNetworkIds();
    const result = await sendReversal({
      gatewayUrl: url,
      pan: "4242424242424242",
      amount: 500,
      currency: "JPY",
      merchant,
      original,
    });
    expect(result.outcome).toBe("answered");
    expect(received.at(-1)).toMatchObject({ mti: "0400", amount: 500, original });
  });

  it("generates traffic at a set rate, with a mix of merchants, and reports codes and latency", async () => {
    const before = received.length;
    const report = await generateTraffic({
      gatewayUrl: url,
      cards: [{ pan: "4242424242424242", expiry: "3012", cvv2: "123" }],
      ratePerSecond: 100,
      durationMs: 1_000,
    });
    expect(report.sent).toBeGreaterThanOrEqual(95);
    expect(report.sent).toBeLessThanOrEqual(100);
    expect(report.answered + report.timeouts + report.errors).toBe(report.sent);
    expect(Object.values(report.byResponseCode).reduce((a, b) => a + b, 0)).toBe(report.answered);
    expect(report.latency.p50).toBeLessThanOrEqual(report.latency.p99);
    const sent = received.slice(before);
    expect(new Set(sent.map((m) => m.mcc)).size).toBeGreaterThan(4);
    expect(sent.some((m) => m.cvv2 === null)).toBe(true);
    expect(sent.some((m) => m.merchant_country !== "JP")).toBe(true);
  });
});
