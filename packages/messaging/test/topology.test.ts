import {
  ApiKeyCreated,
  CardholderRegistered,
  CreatePartner,
  type Envelope,
  PartnerCreated,
  RegisterCardholder,
} from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { defineContext, inLane, onCommand, onEvent } from "../src/context.ts";
import { busNames } from "../src/names.ts";
import { buildTopology, eventQueuesOf } from "../src/topology.ts";

// Contexts defined here, with no I/O: what they handle is all routing looks at.
const noop = async () => {};
const cardholder = defineContext({
  name: "cardholder",
  schema: "cardholder",
  migrations: "",
  commands: [onCommand(RegisterCardholder, async () => ({ cardholder_id: "", stream_version: 1 }))],
  events: [],
});
const query = defineContext({
  name: "query",
  schema: "query",
  migrations: "",
  commands: [],
  events: [onEvent(CardholderRegistered, noop), onEvent(PartnerCreated, noop)],
});
const card = defineContext({
  name: "card",
  schema: "card",
  migrations: "",
  commands: [],
  events: [onEvent(CardholderRegistered, noop)],
});

const names = busNames("unit");
const topology = buildTopology(names, [cardholder, query, card], { extraOutboxes: ["api"] });

function envelope(fields: Partial<Envelope> & Pick<Envelope, "type" | "kind">): Envelope {
  return {
    id: "0190a0a0-0000-7000-8000-000000000000",
    version: 1,
    source: "api",
    tenant: null,
    correlationId: "c",
    causationId: null,
    occurredAt: new Date(0).toISOString(),
    payload: {},
    ...fields,
  };
}

describe("buildTopology", () => {
  it("drains every context's outbox and the extra ones", () => {
    expect(topology.outboxes).toEqual(["cardholder", "query", "card", "api"]);
  });

  it("sends an event to every subscriber's event queue, and nowhere when nobody subscribes", () => {
    expect(topology.route(envelope({ type: CardholderRegistered.type, kind: "event" })).sort()).toEqual([
      "evt.card",
      "evt.query",
    ]);
    expect(topology.route(envelope({ type: PartnerCreated.type, kind: "event" }))).toEqual(["evt.query"]);
    expect(topology.route(envelope({ type: ApiKeyCreated.type, kind: "event" }))).toEqual([]);
  });

  it("sends a command to its owner's command queue only, known from the contracts", () => {
    expect(topology.route(envelope({ type: RegisterCardholder.type, kind: "command" }))).toEqual(["cmd.cardholder"]);
    // The owner need not be in this topology: the contracts name it.
    expect(topology.route(envelope({ type: CreatePartner.type, kind: "command" }))).toEqual(["cmd.partner"]);
    expect(topology.route(envelope({ type: "NoSuchCommand", kind: "command" }))).toEqual([]);
    expect(topology.route(envelope({ type: RegisterCardholder.type, kind: "command", version: 99 }))).toEqual([]);
  });

  it("sends a document only to the replyTo address of its command", () => {
    const type = RegisterCardholder.result.type;
    expect(topology.route(envelope({ type, kind: "document", replyTo: "host-1-abcd" }))).toEqual(["reply.host-1-abcd"]);
    expect(topology.route(envelope({ type, kind: "document" }))).toEqual([]);
  });

  it("also sends it to the shared operations queue when operations are recorded", () => {
    const recording = buildTopology(names, [cardholder], { recordOperations: true });
    const type = RegisterCardholder.result.type;
    expect(recording.route(envelope({ type, kind: "document", replyTo: "host-1-abcd" }))).toEqual([
      "reply.host-1-abcd",
      "ops.documents",
    ]);
    expect(recording.route(envelope({ type, kind: "document" }))).toEqual([]);
    expect(recording.queues).toContain("ops.documents");
  });

  it("lists every queue it can route to, so the relay's watermark looks at all of them", () => {
    expect([...topology.queues].sort()).toEqual([
      "cmd.account",
      "cmd.card",
      "cmd.cardholder",
      "cmd.funding",
      "cmd.partner",
      "evt.card",
      "evt.query",
    ]);
  });

  it("sends a lane's events to the lane's own queue, and the context's others to its shared one", () => {
    const laned = defineContext({
      name: "card",
      schema: "card",
      migrations: "",
      commands: [],
      events: [
        onEvent(PartnerCreated, noop),
        inLane({ name: "slow", concurrency: 2 }, onEvent(CardholderRegistered, noop)),
      ],
    });
    const routing = buildTopology(names, [laned, query]);
    expect(routing.route(envelope({ type: CardholderRegistered.type, kind: "event" })).sort()).toEqual([
      "evt.card.slow",
      "evt.query",
    ]);
    expect(routing.route(envelope({ type: PartnerCreated.type, kind: "event" })).sort()).toEqual([
      "evt.card",
      "evt.query",
    ]);
    expect(routing.queues).toEqual(expect.arrayContaining(["evt.card", "evt.card.slow"]));
    expect(eventQueuesOf(names, laned).map(({ queue, concurrency }) => ({ queue, concurrency }))).toEqual([
      { queue: "evt.card", concurrency: undefined },
      { queue: "evt.card.slow", concurrency: 2 },
    ]);
  });

  it("names queues by convention from the environment and the subscriber", () => {
    const other = busNames("staging");
    expect(other.prefix).toBe("koban:staging");
    expect(other.epochKey).toBe("koban:staging:bus:epoch");
    const routed = buildTopology(other, [card]).route(envelope({ type: CardholderRegistered.type, kind: "event" }));
    expect(routed).toEqual(["evt.card"]);
  });
});
