import {
  type CommandDefinition,
  type DomainErrorData,
  type Envelope,
  newId,
  type PayloadOf,
  type ResultOf,
  type Tenant,
} from "@koban/contracts";
import { type Pool, transaction } from "@koban/db";
import { appendToOutbox, createCommand, type ReplyChannel } from "@koban/messaging";

export type CommandOutcome<C extends CommandDefinition> =
  | { status: "accepted"; operationId: string; result: ResultOf<C> }
  | { status: "rejected"; operationId: string; error: DomainErrorData }
  | { status: "pending"; operationId: string };

/** A process that sends commands for people (the API for keys, the console for its members): its name and schema. */
export interface Facade {
  source: "api" | "console";
  /** The schema holding its outbox and `operations` table. */
  schema: "api" | "console";
}

const API: Facade = { source: "api", schema: "api" };

type DocumentPayload = { outcome: "accepted"; result: unknown } | { outcome: "rejected"; error: DomainErrorData };

/**
 * Turns a request into a command and waits for its document. The command is written to the
 * facade's outbox with its operation in one transaction, so a write that answered 202 is
 * never lost: the operation completes whenever the document arrives.
 */
export class CommandGateway {
  constructor(
    private readonly pool: Pool,
    private readonly replies: ReplyChannel,
    private readonly waitMs: number,
    private readonly facade: Facade = API,
  ) {}

  async send<C extends CommandDefinition>(
    definition: C,
    payload: PayloadOf<C>,
    tenant: Tenant,
    resource: { type: string; id: string },
  ): Promise<CommandOutcome<C>> {
    const command = createCommand(definition, payload, {
      source: this.facade.source,
      tenant,
      replyTo: this.replies.address,
    });
    const operationId = newId("op");
    const reply = this.replies.expect(command.id, this.waitMs);
    await transaction(this.pool, async (tx) => {
      await tx.query(
        `INSERT INTO ${this.facade.schema}.operations (id, command_id, partner_id, livemode, command_type, resource)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [operationId, command.id, tenant.partnerId, tenant.livemode, definition.type, resource],
      );
      await appendToOutbox(tx, this.facade.schema, [command]);
    });
    const document = await reply;
    if (!document) return { status: "pending", operationId };
    const outcome = document.payload as DocumentPayload;
    return outcome.outcome === "accepted"
      ? { status: "accepted", operationId, result: outcome.result as ResultOf<C> }
      : { status: "rejected", operationId, error: outcome.error };
  }
}

/** Completes the operation of any document that reaches this facade, awaited or not. */
export async function recordDocument(pool: Pool, document: Envelope, facade: Facade = API): Promise<void> {
  const outcome = document.payload as DocumentPayload;
  await pool.query(
    `UPDATE ${facade.schema}.operations SET status = $2, error = $3, completed_at = now()
     WHERE command_id = $1 AND status = 'pending'`,
    [
      document.causationId,
      outcome.outcome === "accepted" ? "succeeded" : "failed",
      outcome.outcome === "rejected" ? outcome.error : null,
    ],
  );
}
