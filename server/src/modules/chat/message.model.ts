/**
 * Chat messages. Stored (acknowledged write) before the sender's ack and before anyone else sees them.
 * `{conversationId, sender.kind, clientMessageId}` is unique, so a retried send returns the original message
 * instead of storing a second one; `{conversationId, seq}` is unique as a guard on the `$inc` allocation.
 */
import mongoose, { Schema, type Model, type Types } from "mongoose";
import { SENDER_KINDS, type SenderKind } from "../../contracts/realtime.js";

export interface ChatMessage {
  _id: Types.ObjectId;
  conversationId: Types.ObjectId;
  seq: number;
  /** The client's idempotency key; `system:<id>` for system lines (presented as null). */
  clientMessageId: string;
  sender: { kind: SenderKind; id: string | null; name: string };
  text: string;
  createdAt: Date;
  deliveredAt: Date | null;
  readAt: Date | null;
  /** Internal note: never sent to the school. */
  internal: boolean;
}

export type ChatMessageModel = Model<ChatMessage>;

const messageSchema = new Schema<ChatMessage, ChatMessageModel>(
  {
    conversationId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    clientMessageId: { type: String, required: true, maxlength: 80 },
    sender: {
      type: new Schema(
        { kind: { type: String, enum: SENDER_KINDS, required: true }, id: { type: String, default: null }, name: String },
        { _id: false },
      ),
      required: true,
    },
    text: { type: String, required: true, maxlength: 2000 },
    createdAt: { type: Date, required: true },
    deliveredAt: { type: Date, default: null },
    readAt: { type: Date, default: null },
    internal: { type: Boolean, default: false },
  },
  { collection: "chat_messages", versionKey: false },
);

messageSchema.index({ conversationId: 1, seq: 1 }, { unique: true });
messageSchema.index({ conversationId: 1, "sender.kind": 1, clientMessageId: 1 }, { unique: true });

export const ChatMessageModel: ChatMessageModel =
  (mongoose.models.ChatMessage as ChatMessageModel | undefined) ??
  mongoose.model<ChatMessage, ChatMessageModel>("ChatMessage", messageSchema);
