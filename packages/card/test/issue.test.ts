import { DomainError, newId, noSpendControls } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { evolve } from "../src/domain/card.ts";
import {
  assertIssuable,
  assertReplaceable,
  CARD_VALIDITY_YEARS,
  decideIssue,
  decideReplace,
  expiryOf,
} from "../src/domain/issue.ts";
import { decideActivate } from "../src/domain/lifecycle.ts";
import {
  activated,
  cardholder,
  cardIssued,
  closed,
  facts,
  given,
  issueCommand,
  issuedPan,
  later,
  now,
  program,
} from "./fixtures/cards.ts";

describe("issuing a card", () => {
  it("given nothing, when issued, then it is inactive with the vault's digest and last four, never the number", () => {
    const command = issueCommand();
    const events = decideIssue(assertIssuable(undefined, command, facts), issuedPan("0042"), now);
    expect(events).toEqual([
      {
        type: "CardIssued",
        data: {
          card_id: command.card_id,
          cardholder_id: cardholder.id,
          program_id: program.id,
          type: "virtual",
          status: "inactive",
          pan_digest: "ab".repeat(32),
          last4: "0042",
          exp_month: 11,
          exp_year: 2026 + CARD_VALIDITY_YEARS,
          spend_controls: noSpendControls,
          funding_source_id: null,
          replacement_for: null,
          replacement_reason: null,
          created_at: now.toISOString(),
        },
      },
    ]);
    expect(evolve(undefined, events[0] as never)).toMatchObject({
      id: command.card_id,
      status: "inactive",
      version: 1,
    });
  });

  it("expires at the end of the month of issue in the program's time zone", () => {
    // 16:00 UTC on 30 November is already 1 December in Tokyo.
    expect(expiryOf(new Date("2026-11-30T16:00:00Z"), "Asia/Tokyo")).toEqual({ month: 12, year: 2029 });
    expect(expiryOf(new Date("2026-11-30T16:00:00Z"), "UTC")).toEqual({ month: 11, year: 2029 });
  });

  it("keeps the funding source and spend controls it is given", () => {
    const funding = `fs_${newId("card").slice(5)}`;
    const spend_controls = { ...noSpendControls, allowed_countries: ["JP"] };
    const [event] = decideIssue(
      assertIssuable(undefined, issueCommand({ funding_source_id: funding, spend_controls }), facts),
      issuedPan(),
      now,
    );
    expect(event?.data).toMatchObject({ funding_source_id: funding, spend_controls });
  });

  it("starts a card given no controls with its program's defaults, a copy it then owns", () => {
    const defaults = { ...noSpendControls, blocked_countries: ["KP"] };
    const withDefaults = { ...facts, program: { ...program, defaultSpendControls: defaults } };
    const [event] = decideIssue(assertIssuable(undefined, issueCommand(), withDefaults), issuedPan(), now);
    expect(event?.data).toMatchObject({ spend_controls: defaults });
    const own = { ...noSpendControls, allowed_countries: ["JP"] };
    const [owned] = decideIssue(
      assertIssuable(undefined, issueCommand({ spend_controls: own }), withDefaults),
      issuedPan(),
      now,
    );
    expect(owned?.data).toMatchObject({ spend_controls: own });
  });

  it.each([
    ["the card exists", { state: true }, "card_exists", 409],
    ["the program is unknown", { program: undefined }, "program_not_found", 422],
    ["the cardholder is unknown", { cardholder: undefined }, "cardholder_not_found", 422],
    [
      "the cardholder is closed",
      { cardholder: { ...cardholder, status: "closed" as const } },
      "cardholder_closed",
      422,
    ],
  ])("refuses when %s", (_, change, code, status) => {
    const command = issueCommand();
    const state = "state" in change ? given(cardIssued({ card_id: command.card_id })) : undefined;
    const attempt = () => assertIssuable(state, command, { ...facts, ...change });
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(expect.objectContaining({ code, details: expect.objectContaining({ status }) }));
  });

  it("issues to a suspended cardholder: whether it may pay is decided at authorization", () => {
    const suspended = { ...cardholder, status: "suspended" as const };
    expect(() => assertIssuable(undefined, issueCommand(), { ...facts, cardholder: suspended })).not.toThrow();
  });

  it("refuses spend controls that break the rules", () => {
    const spend_controls = { ...noSpendControls, count_limits: { daily: 10, monthly: 5 } };
    expect(() => assertIssuable(undefined, issueCommand({ spend_controls }), facts)).toThrow(
      expect.objectContaining({ code: "parameter_invalid", details: expect.objectContaining({ status: 400 }) }),
    );
  });
});

