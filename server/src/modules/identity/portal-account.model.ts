/**
 * Portal accounts: one per organisation (school or board), the thing an eHerkenning identity is linked to.
 *
 * Username + password (argon2id) exist for accounts that predate eHerkenning; they serve ONLY to link once
 * (after the first link `passwordLoginDisabledAt` is set and the password no longer links). New schools and
 * boards get an activation code instead (24 h, single use), stored as a sha256 hash: the code is 16 random
 * characters (80 bits), so a fast hash is enough and allows lookup by code.
 *
 * Lockouts are not kept here: they are counted per account and client address (attempt-recorder.ts).
 */
import mongoose, { Schema, type HydratedDocument, type Model, type Types } from "mongoose";
import { now } from "../../infra/clock.js";

export interface ActivationCode {
  /** sha256 (hex) of the normalised code. */
  hash: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt?: Date | null;
}

export interface PasswordReset {
  /** sha256 (hex) of the reset token mailed to the gemachtigde. */
  tokenHash: string;
  expiresAt: Date;
  /** Set when the link was used: it stays, so a second click says "already used" instead of "invalid". */
  usedAt?: Date | null;
}

export interface PortalAccount {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  /** Lower-case login name, e.g. `obs-regenboog`. */
  username: string;
  /** argon2id PHC string; null for accounts created with an activation code only. */
  passwordHash?: string | null;
  /** Set at the first eHerkenning link: from then on username + password no longer link. */
  passwordLoginDisabledAt?: Date | null;
  activationCode?: ActivationCode | null;
  passwordReset?: PasswordReset | null;
  createdAt: Date;
  updatedAt: Date;
}

export type PortalAccountDocument = HydratedDocument<PortalAccount>;

const portalAccountSchema = new Schema<PortalAccount>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: "Organisation", required: true },
    username: { type: String, required: true, trim: true, lowercase: true, match: /^[a-z0-9._-]{2,60}$/ },
    passwordHash: { type: String, default: null },
    passwordLoginDisabledAt: { type: Date, default: null },
    activationCode: {
      type: new Schema<ActivationCode>(
        { hash: { type: String, required: true }, createdAt: Date, expiresAt: { type: Date, required: true }, usedAt: { type: Date, default: null } },
        { _id: false },
      ),
      default: null,
    },
    passwordReset: {
      type: new Schema<PasswordReset>(
        { tokenHash: { type: String, required: true }, expiresAt: { type: Date, required: true }, usedAt: { type: Date, default: null } },
        { _id: false },
      ),
      default: null,
    },
  },
  { collection: "portalAccounts", versionKey: false, timestamps: { currentTime: () => now() } },
);
portalAccountSchema.index({ organisationId: 1 }, { unique: true });
portalAccountSchema.index({ username: 1 }, { unique: true });
portalAccountSchema.index({ "activationCode.hash": 1 });
portalAccountSchema.index({ "passwordReset.tokenHash": 1 });

export const PortalAccountModel: Model<PortalAccount> =
  (mongoose.models.PortalAccount as Model<PortalAccount> | undefined) ??
  mongoose.model<PortalAccount>("PortalAccount", portalAccountSchema);
