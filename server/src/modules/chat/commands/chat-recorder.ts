/**
 * After a chat: a contact moment on the organisation's timeline (channel chat, agent, start/end, summary) and the
 * transcript (plain text) in its Digitaal archief; for a waiting chat turned into a message, a contact moment
 * with a callback request for the next working day.
 *
 * Exactly once across nodes and crashes: the ids are claimed on the conversation first (`contactMomentId: null`
 * → new ids), then the documents are inserted with those ids (a retry hits the duplicate key and moves on), then
 * `recordedAt` is set. The sweeper retries chats claimed but not recorded.
 */
import { Types } from "mongoose";
import { now } from "../../../infra/clock.js";
import { ArchiveItemModel } from "../../archive/archive-item.model.js";
import { ContactMomentModel } from "../../contact-moments/contact-moment.model.js";
import { OrganisationModel } from "../../organisations/organisation.model.js";
import type { ChatContext } from "../chat-context.js";
import { ConversationModel, type Conversation } from "../conversation.model.js";
import { ChatMessageModel, type ChatMessage } from "../message.model.js";

const TZ = "Europe/Amsterdam";
const dateTime = new Intl.DateTimeFormat("nl-NL", { timeZone: TZ, dateStyle: "long", timeStyle: "short" });
const time = new Intl.DateTimeFormat("nl-NL", { timeZone: TZ, hour: "2-digit", minute: "2-digit" });
const day = new Intl.DateTimeFormat("nl-NL", { timeZone: TZ, weekday: "long", day: "numeric", month: "long", year: "numeric" });

const ignoreDuplicate = (err: unknown) => {
  if ((err as { code?: unknown }).code !== 11000) throw err;
};

async function boardOf(organisationId: Types.ObjectId): Promise<Types.ObjectId | null> {
  const org = await OrganisationModel.findById(organisationId).select({ kind: 1, boardId: 1 }).lean().exec();
  return org?.kind === "school" ? (org.boardId ?? null) : null;
}

/** The transcript as plain text, one line per message (internal notes left out). */
export function transcriptText(c: Conversation, messages: readonly ChatMessage[]): string {
  const header = [
    `Chatgesprek met de helpdesk — ${c.organisation?.name ?? ""} (${c.organisation?.code ?? ""})`,
    `Gestart: ${dateTime.format(c.queuedAt)}${c.endedAt ? ` · beëindigd: ${dateTime.format(c.endedAt)}` : ""}`,
    c.assignedAgentName ? `Medewerker: ${c.assignedAgentName}` : "",
    "",
  ].filter((l, i) => l !== "" || i === 3);
  const lines = messages.map((m) => `[${time.format(m.createdAt)}] ${m.sender.name}: ${m.text}`);
  const text = [...header, ...lines].join("\n");
  return text.length > 50_000 ? `${text.slice(0, 49_950)}\n… (ingekort)` : text;
}

/** Props of {@link chatRecorder}. */
export interface ChatRecorderProps {
  ctx: ChatContext;
  conversationId: Types.ObjectId;
}

