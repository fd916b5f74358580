/**
 * Helpdesk agents and supervisors: they log in to the agent console with username + password and answer chats.
 */
import mongoose, { Schema, type HydratedDocument, type Model, type Types } from "mongoose";
import { now } from "../../infra/clock.js";
import { EMAIL_RE, normaliseEmail } from "../../contracts/api/values.js";

export const AGENT_ROLES = ["agent", "supervisor"] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export interface Agent {
  _id: Types.ObjectId;
  /** Login name, stored lower-case; unique. */
  username: string;
  /** Name shown to colleagues and, in chats, to the visitor. */
  displayName: string;
  email: string;
  /** argon2id PHC string (`$argon2id$v=19$…`); never the password. */
  passwordHash: string;
  /** `supervisor` may also manage opening hours, closures, canned answers and news. */
  role: AgentRole;
  /** How many chats the assigner gives this agent at once. */
  maxConcurrentChats: number;
  /** Set when the account is switched off; such agents cannot log in and are never assigned chats. */
  disabledAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type AgentDocument = HydratedDocument<Agent>;
export type AgentModel = Model<Agent>;

const agentSchema = new Schema<Agent, AgentModel>(
  {
    username: { type: String, required: true, trim: true, lowercase: true, match: /^[a-z0-9._-]{2,40}$/ },
    displayName: { type: String, required: true, trim: true, maxlength: 80 },
    email: { type: String, required: true, set: normaliseEmail, match: EMAIL_RE, maxlength: 254 },
    passwordHash: { type: String, required: true },
    role: { type: String, enum: AGENT_ROLES, required: true, default: "agent" },
    maxConcurrentChats: { type: Number, required: true, default: 3, min: 1, max: 20 },
    disabledAt: { type: Date, default: null },
  },
  { collection: "agents", versionKey: false, timestamps: { currentTime: () => now() } },
);

agentSchema.index({ username: 1 }, { unique: true });

/** The agents model. */
export const AgentModel: AgentModel =
  (mongoose.models.Agent as AgentModel | undefined) ?? mongoose.model<Agent, AgentModel>("Agent", agentSchema);
