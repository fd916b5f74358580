import { describe, expect, it } from "vitest";
import { isSharedEmailAddress, linkRequestSchema } from "../../contracts/api/auth.js";
import { escapeHtml } from "../../infra/html.js";
import { createMailer } from "../../infra/mailer.js";
import { hashActivationCode, hashPin, maskEmail, randomActivationCode, randomPin, verifyPin } from "./secrets.js";

describe("secrets", () => {
  it("makes 6-digit PINs and verifies them only with the right pepper", () => {
    const pin = randomPin();
    expect(pin).toMatch(/^\d{6}$/);
    const stored = hashPin(pin, "pepper");
    expect(stored).not.toContain(pin);
    expect(verifyPin(pin, stored, "pepper")).toBe(true);
    expect(verifyPin(pin, stored, "other")).toBe(false);
    expect(verifyPin(pin === "000000" ? "000001" : "000000", stored, "pepper")).toBe(false);
  });

  it("normalises activation codes before hashing", () => {
    const code = randomActivationCode();
    expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(hashActivationCode(code.toLowerCase().replace(/-/g, " "))).toBe(hashActivationCode(code));
  });

  it("masks e-mail addresses", () => {
    expect(maskEmail("jan.jansen@school.nl")).toBe("j***@school.nl");
  });
});

describe(isSharedEmailAddress.name, () => {
  it("flags shared mailboxes and passes personal ones", () => {
    for (const shared of ["info@school.nl", "Administratie@school.nl", "admin@x.nl", "secretariaat@x.nl", "directie@x.nl", "info2@x.nl"]) {
      expect(isSharedEmailAddress(shared), shared).toBe(true);
    }
    for (const personal of ["j.devries@school.nl", "informatica.docent@x.nl", "adminda@x.nl"]) {
      expect(isSharedEmailAddress(personal), personal).toBe(false);
    }
  });
});

describe("linkRequestSchema", () => {
  it("accepts both variants and normalises code and e-mail", () => {
    const parsed = linkRequestSchema.parse({ variant: "activation", activationCode: "abcd-efgh-jkmn-pqrs", email: " J.Doe@School.NL " });
    expect(parsed).toMatchObject({ activationCode: "ABCDEFGHJKMNPQRS", email: "j.doe@school.nl" });
    expect(linkRequestSchema.safeParse({ variant: "password", username: "x", password: "", email: "a@b.nl" }).success).toBe(false);
  });
});

describe("dev outbox", () => {
  it("keeps mails in memory without SMTP and escapes them for /dev/mail", async () => {
    const mailer = createMailer({ from: "Balie <noreply@balie.test>" });
    await mailer.send({ to: "a@b.nl", subject: "<b>hi</b>", text: "PIN 123456" });
    expect(mailer.outbox!.list()[0]).toMatchObject({ to: "a@b.nl", subject: "<b>hi</b>" });
    expect(escapeHtml("<script>&\"'")).toBe("&lt;script&gt;&amp;&quot;&#39;");
  });
});