/** Writes the contact moment and transcript of an ended chat, once. Never throws (logged; the sweeper retries). */
export async function chatRecorder({ ctx, conversationId }: ChatRecorderProps): Promise<void> {
  try {
    let c = await ConversationModel.findById(conversationId).lean().exec();
    if (!c || c.state !== "ended" || c.recordedAt) return;
    const messages = await ChatMessageModel.find({ conversationId, internal: false }).sort({ seq: 1 }).lean().exec();
    if (messages.length === 0 && !c.assignedAgentId) {
      // Nothing was said and nobody answered: nothing for the timeline.
      await ConversationModel.updateOne({ _id: c._id, recordedAt: null }, { $set: { recordedAt: now() } }).exec();
      return;
    }
    if (!c.contactMomentId) {
      const ids = { contactMomentId: new Types.ObjectId(), archiveItemId: new Types.ObjectId() };
      await ConversationModel.updateOne({ _id: c._id, contactMomentId: null }, { $set: ids }).exec();
      c = await ConversationModel.findById(conversationId).lean().exec();
      if (!c?.contactMomentId) return;
    }
    const endedAt = c.endedAt ?? now();
    const agentId = c.assignedAgentId ?? null;
    if (c.archiveItemId) {
      await ArchiveItemModel.create({
        _id: c.archiveItemId,
        organisationId: c.organisationId,
        direction: "from_helpdesk",
        kind: "document",
        subject: `Chatgesprek van ${dateTime.format(c.queuedAt)}`,
        body: transcriptText(c, messages),
        sentAt: endedAt,
        sentBy: { name: c.assignedAgentName ?? "Helpdesk", agentId },
      }).catch(ignoreDuplicate);
    }
    await ContactMomentModel.create({
      _id: c.contactMomentId,
      organisationId: c.organisationId,
      boardId: await boardOf(c.organisationId),
      channel: "chat",
      direction: "in",
      subject: "Chatgesprek",
      summary: c.summary ?? (c.assignedAgentId ? "Chatgesprek (nog geen samenvatting)." : "Chatgesprek beëindigd voordat een medewerker beschikbaar was."),
      summaryPending: !c.summary && Boolean(c.assignedAgentId),
      agentId,
      contactName: c.contact.name || null,
      startedAt: c.assignedAt ?? c.queuedAt,
      endedAt,
      links: { conversationId: c._id, ...(c.archiveItemId ? { archiveItemId: c.archiveItemId } : {}) },
      callbackRequested: false,
    }).catch(ignoreDuplicate);
    await ConversationModel.updateOne({ _id: c._id }, { $set: { recordedAt: now() } }).exec();
  } catch (err) {
    ctx.logger.error({ err, conversationId: String(conversationId) }, "chat not recorded (will retry)");
  }
}

/** Props of {@link callbackRequestRecorder}. */
export interface CallbackRequestProps {
  ctx: ChatContext;
  /** The conversation, already in state `left_message`. */
  conversation: Conversation;
  text: string;
  phone?: string | undefined;
}

/** A contact moment with `callbackRequested: true` for the next working day; returns its id. */
export async function callbackRequestRecorder({ ctx, conversation: c, text, phone }: CallbackRequestProps): Promise<string> {
  const id = new Types.ObjectId();
  await ConversationModel.updateOne({ _id: c._id, contactMomentId: null }, { $set: { contactMomentId: id } }).exec();
  const claimed = (await ConversationModel.findById(c._id).select({ contactMomentId: 1 }).lean().exec())?.contactMomentId ?? id;
  const at = now();
  const next = (await ctx.nextOpeningAt(at)) ?? nextWorkingDay(at);
  const summary = [
    text,
    "",
    phone ? `Terugbellen op: ${phone}` : "Terugbellen op het bekende nummer.",
    `Graag terugbellen op de volgende werkdag: ${day.format(next)}.`,
  ].join("\n");
  await ContactMomentModel.create({
    _id: claimed,
    organisationId: c.organisationId,
    boardId: await boardOf(c.organisationId),
    channel: "chat",
    direction: "in",
    subject: "Terugbelverzoek via de chat",
    summary: summary.slice(0, 5000),
    agentId: null,
    contactName: c.contact.name || null,
    startedAt: c.queuedAt,
    endedAt: at,
    links: { conversationId: c._id },
    callbackRequested: true,
  }).catch(ignoreDuplicate);
  await ConversationModel.updateOne({ _id: c._id }, { $set: { recordedAt: now() } }).exec();
  return String(claimed);
}

/** Fallback when opening hours cannot say: the next Monday–Friday after `at` (public holidays not considered). */
export function nextWorkingDay(at: Date): Date {
  const d = new Date(at.getTime() + 24 * 3600_000);
  const weekday = () => new Intl.DateTimeFormat("en-US", { timeZone: TZ, weekday: "short" }).format(d);
  while (weekday() === "Sat" || weekday() === "Sun") d.setTime(d.getTime() + 24 * 3600_000);
  return d;
}
