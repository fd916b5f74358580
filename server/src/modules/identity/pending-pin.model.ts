/**
 * PINs mailed during linking: hashed (HMAC-sha256 with a per-PIN salt), 15 minutes, single use. The session's
 * `pendingLink.pinId` points here; the PIN document carries everything the link needs, so confirming does not
 * trust any account id from the client.
 */
import mongoose, { Schema, type Model, type Types } from "mongoose";

export interface PendingPin {
  _id: Types.ObjectId;
  /** `salt:hmac` hex; never the PIN. */
  hash: string;
  pseudonym: string;
  kvk: string;
  name: string;
  accountId: Types.ObjectId;
  organisationId: Types.ObjectId;
  email: string;
  /** How the account was proven (for the audit log and for consuming the activation code). */
  variant: "password" | "activation";
  createdAt: Date;
  expiresAt: Date;
  usedAt?: Date | null;
}

const pendingPinSchema = new Schema<PendingPin>(
  {
    hash: { type: String, required: true },
    pseudonym: { type: String, required: true },
    kvk: { type: String, required: true },
    name: { type: String, default: "" },
    accountId: { type: Schema.Types.ObjectId, required: true },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    email: { type: String, required: true },
    variant: { type: String, enum: ["password", "activation"], required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { collection: "pendingPins", versionKey: false },
);
// Cleanup only (a day after expiry); validity is always checked against the clock.
pendingPinSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 24 * 3600 });

export const PendingPinModel: Model<PendingPin> =
  (mongoose.models.PendingPin as Model<PendingPin> | undefined) ?? mongoose.model<PendingPin>("PendingPin", pendingPinSchema);
