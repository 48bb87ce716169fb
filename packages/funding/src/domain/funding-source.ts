import {
  DomainError,
  type FundingSourceUpdated,
  type JitGateway,
  type PayloadOf,
  type UpdateFundingSource,
} from "@koban/contracts";

export interface FundingSource {
  id: string;
  partnerId: string;
  livemode: boolean;
  type: "prefunded" | "jit_gateway";
  description: string | null;
  /** Set exactly when the type is `jit_gateway`. */
  gateway: JitGateway | null;
  version: number;
}

/** The source, or the 404 every source gives for an id that is unknown or another tenant's. */
export function existing(source: FundingSource | undefined, id: string): FundingSource {
  if (!source)
    throw new DomainError("resource_not_found", `No such funding source: ${id}.`, { status: 404, param: "id" });
  return source;
}

/** A gateway source needs its gateway; a prefunded one has none. */
export function checkShape(type: FundingSource["type"], gateway: JitGateway | null): void {
  if (type === "jit_gateway" && !gateway) {
    throw new DomainError("parameter_missing", "A jit_gateway source needs jit_gateway (url, deadline_ms, stand_in).", {
      status: 400,
      param: "jit_gateway",
    });
  }
  if (type === "prefunded" && gateway) {
    throw new DomainError("parameter_invalid", "A prefunded source has no jit_gateway.", {
      status: 400,
      param: "jit_gateway",
    });
  }
}

type Changes = Omit<PayloadOf<typeof UpdateFundingSource>, "funding_source_id">;

/** The source's state after an update, or null when the update changes nothing. */
export function decideUpdate(
  source: FundingSource,
  changes: Changes,
  now: Date,
): PayloadOf<typeof FundingSourceUpdated> | null {
  if (changes.jit_gateway && !source.gateway) {
    throw new DomainError("parameter_invalid", "A prefunded source has no jit_gateway to change.", {
      status: 400,
      param: "jit_gateway",
    });
  }
  const gateway = source.gateway && { ...source.gateway, ...changes.jit_gateway };
  const description = changes.description === undefined ? source.description : changes.description;
  const same =
    description === source.description &&
    gateway?.url === source.gateway?.url &&
    gateway?.deadline_ms === source.gateway?.deadline_ms &&
    gateway?.stand_in === source.gateway?.stand_in;
  return same
    ? null
    : {
        funding_source_id: source.id,
        type: source.type,
        description,
        jit_gateway: gateway,
        updated_at: now.toISOString(),
      };
}
