/** What the CLI's dev stack and the tests use to set the console up: users, members, partners. */
export { createAuth } from "./server/auth.ts";
export { addMember, createUser, ensureOrganization } from "./server/members.ts";
export type { PartnerRole, StaffRole } from "./server/permissions.ts";
export type { ConsoleRouter } from "./server/router.ts";
