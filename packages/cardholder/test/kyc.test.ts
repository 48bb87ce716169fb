import type { PayloadOf, RecordKycResult } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { evolve, type KycStatus } from "../src/domain/cardholder.ts";
import { decideKycResult, type KycResult } from "../src/domain/kyc.ts";
import { cardholderIn, now, refusal, registered } from "./given.ts";

const record = (cardholderId: string, status: KycResult, source: "simulation" | "staff" = "staff") =>
  ({ cardholder_id: cardholderId, status, reason: "documents checked", source }) satisfies PayloadOf<
    typeof RecordKycResult
  >;

const eventOf = {
  verified: "CardholderKycVerified",
  rejected: "CardholderKycRejected",
  needs_review: "CardholderKycReviewRequested",
} as const;

const allowed: Array<[KycStatus, KycResult]> = [
  ["pending", "verified"],
  ["pending", "rejected"],
  ["pending", "needs_review"],
  ["needs_review", "verified"],
  ["needs_review", "rejected"],
];

const forbidden: Array<[KycStatus, KycResult]> = [
  ["needs_review", "needs_review"],
  ["verified", "verified"],
  ["verified", "rejected"],
  ["verified", "needs_review"],
  ["rejected", "verified"],
  ["rejected", "rejected"],
  ["rejected", "needs_review"],
];

describe("recording a KYC result", () => {
  it.each(allowed)("given KYC %s, when %s is recorded, then it says so in its event", (from, result) => {
    const state = cardholderIn("active", from);
    const events = decideKycResult(state, record(state.id, result), { livemode: false }, now);
    expect(events).toEqual([
      {
        type: eventOf[result],
        data: {
          cardholder_id: state.id,
          source: "staff",
          reason: "documents checked",
          decided_at: now.toISOString(),
          ...(result === "verified" ? { reference: null } : {}),
        },
      },
    ]);
    expect(events.reduce(evolve, state)).toMatchObject({ kycStatus: result, version: state.version + 1 });
  });

  it.each(forbidden)("given KYC %s, when %s is recorded, then it is refused (409)", (from, result) => {
    const state = cardholderIn("active", from);
    expect(refusal(() => decideKycResult(state, record(state.id, result), { livemode: false }, now))).toMatchObject({
      code: "invalid_state_transition",
      details: { status: 409 },
    });
  });

  it("given a suspended cardholder, when verified, then it is (KYC and status are apart)", () => {
    const state = cardholderIn("suspended", "pending");
    const events = decideKycResult(state, record(state.id, "verified"), { livemode: false }, now);
    expect(events.map((event) => event.type)).toEqual(["CardholderKycVerified"]);
  });

  it("given a closed cardholder, when any result is recorded, then it is refused (409)", () => {
    const state = cardholderIn("closed", "pending");
    expect(refusal(() => decideKycResult(state, record(state.id, "verified"), { livemode: false }, now))).toMatchObject(
      { code: "invalid_state_transition" },
    );
  });

  it("simulates results in test mode only", () => {
    const state = registered();
    const simulated = record(state.id, "verified", "simulation");
    expect(decideKycResult(state, simulated, { livemode: false }, now)[0]?.data).toMatchObject({
      source: "simulation",
    });
    expect(refusal(() => decideKycResult(state, simulated, { livemode: true }, now))).toMatchObject({
      code: "permission_denied",
      details: { status: 403 },
    });
  });

  it("given no such cardholder (or another tenant's), then it is not found, on id", () => {
    const id = registered().id;
    expect(refusal(() => decideKycResult(undefined, record(id, "verified"), { livemode: false }, now))).toMatchObject({
      code: "resource_not_found",
      details: { status: 404, param: "id" },
    });
  });
});
