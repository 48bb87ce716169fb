import { z } from "zod";

const known = new Set(Intl.supportedValuesOf("currency"));

/** An ISO 4217 currency, upper case (`JPY`), as the runtime's ICU data knows them. */
export const currencyCode = z
  .string()
  .refine((code) => /^[A-Z]{3}$/.test(code) && known.has(code), "must be an ISO 4217 currency code, like JPY");
