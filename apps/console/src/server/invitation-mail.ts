import type { MailMessage } from "./mail.ts";

interface Invitation {
  id: string;
  email: string;
  role: string;
  organization: { name: string };
  invitation: { expiresAt: Date };
  inviter: { user: { name: string; email: string } };
}

/** The mail that brings an invited person to the page where they join (`/invitations/{id}`). */
export function invitationMail(baseURL: string, data: Invitation): MailMessage {
  const link = new URL(`/invitations/${encodeURIComponent(data.id)}`, baseURL).toString();
  const role = data.role.replace("_", "-");
  const expires = data.invitation.expiresAt.toUTCString();
  return {
    to: data.email,
    subject: `${data.inviter.user.name} invited you to ${data.organization.name} on Koban`,
    text: [
      `${data.inviter.user.name} (${data.inviter.user.email}) invited you to join ${data.organization.name} in the Koban console (role: ${role}).`,
      "",
      `Accept the invitation: ${link}`,
      "",
      `The link works until ${expires}, for ${data.email} only. If you did not expect it, ignore this mail.`,
    ].join("\n"),
  };
}
