/**
 * Wachtwoord vergeten. `passwordResetRequester` mails a reset link to the gemachtigde(n) (role `authorised`)
 * of the account's organisation, never to the requester, and reveals nothing (always resolves).
 * `passwordResetChecker` tells the page whether a link can still be used; `passwordResetter` sets the new password
 * with the token from that mail (1 hour, single use). A used link is remembered (`usedAt`), so its second use
 * says "already used" rather than "invalid"; a new request replaces it.
 */
import { AppError } from "../../../contracts/errors.js";
import { hash as argon2Hash } from "@node-rs/argon2";

import { now, nowMs } from "../../../infra/clock.js";
import type { Mailer } from "../../../infra/mailer.js";
import { recordAudit } from "../../audit/record-audit.js";
import { OrganisationModel } from "../../organisations/organisation.model.js";
import { PortalAccountModel } from "../portal-account.model.js";
import { randomToken, sha256 } from "../secrets.js";
import { clearSubject, reserveAttempt } from "../attempt-recorder.js";

const RESET_MS = 60 * 60_000;
/** One reset mail per account per 5 minutes. */
const RESEND_MS = 5 * 60_000;
/** "Wachtwoord vergeten" requests per client address per 15 minutes. */
const RESET_REQUESTS_PER_ADDRESS = 10;

/** Props of {@link passwordResetRequester}. */
export interface PasswordResetRequesterProps {
  username: string;
  mailer: Mailer;
  /** Base URL for the link in the mail. */
  publicUrl: string;
  ip?: string | undefined;
}

export async function passwordResetRequester(props: PasswordResetRequesterProps): Promise<void> {
  // Requests from one address, for any name: a few forgotten passwords are normal, a stream is not.
  const perAddress = await reserveAttempt({ subject: "password-forgotten", ip: props.ip }, RESET_REQUESTS_PER_ADDRESS);
  if (!perAddress.ok) throw new AppError("rate_limited", { details: { retryAfterMs: Math.max(1_000, perAddress.blockedUntil.getTime() - nowMs()) } });
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
  // At most one mail per account per RESEND_MS: the gemachtigde's inbox is not a target. The answer stays the
  // same (the page cannot tell), and the link sent a moment ago still works.
  const issued = await PortalAccountModel.updateOne(
    { _id: account._id, $or: [{ passwordReset: null }, { "passwordReset.expiresAt": { $lte: new Date(nowMs() + RESET_MS - RESEND_MS) } }] },
    { $set: { passwordReset: { tokenHash: sha256(`reset:${token}`), expiresAt: new Date(nowMs() + RESET_MS) } } },
  ).exec();
  if (issued.matchedCount === 0) {
    await recordAudit({ type: "password_reset_requested", actor: { type: "anonymous" }, organisationId: account.organisationId, ip: props.ip, data: { sent: false, reason: "recently_sent" } });
    return;
  }
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

/** The account a reset token belongs to, if the link is still usable; throws the reason otherwise. */
async function usableResetAccount(token: string) {
  const tokenHash = sha256(`reset:${token}`);
  const account = await PortalAccountModel.findOne({ "passwordReset.tokenHash": tokenHash }).lean().exec();
  const reset = account?.passwordReset;
  if (!account || !reset) throw new AppError("invalid_reset_token");
  if (reset.usedAt) throw new AppError("reset_link_used");
  if (nowMs() >= reset.expiresAt.getTime()) throw new AppError("reset_link_expired");
  if (account.passwordLoginDisabledAt) throw new AppError("password_login_disabled");
  return { account, reset, tokenHash };
}

/** Whether the link with `token` can be used: the account's username and until when; throws why not. */
export async function passwordResetChecker(token: string): Promise<{ username: string; expiresAt: Date }> {
  const { account, reset } = await usableResetAccount(token);
  return { username: account.username, expiresAt: reset.expiresAt };
}

export async function passwordResetter(props: PasswordResetterProps): Promise<void> {
  const { account, tokenHash } = await usableResetAccount(props.token);
  if (props.password.toLowerCase().includes(account.username.toLowerCase())) {
    throw new AppError("validation_failed", { fields: { password: { code: "password_contains_username", message: "contains the username" } } });
  }
  const passwordHash = await argon2Hash(props.password);
  // Conditional on the link being unused: of two tabs submitting at once, one wins and the other hears "used".
  const updated = await PortalAccountModel.updateOne(
    { _id: account._id, "passwordReset.tokenHash": tokenHash, "passwordReset.usedAt": null },
    { $set: { passwordHash, "passwordReset.usedAt": now() } },
  ).exec();
  if (updated.matchedCount === 0) throw new AppError("reset_link_used");
  // A new password ends every block on the account, from every address.
  await clearSubject(`acct:${String(account._id)}`);
  await recordAudit({ type: "password_reset", actor: { type: "anonymous" }, organisationId: account.organisationId, ip: props.ip, data: { at: now().toISOString() } });
}
