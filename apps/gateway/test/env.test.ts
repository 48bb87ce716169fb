import { loadVaultKeys } from "@koban/card";
import { DEV_ONLY_PAN_DIGEST_KEY } from "@koban/config";
import { describe, expect, it } from "vitest";
import { loadGatewayEnv } from "../src/env.ts";

const base = { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/koban" };

describe("the gateway's configuration", () => {
  it("digests with the same PAN key as card, dev-only default included", () => {
    expect(loadGatewayEnv(base).PAN_DIGEST_KEY.equals(loadVaultKeys({}).panDigestKey)).toBe(true);
    const key = Buffer.alloc(32, 1).toString("base64");
    expect(
      loadGatewayEnv({ ...base, PAN_DIGEST_KEY: key }).PAN_DIGEST_KEY.equals(
        loadVaultKeys({ PAN_DIGEST_KEY: key }).panDigestKey,
      ),
    ).toBe(true);
  });

  it("listens on 3002 and decides within 2 s by default", () => {
    expect(loadGatewayEnv(base)).toMatchObject({ PORT: 3002, DECISION_DEADLINE_MS: 2_000 });
  });

  it("has no PAN key in production unless given one, and refuses the dev-only one", () => {
    expect(() => loadGatewayEnv({ ...base, KOBAN_ENV: "prod" })).toThrow(/PAN_DIGEST_KEY is missing/);
    expect(() => loadGatewayEnv({ ...base, KOBAN_ENV: "prod", PAN_DIGEST_KEY: DEV_ONLY_PAN_DIGEST_KEY })).toThrow(
      /dev-only/,
    );
  });

  it("keeps the decision deadline under the network's 5 s timeout with the gateway's grace second", () => {
    expect(() => loadGatewayEnv({ ...base, DECISION_DEADLINE_MS: "4500" })).toThrow(/DECISION_DEADLINE_MS/);
  });
});
