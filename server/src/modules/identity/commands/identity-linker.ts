/**
 * identityLinker: step 1 of koppelen. Proves the account (username + password, or activation code), checks the
 * e-mail address, creates a hashed single-use PIN (15 min) and mails it. Step 2 is {@link pinConfirmer}.
 */
import { accountBlocked } from "../../../modules/identity/attempt-recorder.js";
import { AppError } from "../../../contracts/errors.js";
import { verify as argon2Verify } from "@node-rs/argon2";
import { Types } from "mongoose";
import { IDENTITY_LIMITS, isSharedEmailAddress, type LinkRequest } from "../../../contracts/api/auth.js";
import { type IdentityErrorId } from "../../../contracts/identity-errors.js";
import { now, nowMs } from "../../../infra/clock.js";
import { localDateTimeInWords } from "../../../infra/local-time.js";
import type { Mailer } from "../../../infra/mailer.js";
import { recordAudit } from "../../audit/record-audit.js";
import { OrganisationModel } from "../../organisations/organisation.model.js";
import { activeBlock, clearAttempts, reserveAttempt } from "../attempt-recorder.js";
import { EherkenningLinkModel } from "../eherkenning-link.model.js";
import { PendingPinModel } from "../pending-pin.model.js";
import { PortalAccountModel, type PortalAccount } from "../portal-account.model.js";
import { hashActivationCode, hashPin, maskEmail, randomPin } from "../secrets.js";
import type { EherkenningIdentity } from "./identity-resolver.js";

/** A valid argon2id hash of a random string: verifying against it costs as much as a real verify (no timing oracle). */
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$YTm1fr5LdEYQrBKlRcHtfw$cdQSfHup4nWQFkoT1/QKvI0k8N4UV5lrKstgXgbK9Ss";

/** Props of {@link identityLinker}. */
export interface IdentityLinkerProps {
  identity: EherkenningIdentity;
  request: LinkRequest;
  mailer: Mailer;
  /** Server secret used as pepper for the PIN hash. */
  pepper: string;
  ip?: string | undefined;
}

/** What the page shows next. */
export interface IdentityLinkerResult {
  pinId: string;
  emailMasked: string;
  pinExpiresAt: Date;
}

export async function identityLinker(props: IdentityLinkerProps): Promise<IdentityLinkerResult> {
  const { identity, request, ip } = props;
  if (isSharedEmailAddress(request.email) && !request.acceptSharedEmail) throw new AppError("shared_email_address");

  const account = request.variant === "password" ? await proveByPassword(props, request) : await proveByActivationCode(props, request);

  const existing = await EherkenningLinkModel.exists({ pseudonym: identity.pseudonym, kvk: identity.kvk, accountId: account._id });
  if (existing) throw new AppError("already_linked");

  const pin = randomPin();
  const createdAt = now();
  const expiresAt = new Date(createdAt.getTime() + IDENTITY_LIMITS.pinMs);
  const pending = await PendingPinModel.create({
    hash: hashPin(pin, props.pepper),
    pseudonym: identity.pseudonym,
    kvk: identity.kvk,
    name: identity.name,
    accountId: account._id,
    organisationId: account.organisationId,
    email: request.email,
    variant: request.variant,
    createdAt,
    expiresAt,
  });
  const org = await OrganisationModel.findById(account.organisationId).select({ name: 1, code: 1 }).lean().exec();
  try {
    await props.mailer.send({
      to: request.email,
      subject: "Uw pincode voor het koppelen van eHerkenning / Your PIN to link eHerkenning",
      text: [
        "Beste gebruiker,",
        "",
        `U koppelt uw eHerkenningsmiddel aan het Balie-account van ${org ? `${org.name} (${org.code})` : "uw organisatie"}.`,
        "",
        `Uw pincode: ${pin}`,
        "",
        `De pincode is 15 minuten geldig, tot ${localDateTimeInWords(expiresAt, "nl")} uur, en kan één keer worden gebruikt.`,
        "Hebt u dit niet aangevraagd? Dan kunt u dit bericht negeren.",
        "",
        "---",
        `Your PIN: ${pin}. It is valid for 15 minutes, until ${localDateTimeInWords(expiresAt, "en")} (Amsterdam time), and can be used once.`,
      ].join("\n"),
    });
  } catch (err) {
    await PendingPinModel.deleteOne({ _id: pending._id }).exec();
    throw new AppError("mail_failed", { detail: err instanceof Error ? err.message : String(err) });
  }
  await recordAudit({ type: "link_requested", actor: { type: "contact", id: identity.pseudonym }, organisationId: account.organisationId, ip, data: { variant: request.variant } });
  return { pinId: String(pending._id), emailMasked: maskEmail(request.email), pinExpiresAt: expiresAt };
}

type Account = PortalAccount & { _id: Types.ObjectId };

