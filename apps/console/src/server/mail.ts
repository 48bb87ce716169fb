import { logger } from "@koban/observability";
import nodemailer from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Sends, or says why it could not: mail is a courtesy, never a reason to undo what prompted it. */
  send(message: MailMessage): Promise<{ sent: boolean }>;
}

const log = logger.child({ component: "mail" });

/**
 * Mail through `smtpUrl` (`smtp://user:pass@host:587`, `smtps://…` for TLS from the start). With
 * none, each message is logged instead, its body only when `logBodies` (development: the links in
 * it are for whoever runs the console on their machine, and would be secrets in production's logs).
 */
export function createMailer(options: { smtpUrl: string | undefined; from: string; logBodies: boolean }): Mailer {
  if (!options.smtpUrl) {
    return {
      async send({ to, subject, text }) {
        log.info({ to, subject, ...(options.logBodies ? { text } : {}) }, "mail not sent (no SMTP_URL)");
        return { sent: false };
      },
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(message) {
      try {
        await transport.sendMail({ from: options.from, ...message });
        log.info({ to: message.to, subject: message.subject }, "mail sent");
        return { sent: true };
      } catch (error) {
        log.warn({ err: error, to: message.to, subject: message.subject }, "mail not sent");
        return { sent: false };
      }
    },
  };
}
