import type { Pool } from "@koban/db";
import { betterAuth } from "better-auth";
import { organization } from "better-auth/plugins";
import { invitationMail } from "./invitation-mail.ts";
import type { Mailer } from "./mail.ts";
import { ac, partnerRoles } from "./permissions.ts";

export interface AuthOptions {
  /** A pool whose search_path is the console's schema: better-auth's tables live there. */
  pool: Pool;
  secret: string;
  /** Where the console is served; better-auth trusts requests from this origin only. */
  baseURL: string;
  /** Sends invitations; without one (scripts that only make users) none is sent. */
  mailer?: Mailer;
}

/**
 * Sign-in, sessions, organisations, members and invitations. An organisation's id is a partner
 * id. Nobody signs themselves up: operators join by invitation, users are made by staff or the
 * dev seed (`users.ts`).
 */
export function createAuth({ pool, secret, baseURL, mailer }: AuthOptions) {
  return betterAuth({
    appName: "Koban console",
    database: pool,
    secret,
    baseURL,
    basePath: "/api/auth",
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10 },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    user: {
      additionalFields: {
        /** A Koban employee's role (staff_compliance, staff_accounting, staff_admin); null for partner members. */
        staffRole: { type: "string", required: false, input: false },
      },
    },
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    plugins: [
      organization({
        ac,
        roles: partnerRoles,
        creatorRole: "admin",
        // Organisations mirror partners; they are made from the partner's id, never by a member.
        allowUserToCreateOrganization: false,
        invitationExpiresIn: 60 * 60 * 24 * 7,
        // The admin who invited also sees the link in the console, should the mail go astray.
        sendInvitationEmail: async (data) => {
          await mailer?.send(invitationMail(baseURL, data));
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
