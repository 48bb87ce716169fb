export * from "./define.ts";
export * from "./envelope.ts";
export * from "./errors.ts";
export * from "./ids.ts";
export * from "./messages/cardholder.ts";
export * from "./messages/partner.ts";
export * from "./registry.ts";
export * from "./tenant.ts";
