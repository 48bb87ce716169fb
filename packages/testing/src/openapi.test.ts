import { describe, expect, it } from "vitest";
import { assertMatchesContract, type ContractResponse, loadContract } from "./openapi.ts";

const contract = loadContract();

const cardholderId = "ch_01m8ayvv4mez1rqnr8s04eww7a";
const headers = {
  "content-type": "application/json; charset=utf-8",
  "request-id": "req_01m8ayvv4mez1rqnr8sc1q94nd",
};

function cardholder(): Record<string, unknown> {
  return {
    id: cardholderId,
    object: "cardholder",
    livemode: false,
    type: "individual",
    status: "active",
    kyc_status: "pending",
    compliance_hold: null,
    individual: { first_name: "Hanako", last_name: "Yamada" },
    business: null,
    business_id: null,
    email: "hanako@example.com",
    phone_number: "+819012345678",
    address: null,
    metadata: { customer_id: "4471" },
    spend_controls: {
      amount_limits: { per_authorization: null, daily: null, monthly: null, lifetime: null },
      count_limits: { daily: null, monthly: null },
      allowed_mccs: [],
      blocked_mccs: [],
      allowed_countries: [],
      blocked_countries: [],
    },
    created_at: "2025-11-26T03:36:00.000Z",
  };
}

function getCardholder(overrides: Partial<ContractResponse> = {}): ContractResponse {
  return {
    method: "GET",
    path: `/v1/cardholders/${cardholderId}`,
    status: 200,
    headers,
    body: cardholder(),
    ...overrides,
  };
}

describe("assertMatchesContract", () => {
  it("accepts a valid cardholder", () => {
    expect(() => assertMatchesContract(contract, getCardholder())).not.toThrow();
  });

  it("accepts a raw JSON body, a Headers object and a query string", () => {
    const response = getCardholder({
      path: "/v1/cardholders?limit=1&type=individual",
      headers: new Headers({
        "Content-Type": "application/json",
        "Request-Id": headers["request-id"],
      }),
      body: JSON.stringify({
        object: "list",
        data: [cardholder()],
        has_more: false,
        next_cursor: null,
      }),
    });
    expect(() => assertMatchesContract(contract, response)).not.toThrow();
  });

  it("accepts a problem, with header names in any case", () => {
    const response = getCardholder({
      status: 404,
      headers: { "Content-Type": "application/problem+json", "REQUEST-ID": headers["request-id"] },
      body: {
        type: "https://docs.koban.example/errors/resource_not_found",
        title: "Resource not found",
        status: 404,
        detail: `No cardholder ${cardholderId}.`,
        code: "resource_not_found",
        param: "id",
        request_id: headers["request-id"],
      },
    });
    expect(() => assertMatchesContract(contract, response)).not.toThrow();
  });

  it("rejects a missing field", () => {
    const { kyc_status: _, ...body } = cardholder();
    expect(() => assertMatchesContract(contract, getCardholder({ body }))).toThrow(
      /body must have required property 'kyc_status'/,
    );
  });

  it("rejects a value outside an enum", () => {
    const body = { ...cardholder(), status: "frozen" };
    expect(() => assertMatchesContract(contract, getCardholder({ body }))).toThrow(
      /body\/status must be equal to one of the allowed values: active, suspended, closed/,
    );
  });

  it("rejects an extra field", () => {
    const body = { ...cardholder(), nickname: "Hana" };
    expect(() => assertMatchesContract(contract, getCardholder({ body }))).toThrow(
      /must NOT have additional properties: nickname/,
    );
  });

  it("rejects a status the operation does not declare", () => {
    expect(() => assertMatchesContract(contract, getCardholder({ status: 201 }))).toThrow(/status 201 is not declared/);
  });

  it("rejects a response without Request-Id", () => {
    const response = getCardholder({ headers: { "content-type": "application/json" } });
    expect(() => assertMatchesContract(contract, response)).toThrow(/header Request-Id is missing/);
  });

  it("rejects a malformed Request-Id", () => {
    const response = getCardholder({ headers: { ...headers, "request-id": "1234" } });
    expect(() => assertMatchesContract(contract, response)).toThrow(/header Request-Id must match pattern/);
  });

  it("rejects a write response without Koban-Consistency", () => {
    const response: ContractResponse = {
      method: "POST",
      path: "/v1/cardholders",
      status: 201,
      headers,
      body: cardholder(),
    };
    expect(() => assertMatchesContract(contract, response)).toThrow(/header Koban-Consistency is missing/);
    const consistent = { ...response, headers: { ...headers, "koban-consistency": "c1" } };
    expect(() => assertMatchesContract(contract, consistent)).not.toThrow();
  });

  it("rejects an undeclared content type", () => {
    const response = getCardholder({ headers: { ...headers, "content-type": "text/html" } });
    expect(() => assertMatchesContract(contract, response)).toThrow(/content-type text\/html is not declared/);
  });

  it("rejects paths and methods the contract does not have", () => {
    expect(() => assertMatchesContract(contract, getCardholder({ path: "/v1/flying_saucers" }))).toThrow(
      /no path of the contract matches \/v1\/flying_saucers/,
    );
    expect(() => assertMatchesContract(contract, getCardholder({ method: "DELETE" }))).toThrow(
      /has no DELETE operation/,
    );
  });
});
