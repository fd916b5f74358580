/**
 * Test identities offered by the eHerkenning simulator ("kies een testidentiteit"). Fictional people; the KvK
 * number is the seeded organisation's, the pseudonym stands in for the broker's ActingSubjectID.
 */
import mongoose, { Schema, type Model, type Types } from "mongoose";

export interface SimIdentity {
  _id: Types.ObjectId;
  name: string;
  kvk: string;
  pseudonym: string;
  /** What the simulator shows next to the name, e.g. "OBS De Regenboog (12AB) – al gekoppeld". */
  label: string;
}

const simIdentitySchema = new Schema<SimIdentity>(
  {
    name: { type: String, required: true },
    kvk: { type: String, required: true, match: /^\d{8}$/ },
    pseudonym: { type: String, required: true },
    label: { type: String, default: "" },
  },
  { collection: "ehSimulatorIdentities", versionKey: false },
);
simIdentitySchema.index({ pseudonym: 1, kvk: 1 }, { unique: true });

export const SimIdentityModel: Model<SimIdentity> =
  (mongoose.models.SimIdentity as Model<SimIdentity> | undefined) ?? mongoose.model<SimIdentity>("SimIdentity", simIdentitySchema);
