import { z } from "zod";

/** A rule of the domain said no. Becomes a rejected document and a 4xx problem; never retried. */
export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly code: string,
    message: string,
    readonly details: { status?: number; param?: string } = {},
  ) {
    super(message);
  }
}

export const domainErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  status: z.number().int().min(400).max(499),
  param: z.string().optional(),
});
export type DomainErrorData = z.infer<typeof domainErrorSchema>;

export function domainErrorData(error: DomainError): DomainErrorData {
  return {
    code: error.code,
    message: error.message,
    status: error.details.status ?? 422,
    ...(error.details.param ? { param: error.details.param } : {}),
  };
}

/** A message that does not match its contract. Rejected whole, never half-applied. */
export class MessageValidationError extends Error {
  override name = "MessageValidationError";
}