describe("replacing a card", () => {
  const controls = { ...noSpendControls, blocked_countries: ["KP"] };
  const original = () => {
    const issued = cardIssued({ spend_controls: controls, type: "physical" });
    return given(issued, activated(issued.data.card_id));
  };
  const replace = (card = original(), reason: "lost" | "stolen" | "damaged" | "expired" = "lost") => {
    const command = { card_id: card.id, replacement_card_id: newId("card"), reason };
    return {
      card,
      command,
      events: decideReplace(card, assertReplaceable(card, undefined, command, facts), issuedPan("9999"), later),
    };
  };

  it("given an active card, when it is lost, then a new card inherits it and the old one is closed at once", () => {
    const { card, command, events } = replace();
    expect(events.map((event) => [event.type, event.data.card_id])).toEqual([
      ["CardIssued", command.replacement_card_id],
      ["CardReplaced", card.id],
      ["CardClosed", card.id],
    ]);
    expect(events[0]?.data).toMatchObject({
      cardholder_id: card.cardholderId,
      program_id: card.programId,
      type: "physical",
      spend_controls: controls,
      last4: "9999",
      replacement_for: card.id,
      replacement_reason: "lost",
    });
    expect(events[2]?.data).toMatchObject({ reason: "lost" });
  });

  it("given a card already closed as stolen, when replaced, then it is not closed twice", () => {
    const card = given(...[cardIssued()].flatMap((issued) => [issued, closed(issued.data.card_id, "stolen")]));
    expect(replace(card, "stolen").events.map((event) => event.type)).toEqual(["CardIssued", "CardReplaced"]);
  });

  it("given a damaged card, when replaced, then it works until the replacement is activated, which closes it", () => {
    const { card, command, events } = replace(original(), "damaged");
    expect(events.map((event) => event.type)).toEqual(["CardIssued", "CardReplaced"]);
    const old = events.filter((event) => event.data.card_id === card.id).reduce(evolve, card);
    expect(old).toMatchObject({ status: "active", replacedBy: command.replacement_card_id });

    const replacement = given(events[0] as never);
    expect(decideActivate(replacement, old, later)).toEqual([
      { type: "CardActivated", data: { card_id: replacement.id, changed_at: later.toISOString() } },
      { type: "CardClosed", data: { card_id: card.id, reason: "replaced", closed_at: later.toISOString() } },
    ]);
    // A closed predecessor (the cardholder closed it meanwhile) stays as it is.
    expect(decideActivate(replacement, { ...old, status: "closed", closedReason: "fraud" }, later)).toHaveLength(1);
  });

  it("given a lost card's replacement, when activated, then only the replacement changes", () => {
    const { card, events } = replace();
    const old = events.filter((event) => event.data.card_id === card.id).reduce(evolve, card);
    expect(decideActivate(given(events[0] as never), old, later).map((event) => event.type)).toEqual(["CardActivated"]);
  });

  it.each([
    ["it was already replaced", () => ({ ...original(), replacedBy: newId("card") }), "invalid_state_transition"],
    [
      "the cardholder asked to close it",
      () => ({ ...original(), status: "closed" as const, closedReason: "cardholder_request" as const }),
      "invalid_state_transition",
    ],
  ])("refuses when %s", (_, card, code) => {
    const subject = card();
    const command = { card_id: subject.id, replacement_card_id: newId("card"), reason: "lost" as const };
    expect(() => assertReplaceable(subject, undefined, command, facts)).toThrow(expect.objectContaining({ code }));
  });

  it("refuses a replacement id that is taken", () => {
    const card = original();
    const taken = given(cardIssued());
    const command = { card_id: card.id, replacement_card_id: taken.id, reason: "expired" as const };
    expect(() => assertReplaceable(card, taken, command, facts)).toThrow(
      expect.objectContaining({ code: "card_exists" }),
    );
  });
});
