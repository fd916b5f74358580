/**
 * pinConfirmer: step 2 of koppelen. Checks the PIN (counted like any other attempt), consumes it and the
 * activation code (single use, atomically), switches off password linking for the account, and creates the
 * link. No transactions: every step is one conditional single-document update, ordered so that a crash in
 * between leaves at worst a used PIN without a link (the person requests a new PIN).
 */
import { AppError } from "../../../contracts/errors.js";
import { Types } from "mongoose";

import { now, nowMs } from "../../../infra/clock.js";
import { recordAudit } from "../../audit/record-audit.js";
import { OrganisationModel } from "../../organisations/organisation.model.js";
import { EherkenningLinkModel } from "../eherkenning-link.model.js";
import { PendingPinModel } from "../pending-pin.model.js";
import { PortalAccountModel } from "../portal-account.model.js";
import { verifyPin } from "../secrets.js";
import { guardedCheck } from "./identity-linker.js";
import type { EherkenningIdentity } from "./identity-resolver.js";

/** Props of {@link pinConfirmer}. */
export interface PinConfirmerProps {
  /** From the session's pendingLink. */
  pinId: string;
  pin: string;
  /** The eHerkenning identity of the session; must match the PIN's. */
  identity: EherkenningIdentity;
  pepper: string;
  ip?: string | undefined;
}

/** The new link. */
export interface PinConfirmerResult {
  linkId: string;
  organisationId: string;
}

export async function pinConfirmer(props: PinConfirmerProps): Promise<PinConfirmerResult> {
  const { identity } = props;
  const pending = Types.ObjectId.isValid(props.pinId) ? await PendingPinModel.findById(props.pinId).lean().exec() : null;
  if (!pending || pending.pseudonym !== identity.pseudonym || pending.kvk !== identity.kvk) throw new AppError("no_pending_pin");
  if (pending.usedAt || nowMs() > pending.expiresAt.getTime()) throw new AppError("pin_expired");

  await guardedCheck(props, { _id: pending.accountId, organisationId: pending.organisationId }, "invalid_pin", async () =>
    verifyPin(props.pin, pending.hash, props.pepper),
  );

  const at = now();
  const consumed = await PendingPinModel.findOneAndUpdate(
    { _id: pending._id, usedAt: null, expiresAt: { $gte: at } },
    { $set: { usedAt: at } },
    { returnDocument: "after" },
  )
    .lean()
    .exec();
  if (!consumed) throw new AppError("pin_expired");

  if (pending.variant === "activation") {
    const used = await PortalAccountModel.updateOne(
      { _id: pending.accountId, activationCode: { $ne: null }, "activationCode.usedAt": null },
      { $set: { "activationCode.usedAt": at, passwordLoginDisabledAt: at } },
    ).exec();
    if (used.matchedCount === 0) throw new AppError("activation_code_used");
  } else {
    const disabled = await PortalAccountModel.updateOne(
      { _id: pending.accountId, passwordLoginDisabledAt: null },
      { $set: { passwordLoginDisabledAt: at } },
    ).exec();
    if (disabled.matchedCount === 0) throw new AppError("password_login_disabled");
  }

  // The contact person this link speaks for: the one whose address the PIN just proved (never matched again).
  const org = await OrganisationModel.findById(pending.organisationId).select({ contacts: 1 }).lean().exec();
  const contact = org?.contacts.find((c) => c.email.toLowerCase() === pending.email.toLowerCase());
  const link = await EherkenningLinkModel.findOneAndUpdate(
    { pseudonym: identity.pseudonym, kvk: identity.kvk, accountId: pending.accountId },
    {
      $setOnInsert: { linkedAt: at, organisationId: pending.organisationId },
      $set: { lastUsedAt: at, email: pending.email, name: identity.name, contactId: contact?._id ?? null },
    },
    { upsert: true, returnDocument: "after" },
  )
    .lean()
    .exec();
  await recordAudit({
    type: "link",
    actor: { type: "contact", id: identity.pseudonym },
    organisationId: pending.organisationId,
    ip: props.ip,
    data: { variant: pending.variant, contactId: contact ? String(contact._id) : null },
  });
  return { linkId: String(link!._id), organisationId: String(pending.organisationId) };
}
