import { createAccessControl } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/organization/access";

/**
 * Everything a console user can be allowed to do. The organisation plugin's own statements
 * (organization, member, invitation, team) are kept so its invitation and member endpoints obey
 * the same roles.
 */
export const statements = {
  ...defaultStatements,
  cardholder: ["read"],
  card: ["read", "issue", "act", "reveal"],
  authorization: ["read", "simulate"],
  developer: ["read", "write"],
  team: ["read", "write"],
  funding: ["read", "write"],
  audit: ["read"],
  kyc: ["review"],
  operations: ["read", "replay"],
  accounting: ["read"],
  partner: ["manage"],
  compliance: ["suspend"],
} as const;

export const ac = createAccessControl(statements);

const partnerReads = {
  cardholder: ["read"],
  card: ["read"],
  authorization: ["read"],
  funding: ["read"],
  audit: ["read"],
} as const;

/** A partner member's role: one per organisation (= partner). */
export const partnerRoles = {
  admin: ac.newRole({
    ...partnerReads,
    card: ["read", "issue", "act", "reveal"],
    authorization: ["read", "simulate"],
    developer: ["read", "write"],
    team: ["read", "write"],
    funding: ["read", "write"],
    organization: ["update"],
    member: ["create", "update", "delete"],
    invitation: ["create", "cancel"],
  }),
  /** Reads and card actions; no keys, webhooks or team. */
  operator: ac.newRole({
    ...partnerReads,
    card: ["read", "issue", "act"],
    authorization: ["read", "simulate"],
  }),
  read_only: ac.newRole({ ...partnerReads }),
};

/** A Koban employee's role: across partners, never inside a partner's own area. */
export const staffRoles = {
  staff_compliance: ac.newRole({
    kyc: ["review"],
    cardholder: ["read"],
    card: ["read"],
    audit: ["read"],
    compliance: ["suspend"],
  }),
  staff_accounting: ac.newRole({ accounting: ["read"], audit: ["read"] }),
  staff_admin: ac.newRole({
    kyc: ["review"],
    cardholder: ["read"],
    card: ["read"],
    audit: ["read"],
    accounting: ["read"],
    operations: ["read", "replay"],
    partner: ["manage"],
    compliance: ["suspend"],
  }),
};

export type PartnerRole = keyof typeof partnerRoles;
export type StaffRole = keyof typeof staffRoles;
export const partnerRoleNames = Object.keys(partnerRoles) as PartnerRole[];
export const staffRoleNames = Object.keys(staffRoles) as StaffRole[];

type Statements = typeof statements;
/** One permission: a resource and one of its actions, e.g. `["card", "act"]`. */
export type Permission = { [R in keyof Statements]: [R, Statements[R][number]] }[keyof Statements];

export function isPartnerRole(role: string): role is PartnerRole {
  return role in partnerRoles;
}

export function isStaffRole(role: string | null | undefined): role is StaffRole {
  return role != null && role in staffRoles;
}

function roleOf(role: PartnerRole | StaffRole) {
  return isPartnerRole(role) ? partnerRoles[role] : staffRoles[role];
}

/** Whether a role grants the permission. */
export function allows(role: PartnerRole | StaffRole, [resource, action]: Permission): boolean {
  return roleOf(role).authorize({ [resource]: [action] } as never).success;
}

/** Every permission a role has, for the UI to hide what the server would refuse anyway. */
export function permissionsOf(role: PartnerRole | StaffRole): Record<string, readonly string[]> {
  return roleOf(role).statements as Record<string, readonly string[]>;
}
