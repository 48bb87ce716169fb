import { type Address, DomainError, type PayloadOf, type UpdateCardholder } from "@koban/contracts";
import { type Cardholder, type CardholderEvent, existing, invalidTransition } from "./cardholder.ts";
import { sameSpendControls, validateSpendControls } from "./spend-controls.ts";
import { decideStatusChange } from "./status.ts";

type Update = PayloadOf<typeof UpdateCardholder>;

/** As on registration (the API checks it there; here the merged result is what counts). */
const MAX_METADATA_KEYS = 20;

/**
 * A PATCH: one event per kind of change, in a fixed order, then the status change. A field
 * set to the value it has changes nothing; anything that would change a closed cardholder
 * is refused.
 */
export function decideUpdate(state: Cardholder | undefined, command: Update, now: Date): CardholderEvent[] {
  const cardholder = existing(state, command.cardholder_id);
  const at = now.toISOString();
  const changes = [
    ...contactChange(cardholder, command, at),
    ...nameChange(cardholder, command, at),
    ...metadataChange(cardholder, command, at),
    ...spendControlsChange(cardholder, command, at),
  ];
  if (changes.length > 0 && cardholder.status === "closed") {
    throw invalidTransition("A closed cardholder cannot be changed.");
  }
  const status = command.status ? decideStatusChange(cardholder, command.status, now) : [];
  return [...changes, ...status];
}

/** undefined keeps the current value; null clears it. */
const patched = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);

const addressFields = ["line1", "line2", "city", "state", "postal_code", "country"] as const;
const sameAddress = (a: Address | null, b: Address | null) =>
  a === b || (a !== null && b !== null && addressFields.every((field) => a[field] === b[field]));

function contactChange(cardholder: Cardholder, command: Update, at: string): CardholderEvent[] {
  const { email, phone_number, address } = cardholder.details;
  const next = {
    email: patched(command.email, email),
    phone_number: patched(command.phone_number, phone_number),
    address: patched(command.address, address),
  };
  if (next.email === email && next.phone_number === phone_number && sameAddress(next.address, address)) return [];
  return [{ type: "CardholderContactChanged", data: { cardholder_id: cardholder.id, ...next, changed_at: at } }];
}

function nameChange(cardholder: Cardholder, command: Update, at: string): CardholderEvent[] {
  if (!command.individual) return [];
  const current = cardholder.details.individual;
  if (!current) {
    throw new DomainError("parameter_unknown", "individual applies to individual cardholders only.", {
      status: 400,
      param: "individual",
    });
  }
  const individual = {
    first_name: command.individual.first_name ?? current.first_name,
    last_name: command.individual.last_name ?? current.last_name,
  };
  if (individual.first_name === current.first_name && individual.last_name === current.last_name) return [];
  return [{ type: "CardholderNameChanged", data: { cardholder_id: cardholder.id, individual, changed_at: at } }];
}

function metadataChange(cardholder: Cardholder, command: Update, at: string): CardholderEvent[] {
  if (!command.metadata) return [];
  const current = cardholder.details.metadata;
  const metadata = Object.fromEntries(
    Object.entries({ ...current, ...command.metadata }).filter((entry): entry is [string, string] => entry[1] !== null),
  );
  const keys = Object.keys(metadata);
  if (keys.length > MAX_METADATA_KEYS) {
    throw new DomainError("parameter_invalid", `metadata would hold more than ${MAX_METADATA_KEYS} keys.`, {
      status: 400,
      param: "metadata",
    });
  }
  if (keys.length === Object.keys(current).length && keys.every((key) => current[key] === metadata[key])) return [];
  return [{ type: "CardholderMetadataChanged", data: { cardholder_id: cardholder.id, metadata, changed_at: at } }];
}

function spendControlsChange(cardholder: Cardholder, command: Update, at: string): CardholderEvent[] {
  const controls = command.spend_controls;
  if (!controls) return [];
  validateSpendControls(controls);
  if (sameSpendControls(cardholder.spendControls, controls)) return [];
  return [
    {
      type: "CardholderSpendControlsChanged",
      data: { cardholder_id: cardholder.id, spend_controls: controls, changed_at: at },
    },
  ];
}
