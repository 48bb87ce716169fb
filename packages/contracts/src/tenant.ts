import { z } from "zod";

/** The tenant key: a partner's test mode and live mode are separate tenants everywhere. */
export const tenantSchema = z.object({
  partnerId: z.string().min(1),
  livemode: z.boolean(),
});
export type Tenant = z.infer<typeof tenantSchema>;
