/**
 * identityLinker: step 1 of koppelen. Proves the account (username + password, or activation code), checks the
 * e-mail address, creates a hashed single-use PIN (15 min) and mails it. Step 2 is {@link pinConfirmer}.
 */
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
import { accountBlocked, activeBlock, clearAttempts, guardAttempt } from "../attempt-recorder.js";
import { EherkenningLinkModel } from "../eherkenning-link.model.js";
import { PendingPinModel } from "../pending-pin.model.js";
import { PortalAccountModel, type PortalAccount } from "../portal-account.model.js";
import { DUMMY_HASH, hashActivationCode, hashPin, maskEmail, randomPin } from "../secrets.js";
import type { EherkenningIdentity } from "./identity-resolver.js";


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
  const username = request.username.toLowerCase();
  const account = (await PortalAccountModel.findOne({ username }).lean().exec()) as Account | null;
  // An unknown name is counted and checked like a known one (same answers, same argon2 work).
  await guardedCheck(props, account ?? { unknownName: username }, "invalid_credentials", () =>
    argon2Verify(account?.passwordHash ?? DUMMY_HASH, request.password)
      .then((ok) => ok && Boolean(account?.passwordHash))
      .catch(() => false),
  );
  if (account!.passwordLoginDisabledAt) throw new AppError("password_login_disabled");
  return account!;
}

async function proveByActivationCode(props: IdentityLinkerProps, request: Extract<LinkRequest, { variant: "activation" }>): Promise<Account> {
  const hash = hashActivationCode(request.activationCode);
  if (request.username) {
    const username = request.username.toLowerCase();
    const account = (await PortalAccountModel.findOne({ username }).lean().exec()) as Account | null;
    await guardedCheck(props, account ?? { unknownName: username }, "invalid_activation_code", async () => account?.activationCode?.hash === hash);
    return checkCodeUsable(account!);
  }
  const account = (await PortalAccountModel.findOne({ "activationCode.hash": hash }).lean().exec()) as Account | null;
  if (account) {
    // Knowing the code is no guess; but an account blocked from this address stays blocked.
    const key = { subject: `acct:${String(account._id)}`, ip: props.ip };
    const block = await activeBlock(key);
    if (block) throw accountBlocked(block);
    await clearAttempts(key);
    return checkCodeUsable(account);
  }
  // A wrong code without username: counted for the identity's KvK number from this address, so guessing codes
  // still ends in a block — for the guesser only, never for the accounts waiting for their code.
  const outcome = await guardAttempt({ subject: `kvk:${props.identity.kvk}`, ip: props.ip }, async () => false);
  await audit(props, "login_failed", null, "invalid_activation_code");
  if (!outcome.ok && outcome.blockedUntil) {
    await audit(props, "blocked", null, "invalid_activation_code");
    throw accountBlocked(outcome.blockedUntil);
  }
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
 * Counts one attempt on the account (or, for a name that does not exist, on that name) from the caller's address,
 * runs `check`, and turns the outcome into the right error: 429 `rate_limited` when the address failed too often,
 * 423 `account_blocked` when the account is (or by this attempt becomes) blocked from here, `wrongId` otherwise.
 */
export async function guardedCheck(
  props: { identity?: EherkenningIdentity; ip?: string | undefined },
  account: { _id: Types.ObjectId; organisationId: Types.ObjectId } | { unknownName: string },
  wrongId: IdentityErrorId,
  check: () => Promise<boolean>,
): Promise<true> {
  const known = "_id" in account ? account : null;
  const subject = known ? `acct:${String(known._id)}` : `name:${(account as { unknownName: string }).unknownName}`;
  const outcome = await guardAttempt({ subject, ip: props.ip }, check);
  if (outcome.ok) return true;
  if (!known) await recordAudit({ type: "login_failed", actor: { type: "anonymous" }, ip: props.ip, data: { reason: "unknown_username" } });
  else await audit(props, "login_failed", known.organisationId, wrongId);
  if (outcome.blockedUntil) {
    await audit(props, "blocked", known?.organisationId ?? null, wrongId);
    throw accountBlocked(outcome.blockedUntil);
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
