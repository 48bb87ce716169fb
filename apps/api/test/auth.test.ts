import { apiKeyScopes } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { type Caller, requireScope } from "../src/http/auth.ts";
import { Problem } from "../src/http/problem.ts";

const caller = (scopes: Caller["scopes"]): Caller => ({
  apiKeyId: "key_x",
  tenant: { partnerId: "ptn_x", livemode: false },
  scopes,
});

describe("requireScope", () => {
  it("lets a standard key (no list) through every scope, including ones added after it was made", () => {
    for (const scope of apiKeyScopes) expect(() => requireScope(caller(null), scope)).not.toThrow();
  });

  it("refuses a restricted key a scope it does not list with 403 permission_denied", () => {
    expect(() => requireScope(caller(["cards:read"]), "cards:read")).not.toThrow();
    const refusal = (() => {
      try {
        requireScope(caller(["cards:read"]), "funding:read");
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(Problem);
    expect(refusal).toMatchObject({ status: 403, code: "permission_denied" });
    expect(() => requireScope(caller([]), "cards:read")).toThrow(Problem);
  });
});
