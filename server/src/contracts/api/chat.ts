/**
 * HTTP contract of the chat's REST side: the chat token for widgets on other pages, and the agent console's
 * thin reads and supervisor settings. Live traffic (messages, queue, presence) is Socket.IO; see
 * `contracts/realtime.ts`. Zod schemas, inferred types and limits only.
 *
 * Conventions as in `contracts/api/auth.ts`: `/api/v1`, session cookie, `X-CSRF-Token` on every POST/PATCH/
 * DELETE, error envelope `{ error: { id, message, fields? } }`, ISO 8601 times in UTC.
 */
import { z } from "zod";
import {
  agentPresenceSchema,
  conversationViewSchema,
  messageViewSchema,
  queueEntrySchema,
} from "../realtime.js";
import { singleLine } from "./single-line.js";

const objectId = z.string().regex(/^[0-9a-f]{24}$/i, { message: "invalid_id" });

export const CANNED_ANSWER_LIMITS = { titleMax: 120, textMax: 2000, max: 500 } as const;

/**
 * `POST /api/v1/chat/token` (logged-in contact person) → 200 {@link ChatTokenResponse}. A token naming the person
 * and the organisation they act for, HMAC-signed, valid 5 minutes: pass it as `io(url, { auth: { token } })`
 * from a page on another origin (within the Origin allow-list). Fetch a new one before each (re)connect.
 */
export const chatTokenResponseSchema = z.object({ token: z.string(), expiresAt: z.string() });
export type ChatTokenResponse = z.infer<typeof chatTokenResponseSchema>;

/** `GET /api/v1/chat/queue` (agent) → the waiting chats, oldest (front) first. */
export const queueResponseSchema = z.object({ at: z.string(), entries: z.array(queueEntrySchema) });
export type QueueResponse = z.infer<typeof queueResponseSchema>;

/** Params of `GET /api/v1/chat/conversations/:conversationId`. */
export const conversationParamsSchema = z.object({ conversationId: objectId });

/**
 * `GET /api/v1/chat/conversations/:conversationId` → the conversation and its whole transcript (oldest first).
 * Agents: when assigned; supervisors: any; contact persons: their own organisation's (no internal notes).
 */
export const transcriptResponseSchema = z.object({
  conversation: conversationViewSchema,
  messages: z.array(messageViewSchema),
});
export type TranscriptResponse = z.infer<typeof transcriptResponseSchema>;

/** A canned answer (standaardantwoord) agents insert into a chat. */
export const cannedAnswerSchema = z.object({
  id: objectId,
  title: z.string(),
  text: z.string(),
  updatedAt: z.string(),
});
export type CannedAnswer = z.infer<typeof cannedAnswerSchema>;

/** `GET /api/v1/chat/canned-answers` (agent) → all, by title. */
export const cannedAnswerListSchema = z.object({ items: z.array(cannedAnswerSchema) });
/** `POST /api/v1/chat/canned-answers` (supervisor) → 201 {@link CannedAnswer}; `PATCH …/:id` → 200. */
export const cannedAnswerInputSchema = z.object({
  title: singleLine(CANNED_ANSWER_LIMITS.titleMax),
  text: z.string().trim().min(1).max(CANNED_ANSWER_LIMITS.textMax),
});
export const cannedAnswerPatchSchema = cannedAnswerInputSchema.partial();
/** Params of `PATCH|DELETE /api/v1/chat/canned-answers/:id`. `DELETE` → 204. */
export const cannedAnswerParamsSchema = z.object({ id: objectId });

/** `GET /api/v1/chat/overview` (supervisor): the live picture. */
export const overviewResponseSchema = z.object({
  at: z.string(),
  agents: z.array(agentPresenceSchema.extend({ lastSeenAt: z.string().nullable() })),
  queueLength: z.number().int().nonnegative(),
  /** Waiting time of the chat at the front of the queue, or 0. */
  longestWaitMs: z.number().int().nonnegative(),
  /** Chats assigned right now. */
  activeConversations: z.number().int().nonnegative(),
});
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;

/** `PATCH /api/v1/agents/:agentId/capacity` (supervisor) body → 200 {@link AgentPresence}. */
export const capacityParamsSchema = z.object({ agentId: objectId });
export const capacityBodySchema = z.object({ maxConcurrentChats: z.number().int().min(1).max(20) });
export const capacityResponseSchema = agentPresenceSchema;