async function proveByPassword(props: IdentityLinkerProps, request: Extract<LinkRequest, { variant: "password" }>): Promise<Account> {
  const account = (await PortalAccountModel.findOne({ username: request.username.toLowerCase() }).lean().exec()) as Account | null;
  if (!account) {
    await argon2Verify(DUMMY_HASH, request.password).catch(() => false);
    await recordAudit({ type: "login_failed", actor: { type: "anonymous" }, ip: props.ip, data: { reason: "unknown_username", variant: "password" } });
    throw new AppError("invalid_credentials");
  }
  const ok = await guardedCheck(props, account, "invalid_credentials", () =>
    account.passwordHash ? argon2Verify(account.passwordHash, request.password).catch(() => false) : argon2Verify(DUMMY_HASH, request.password).catch(() => false),
  );
  if (!ok) throw new Error("unreachable");
  if (account.passwordLoginDisabledAt) throw new AppError("password_login_disabled");
  return account;
}

async function proveByActivationCode(props: IdentityLinkerProps, request: Extract<LinkRequest, { variant: "activation" }>): Promise<Account> {
  const hash = hashActivationCode(request.activationCode);
  if (request.username) {
    const account = (await PortalAccountModel.findOne({ username: request.username.toLowerCase() }).lean().exec()) as Account | null;
    if (!account) {
      await recordAudit({ type: "login_failed", actor: { type: "anonymous" }, ip: props.ip, data: { reason: "unknown_username", variant: "activation" } });
      throw new AppError("invalid_activation_code");
    }
    await guardedCheck(props, account, "invalid_activation_code", async () => account.activationCode?.hash === hash);
    return checkCodeUsable(account);
  }
  const account = (await PortalAccountModel.findOne({ "activationCode.hash": hash }).lean().exec()) as Account | null;
  if (account) {
    // Knowing the code is no guess; but a blocked account stays blocked.
    const block = activeBlock(account);
    if (block) throw accountBlocked(block);
    await clearAttempts({ model: PortalAccountModel, id: account._id });
    return checkCodeUsable(account);
  }
  // A wrong code without username: count it against the accounts of the identity's KvK that await activation,
  // so guessing codes for "my own" organisation still ends in a block.
  const orgs = await OrganisationModel.find({ kvkNumber: props.identity.kvk }).select({ _id: 1 }).lean().exec();
  const candidates = await PortalAccountModel.find({
    organisationId: { $in: orgs.map((o) => o._id) },
    activationCode: { $ne: null },
    "activationCode.usedAt": null,
  })
    .select({ _id: 1, organisationId: 1 })
    .lean()
    .exec();
  let blockedUntil: Date | null = null;
  for (const candidate of candidates) {
    const reservation = await reserveAttempt({ model: PortalAccountModel, id: candidate._id });
    const until = reservation.blockedUntil;
    if (reservation.ok && until) await audit(props, "blocked", candidate.organisationId, "invalid_activation_code");
    if (until && (!blockedUntil || until > blockedUntil)) blockedUntil = until;
    await audit(props, "login_failed", candidate.organisationId, "invalid_activation_code");
  }
  if (candidates.length === 0) await audit(props, "login_failed", null, "invalid_activation_code");
  if (blockedUntil) throw accountBlocked(blockedUntil);
  throw new AppError("invalid_activation_code");
}

function checkCodeUsable(account: Account): Account {
  const code = account.activationCode;
  if (!code) throw new AppError("invalid_activation_code");
  if (code.usedAt) throw new AppError("activation_code_used");
  if (nowMs() > code.expiresAt.getTime()) throw new AppError("activation_code_expired");
  return account;
}

/**
 * Reserves an attempt, runs `check`, and turns the outcome into the right error: `account_blocked` when the
 * account is (or by this attempt becomes) blocked, `wrongId` for other wrong attempts. Returns true on success.
 */
export async function guardedCheck(
  props: { identity?: EherkenningIdentity; ip?: string | undefined },
  account: { _id: Types.ObjectId; organisationId: Types.ObjectId },
  wrongId: IdentityErrorId,
  check: () => Promise<boolean>,
): Promise<true> {
  const reservation = await reserveAttempt({ model: PortalAccountModel, id: account._id });
  if (!reservation.ok) {
    if (reservation.blockedUntil) throw accountBlocked(reservation.blockedUntil);
    throw new AppError(wrongId);
  }
  if (await check()) {
    await clearAttempts({ model: PortalAccountModel, id: account._id });
    return true;
  }
  await audit(props, "login_failed", account.organisationId, wrongId);
  if (reservation.blockedUntil) {
    await audit(props, "blocked", account.organisationId, wrongId);
    throw accountBlocked(reservation.blockedUntil);
  }
  throw new AppError(wrongId);
}

async function audit(
  props: { identity?: EherkenningIdentity; ip?: string | undefined },
  type: "login_failed" | "blocked",
  organisationId: Types.ObjectId | null,
  reason: string,
): Promise<void> {
  await recordAudit({
    type,
    actor: props.identity ? { type: "contact", id: props.identity.pseudonym } : { type: "anonymous" },
    organisationId,
    ip: props.ip,
    data: { reason },
  });
}
