/**
 * Wachtwoord vergeten. `passwordResetRequester` mails a reset link to the gemachtigde(n) (role `authorised`)
 * of the account's organisation, never to the requester, and reveals nothing (always resolves).
 * `passwordResetter` sets the new password with the token from that mail (1 hour, single use).
 */
import { AppError } from "../../../contracts/errors.js";
import { hash as argon2Hash } from "@node-rs/argon2";

import { now, nowMs } from "../../../infra/clock.js";
import type { Mailer } from "../../../infra/mailer.js";
import { recordAudit } from "../../audit/record-audit.js";
import { OrganisationModel } from "../../organisations/organisation.model.js";
import { PortalAccountModel } from "../portal-account.model.js";
import { randomToken, sha256 } from "../secrets.js";

const RESET_MS = 60 * 60_000;

/** Props of {@link passwordResetRequester}. */
export interface PasswordResetRequesterProps {
  username: string;
  mailer: Mailer;
  /** Base URL for the link in the mail. */
  publicUrl: string;
  ip?: string | undefined;
}

export async function passwordResetRequester(props: PasswordResetRequesterProps): Promise<void> {
  const account = await PortalAccountModel.findOne({ username: props.username.trim().toLowerCase() }).lean().exec();
  if (!account || account.passwordLoginDisabledAt) {
    await recordAudit({ type: "password_reset_requested", actor: { type: "anonymous" }, organisationId: account?.organisationId ?? null, ip: props.ip, data: { sent: false } });
    return;
  }
  const org = await OrganisationModel.findById(account.organisationId).select({ name: 1, code: 1, contacts: 1 }).lean().exec();
  const recipients = [...new Set((org?.contacts ?? []).filter((c) => c.roles.includes("authorised")).map((c) => c.email))];
  if (!org || recipients.length === 0) {
    await recordAudit({ type: "password_reset_requested", actor: { type: "anonymous" }, organisationId: account.organisationId, ip: props.ip, data: { sent: false } });
    return;
  }
  const token = randomToken();
  await PortalAccountModel.updateOne(
    { _id: account._id },
    { $set: { passwordReset: { tokenHash: sha256(`reset:${token}`), expiresAt: new Date(nowMs() + RESET_MS) } } },
  ).exec();
  const link = `${props.publicUrl}/wachtwoord-herstellen?token=${encodeURIComponent(token)}`;
  for (const to of recipients) {
    await props.mailer.send({
      to,
      subject: `Wachtwoord herstellen voor ${org.name} (${org.code})`,
      text: [
        "Beste gemachtigde,",
        "",
        `Er is gevraagd om het wachtwoord van het Balie-account "${account.username}" van ${org.name} te herstellen.`,
        "U ontvangt dit bericht omdat u de gemachtigde van deze organisatie bent.",
        "",
        `Stel een nieuw wachtwoord in via: ${link}`,
        "Deze link is 1 uur geldig. Hebt u dit niet verwacht? Neem dan contact op met de helpdesk.",
      ].join("\n"),
    });
  }
  await recordAudit({ type: "password_reset_requested", actor: { type: "anonymous" }, organisationId: account.organisationId, ip: props.ip, data: { sent: true, recipients: recipients.length } });
}

/** Props of {@link passwordResetter}. */
export interface PasswordResetterProps {
  token: string;
  password: string;
  ip?: string | undefined;
}

export async function passwordResetter(props: PasswordResetterProps): Promise<void> {
  const tokenHash = sha256(`reset:${props.token}`);
  const account = await PortalAccountModel.findOne({ "passwordReset.tokenHash": tokenHash }).lean().exec();
  if (!account || !account.passwordReset || nowMs() > account.passwordReset.expiresAt.getTime()) throw new AppError("invalid_reset_token");
  if (account.passwordLoginDisabledAt) throw new AppError("password_login_disabled");
  const passwordHash = await argon2Hash(props.password);
  const updated = await PortalAccountModel.updateOne(
    { _id: account._id, "passwordReset.tokenHash": tokenHash },
    { $set: { passwordHash, passwordReset: null, failedAttempts: 0, blockedUntil: null } },
  ).exec();
  if (updated.matchedCount === 0) throw new AppError("invalid_reset_token");
  await recordAudit({ type: "password_reset", actor: { type: "anonymous" }, organisationId: account.organisationId, ip: props.ip, data: { at: now().toISOString() } });
}
