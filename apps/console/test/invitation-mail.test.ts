import type { AddressInfo } from "node:net";
import { newId } from "@koban/contracts";
import { createPool, type Pool } from "@koban/db";
import { createTestDatabase, eventually, type TestDatabase } from "@koban/testing";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createAuth, createUser, ensureOrganization } from "../src/index.ts";
import { createMailer } from "../src/server/mail.ts";

/**
 * An admin's invitation reaches the invited person by mail, through a real SMTP server, with the
 * link that lets them join; a mail server that is down never stops the invitation.
 */
const BASE_URL = "http://console.koban.test:3003";
const PASSWORD = "correct horse battery";
let db: TestDatabase;
let pool: Pool;
let smtp: SMTPServer;
let smtpUrl: string;
const received: ParsedMail[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.url, { max: 2, name: "invitation-mail-test", searchPath: "console" });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => received.push(mail))
        .then(() => done(), done);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
  await pool?.end();
  await db?.drop();
});

/** A partner with a signed-in admin, in a console whose invitations go through `mailUrl`. */
async function adminOf(partnerName: string, mailUrl: string) {
  const auth = createAuth({
    pool,
    secret: "invitation-mail-test-secret-0123456789",
    baseURL: BASE_URL,
    mailer: createMailer({ smtpUrl: mailUrl, from: "Koban <no-reply@koban.test>", logBodies: false }),
  });
  const partnerId = newId("ptn");
  await ensureOrganization(pool, { id: partnerId, name: partnerName });
  const email = `admin-${partnerId.slice(-6).toLowerCase()}@koban.test`;
  const admin = await createUser(auth, { email, password: PASSWORD, name: "Aoi Admin" });
  await addMember(auth, admin.id, partnerId, "admin");
  const signedIn = await auth.api.signInEmail({ body: { email, password: PASSWORD }, returnHeaders: true });
  const cookie = signedIn.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
  const invite = (invitee: string, role: "operator" | "read_only") =>
    auth.api.createInvitation({
      body: { email: invitee, role, organizationId: partnerId },
      headers: new Headers({ cookie }),
    });
  return { partnerId, invite };
}

describe("an invitation", () => {
  it("is mailed to the invited person with the link to join, the partner's name and the role", async () => {
    const { invite } = await adminOf("Kaede Pay", smtpUrl);
    const invitation = await invite("newbie@kaede.test", "read_only");
    const mail = await eventually(() => {
      const found = received.find((candidate) => candidate.subject?.includes("Kaede Pay"));
      if (!found) throw new Error("no mail yet");
      return found;
    });
    expect([mail.to].flat().map((to) => to?.text)).toEqual(["newbie@kaede.test"]);
    expect(mail.from?.value).toEqual([{ name: "Koban", address: "no-reply@koban.test" }]);
    expect(mail.subject).toBe("Aoi Admin invited you to Kaede Pay on Koban");
    expect(mail.text).toContain(`${BASE_URL}/invitations/${invitation.id}`);
    expect(mail.text).toContain("(role: read-only)");
    expect(mail.text).toContain("for newbie@kaede.test only");
  });

  it("is made even when the mail server is down, and the admin still has its link", async () => {
    const { partnerId, invite } = await adminOf("Momiji Bank", "smtp://127.0.0.1:9");
    const invitation = await invite("later@momiji.test", "operator");
    const { rows } = await pool.query(
      `SELECT email, status FROM console.invitation WHERE id = $1 AND "organizationId" = $2`,
      [invitation.id, partnerId],
    );
    expect(rows).toEqual([{ email: "later@momiji.test", status: "pending" }]);
    expect(received.some((mail) => mail.subject?.includes("Momiji Bank"))).toBe(false);
  });
});
