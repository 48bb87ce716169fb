import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { breakingChanges } from "../scripts/contract-diff.ts";
import { contractVerdict, describeVerdict, pendingBump } from "../scripts/contract-gate.ts";

/** A small contract: POST/GET /v1/cards with a request schema, a parameter and a response schema. */
function contract() {
  return {
    openapi: "3.1.0",
    paths: {
      "/v1/cards": {
        post: {
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/CardCreate" } } },
          },
          responses: { "201": { content: { "application/json": { schema: { $ref: "#/components/schemas/Card" } } } } },
        },
        get: {
          parameters: [
            { name: "status", in: "query", schema: { type: "string", enum: ["active", "frozen"] } },
            { $ref: "#/components/parameters/Limit" },
          ],
          responses: { "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/Card" } } } } },
        },
      },
    },
    components: {
      parameters: { Limit: { name: "limit", in: "query", schema: { type: "integer", maximum: 100 } } },
      schemas: {
        CardCreate: {
          type: "object",
          additionalProperties: false,
          required: ["cardholder_id"],
          properties: {
            cardholder_id: { type: "string", maxLength: 40 },
            type: { type: "string", enum: ["virtual", "physical"] },
            nickname: { type: "string" },
          },
        },
        Card: {
          type: "object",
          required: ["id", "status", "spend_controls"],
          properties: {
            id: { type: "string" },
            status: { type: "string", enum: ["active", "frozen"] },
            last4: { type: ["string", "null"] },
            spend_controls: { $ref: "#/components/schemas/Card" },
          },
        },
      },
    },
    // biome-ignore lint/suspicious/noExplicitAny: the tests change the document freely.
  } as any;
}

/** The breaking changes after `change` is applied to a copy of the contract. */
function after(change: (doc: ReturnType<typeof contract>) => void): string[] {
  const changed = contract();
  change(changed);
  return breakingChanges(contract(), changed);
}

describe("breaking changes between two contracts", () => {
  it("finds nothing between equal contracts, even with recursive schemas", () => {
    expect(breakingChanges(contract(), contract())).toEqual([]);
  });

  it("flags removed paths and operations", () => {
    expect(after((doc) => delete doc.paths["/v1/cards"])).toEqual(["/v1/cards: path removed"]);
    expect(after((doc) => delete doc.paths["/v1/cards"].get)).toEqual(["GET /v1/cards: operation removed"]);
  });

  it("flags request fields newly required, removed, or narrowed", () => {
    const create = (doc: ReturnType<typeof contract>) => doc.components.schemas.CardCreate;
    expect(after((doc) => create(doc).required.push("type"))).toEqual([
      "POST /v1/cards request body type: became required",
    ]);
    expect(
      after((doc) => {
        create(doc).properties.program_id = { type: "string" };
        create(doc).required.push("program_id");
      }),
    ).toEqual(["POST /v1/cards request body program_id: added as required"]);
    expect(after((doc) => delete create(doc).properties.nickname)).toEqual([
      "POST /v1/cards request body nickname: field removed",
    ]);
    expect(after((doc) => (create(doc).properties.type.enum = ["virtual"]))).toEqual([
      'POST /v1/cards request body type: enum no longer accepts "physical"',
    ]);
    expect(after((doc) => (create(doc).properties.cardholder_id.maxLength = 30))).toEqual([
      "POST /v1/cards request body cardholder_id: maxLength narrowed to 30",
    ]);
    expect(after((doc) => (create(doc).properties.cardholder_id.type = "integer"))).toEqual([
      "POST /v1/cards request body cardholder_id: no longer accepts type string",
    ]);
  });

  it("flags parameters removed, newly required or narrowed, through $refs", () => {
    expect(after((doc) => doc.paths["/v1/cards"].get.parameters.shift())).toEqual([
      "GET /v1/cards: query status parameter removed",
    ]);
    expect(after((doc) => (doc.paths["/v1/cards"].get.parameters[0].required = true))).toEqual([
      "GET /v1/cards: query status parameter became required",
    ]);
    expect(after((doc) => (doc.components.parameters.Limit.schema.maximum = 50))).toEqual([
      "GET /v1/cards query limit parameter: maximum narrowed to 50",
    ]);
  });

  it("flags response fields removed, no longer required, or of a new type", () => {
    const card = (doc: ReturnType<typeof contract>) => doc.components.schemas.Card;
    expect(after((doc) => delete card(doc).properties.last4)).toEqual([
      "GET /v1/cards 200 response last4: field removed",
      "POST /v1/cards 201 response last4: field removed",
    ]);
    expect(after((doc) => (card(doc).required = ["id", "spend_controls"]))).toEqual([
      "GET /v1/cards 200 response status: no longer always present",
      "POST /v1/cards 201 response status: no longer always present",
    ]);
    expect(after((doc) => (card(doc).properties.id.type = ["string", "null"]))).toEqual([
      "GET /v1/cards 200 response id: may now be of type null",
      "POST /v1/cards 201 response id: may now be of type null",
    ]);
    expect(after((doc) => delete doc.paths["/v1/cards"].post.responses["201"])).toEqual([
      "POST /v1/cards: 201 response removed",
    ]);
  });

  it("lets additions through: new paths, optional inputs, response fields and enum values, wider bounds", () => {
    expect(
      after((doc) => {
        doc.paths["/v1/programs"] = { get: { responses: {} } };
        doc.paths["/v1/cards"].get.parameters.push({ name: "type", in: "query", schema: { type: "string" } });
        doc.components.schemas.CardCreate.properties.metadata = { type: "object" };
        doc.components.schemas.CardCreate.properties.type.enum.push("metal");
        doc.components.schemas.CardCreate.properties.cardholder_id.maxLength = 80;
        doc.components.schemas.Card.properties.status.enum.push("closed");
        doc.components.schemas.Card.properties.replaced_by = { type: "string" };
        doc.components.schemas.Card.required.push("last4");
      }),
    ).toEqual([]);
  });
});

describe("the release gate", () => {
  it("reads the largest pending bump of @koban/sdk from the changesets", async () => {
    const dir = await mkdtemp(join(tmpdir(), "changesets-"));
    const url = pathToFileURL(`${dir}/`);
    expect(await pendingBump(url)).toBeUndefined();
    await writeFile(join(dir, "a.md"), '---\n"@koban/sdk": minor\n---\n\nA feature.\n');
    await writeFile(join(dir, "b.md"), '---\n"@koban/other": major\n---\n\nNot ours.\n');
    expect(await pendingBump(url)).toBe("minor");
    await writeFile(join(dir, "c.md"), "---\n'@koban/sdk': major\n---\n\nA breaking change.\n");
    expect(await pendingBump(url)).toBe("major");
  });

  it("openapi/openapi.yaml breaks nothing since the last released SDK, or a major changeset is pending", async () => {
    const verdict = await contractVerdict();
    // On failure the message lists each breaking change and how to release it.
    if (!verdict.ok) expect.fail(describeVerdict(verdict));
  });
});
