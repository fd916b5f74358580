/**
 * HTTP contract of the contact history tabs and the helpdesk's side of them: contact moments (Ondersteuning en
 * contact, and a board's view per school), Digitaal archief (list, e-mail text, download, upload, helpdesk
 * send), Evaluaties and GTB-overzicht. Zod schemas, inferred types and limits only; imported by the server
 * routes, the portal tabs in `widgets/portal/history/` and the tests.
 *
 * Conventions (see also contracts/api/auth.ts):
 * - All routes live under `/api/v1/organisations/:organisationId/…`; the caller must be allowed to act for that
 *   organisation (agents: any; contacts: their linked organisations and, for a board, its schools).
 * - Lists are newest first and paged by an opaque keyset cursor: pass `nextCursor` back as `cursor` until it is
 *   null. A cursor that was not produced by the server is refused with 400 `invalid_cursor`. There is no offset.
 * - Query strings accept only the parameters listed; anything else (`channel[$ne]=…`, unknown names, repeated
 *   parameters) is 400 `validation_failed`.
 * - Periods are calendar days in Europe/Amsterdam (`from` and `to` both inclusive, `YYYY-MM-DD`).
 * - Times are ISO 8601 strings in UTC; calendar dates (peildatum, evaluation period) are `YYYY-MM-DD`.
 * - Uploads are `multipart/form-data` with a `subject` field and one `file` part; the type is decided on the
 *   file's content (see {@link UPLOAD_TYPES}); over {@link HISTORY_LIMITS.uploadMaxBytes} is 413 `file_too_large`,
 *   another type 415 `file_type_not_allowed`, a docx/xlsx whose ZIP directory is a zip bomb or broken 422
 *   `file_rejected_archive`.
 */
import { z } from "zod";
import { singleLine } from "./single-line.js";

// ---- limits and vocabularies ---------------------------------------------------------------------------------

export const HISTORY_LIMITS = {
  /** Items per page when `limit` is not given. */
  pageDefault: 25,
  /** Largest `limit`. */
  pageMax: 100,
  /** Largest file that may be uploaded: exactly 10 MB (10 × 1024 × 1024 bytes) is still accepted. */
  uploadMaxBytes: 10 * 1024 * 1024,
  subjectMax: 200,
  /** Note with an uploaded document. */
  noteMax: 2000,
  /** Text of an e-mail the helpdesk puts in the archive. */
  emailBodyMax: 50_000,
  summaryMax: 5000,
} as const;

/** Channels of a contact moment: chat, telefoon, e-mail, brief, portaal. */
export const CONTACT_CHANNEL_VALUES = ["chat", "phone", "email", "letter", "portal"] as const;
export type ContactChannelValue = (typeof CONTACT_CHANNEL_VALUES)[number];
/** Channels an agent records by hand (chats are recorded by the chat, portal messages by the portal). */
export const RECORDABLE_CHANNELS = ["phone", "email", "letter"] as const;

/** Allowed upload types, each recognised by its content; `extensions[0]` is used for the download name. */
export const UPLOAD_TYPES = {
  pdf: { contentType: "application/pdf", extensions: ["pdf"] },
  docx: { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"] },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"] },
  png: { contentType: "image/png", extensions: ["png"] },
  jpg: { contentType: "image/jpeg", extensions: ["jpg", "jpeg"] },
  txt: { contentType: "text/plain", extensions: ["txt"] },
} as const;
export type UploadType = keyof typeof UPLOAD_TYPES;
/** For the `accept` attribute of a file input (a hint only; the server decides on content). */
export const UPLOAD_ACCEPT = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.txt";

// ---- shared pieces -------------------------------------------------------------------------------------------

/** A MongoDB ObjectId: 24 lower-case hex characters. */
export const historyIdSchema = z.string().regex(/^[0-9a-f]{24}$/, { message: "invalid_id" });

function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
}

/** `YYYY-MM-DD`, a real calendar day. */
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "invalid_date" })
  .refine(isCalendarDate, { message: "invalid_date" });

/** Opaque cursor as returned in `nextCursor`; its content is checked by the server (400 `invalid_cursor`). */
export const cursorSchema = z.string().min(1).max(200);

const limitSchema = z.coerce.number().int().min(1).max(HISTORY_LIMITS.pageMax).default(HISTORY_LIMITS.pageDefault);

const periodFields = {
  channel: z.enum(CONTACT_CHANNEL_VALUES).optional(),
  /** First day (inclusive). */
  from: calendarDateSchema.optional(),
  /** Last day (inclusive). */
  to: calendarDateSchema.optional(),
};

function periodInOrder(q: { from?: string | undefined; to?: string | undefined }): boolean {
  return !q.from || !q.to || q.from <= q.to;
}
const periodOrder = { message: "period_end_before_start", path: ["to"] };

export const organisationParamsSchema = z.strictObject({ organisationId: historyIdSchema });
export const archiveItemParamsSchema = z.strictObject({ organisationId: historyIdSchema, itemId: historyIdSchema });
export const evaluationParamsSchema = z.strictObject({ organisationId: historyIdSchema, evaluationId: historyIdSchema });

// ---- contact moments -----------------------------------------------------------------------------------------

/** `GET /organisations/:organisationId/contact-moments` */
export const contactMomentsQuerySchema = z
  .strictObject({ ...periodFields, cursor: cursorSchema.optional(), limit: limitSchema })
  .refine(periodInOrder, periodOrder);
export type ContactMomentsQuery = z.input<typeof contactMomentsQuerySchema>;

/** `GET /organisations/:boardId/contact-moments/by-school`: the moments of the board's schools. */
export const boardContactMomentsQuerySchema = z
  .strictObject({ ...periodFields, schoolId: historyIdSchema.optional(), cursor: cursorSchema.optional(), limit: limitSchema })
  .refine(periodInOrder, periodOrder);

/** `GET /organisations/:boardId/contact-moment-counts` */
export const contactMomentCountsQuerySchema = z.strictObject(periodFields).refine(periodInOrder, periodOrder);

export const contactMomentSchema = z.object({
  id: z.string(),
  /** The school or board the moment belongs to (in a board view: which school). */
  organisationId: z.string(),
  channel: z.enum(CONTACT_CHANNEL_VALUES),
  /** `in`: the organisation contacted the helpdesk; `out`: the helpdesk contacted the organisation. */
  direction: z.enum(["in", "out"]),
  subject: z.string(),
  summary: z.string(),
  /** Name of the helpdesk employee, when there was one. */
  agentName: z.string().nullable(),
  /** The person at the organisation. */
  contactName: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** The archive item (e-mail, letter, document) this moment is about. */
  archiveItemId: z.string().nullable(),
  /** The chat conversation this moment summarises. */
  conversationId: z.string().nullable(),
  callbackRequested: z.boolean(),
  /** A chat whose agent has not written the summary yet (the school ended it first). */
  summaryPending: z.boolean(),
});
export type ContactMomentView = z.infer<typeof contactMomentSchema>;

export const contactMomentPageSchema = z.object({
  items: z.array(contactMomentSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ContactMomentPage = z.infer<typeof contactMomentPageSchema>;

export const contactMomentCountsSchema = z.object({
  /** Sum over the schools. */
  total: z.number().int(),
  /** Every school of the board (by instellingscode), also those without moments. */
  schools: z.array(z.object({ organisationId: z.string(), code: z.string(), name: z.string(), count: z.number().int() })),
});
export type ContactMomentCounts = z.infer<typeof contactMomentCountsSchema>;

/** `POST /organisations/:organisationId/contact-moments` (agent): record a phone call, e-mail or letter. */
export const recordContactMomentRequestSchema = z.strictObject({
  channel: z.enum(RECORDABLE_CHANNELS),
  direction: z.enum(["in", "out"]),
  subject: singleLine(HISTORY_LIMITS.subjectMax),
  summary: z.string().trim().min(1).max(HISTORY_LIMITS.summaryMax),
  contactName: singleLine(120).optional(),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }).optional(),
  callbackRequested: z.boolean().default(false),
}).refine((b) => !b.endedAt || Date.parse(b.endedAt) >= Date.parse(b.startedAt), { message: "ended_before_started", path: ["endedAt"] });
export type RecordContactMomentRequest = z.input<typeof recordContactMomentRequestSchema>;

// ---- Digitaal archief ----------------------------------------------------------------------------------------

/** `GET /organisations/:organisationId/archive` */
export const archiveQuerySchema = z.strictObject({ cursor: cursorSchema.optional(), limit: limitSchema });

export const archiveFileSchema = z.object({
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** `GET` it to download (always as an attachment). */
  downloadUrl: z.string(),
});

export const archiveItemSchema = z.object({
  id: z.string(),
  organisationId: z.string(),
  /** `to_helpdesk`: sent by the organisation; `from_helpdesk`: sent by the helpdesk. */
  direction: z.enum(["to_helpdesk", "from_helpdesk"]),
  kind: z.enum(["document", "email"]),
  subject: z.string(),
  sentAt: z.string(),
  /** Who sent it (a name; "Helpdesk primair onderwijs" for the helpdesk as a whole). */
  sentBy: z.string(),
  /** True when the item has text to read (`GET …/archive/:itemId`). */
  hasText: z.boolean(),
  file: archiveFileSchema.nullable(),
});
export type ArchiveItemView = z.infer<typeof archiveItemSchema>;

export const archiveItemDetailSchema = archiveItemSchema.extend({
  /** Plain text (an e-mail's body, a note with a document); show as text, never as HTML. */
  text: z.string().nullable(),
});
export type ArchiveItemDetail = z.infer<typeof archiveItemDetailSchema>;

export const archivePageSchema = z.object({ items: z.array(archiveItemSchema), nextCursor: z.string().nullable() });
export type ArchivePage = z.infer<typeof archivePageSchema>;

/** Text fields of the upload form (`multipart/form-data`, plus the `file` part). */
export const archiveUploadFieldsSchema = z.strictObject({
  subject: singleLine(HISTORY_LIMITS.subjectMax),
  note: z.string().trim().max(HISTORY_LIMITS.noteMax).optional(),
});

/** `POST /organisations/:organisationId/archive/from-helpdesk` (agent): an e-mail into the archive. */
export const helpdeskEmailRequestSchema = z.strictObject({
  subject: singleLine(HISTORY_LIMITS.subjectMax),
  body: z.string().trim().min(1).max(HISTORY_LIMITS.emailBodyMax),
});
export type HelpdeskEmailRequest = z.input<typeof helpdeskEmailRequestSchema>;

/** Text fields of `POST …/archive/from-helpdesk/document` (multipart, plus the `file` part). */
export const helpdeskDocumentFieldsSchema = z.strictObject({
  subject: singleLine(HISTORY_LIMITS.subjectMax),
  note: z.string().trim().max(HISTORY_LIMITS.noteMax).optional(),
});

export const helpdeskSendResponseSchema = z.object({
  item: archiveItemSchema,
  /** Whether the gemachtigde was e-mailed "Er staat een nieuw bericht in uw Digitaal archief". */
  notification: z.object({ sent: z.boolean(), reason: z.enum(["sent", "no_authorised_contact", "mail_not_configured", "mail_failed"]) }),
});
export type HelpdeskSendResponse = z.infer<typeof helpdeskSendResponseSchema>;

// ---- Evaluaties and GTB --------------------------------------------------------------------------------------

export const evaluationSchema = z.object({
  id: z.string(),
  title: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  publishedAt: z.string(),
  summary: z.string(),
  file: archiveFileSchema.nullable(),
});
export type EvaluationView = z.infer<typeof evaluationSchema>;
export const evaluationListSchema = z.object({ items: z.array(evaluationSchema) });
export type EvaluationList = z.infer<typeof evaluationListSchema>;

export const gtbOverviewSchema = z.object({
  /** "Bijgewerkt tot" (`YYYY-MM-DD`); null when there is no overview. */
  updatedUntil: z.string().nullable(),
  /** Oldest peildatum first. */
  counts: z.array(z.object({ referenceDate: z.string(), pupils: z.number().int(), weightedPupils: z.number().nullable() })),
});
export type GtbOverview = z.infer<typeof gtbOverviewSchema>;

// ---- paths ---------------------------------------------------------------------------------------------------

/** URL builders shared by the tabs and tests (relative to the origin). */
export const historyPaths = {
  contactMoments: (orgId: string) => `/api/v1/organisations/${orgId}/contact-moments`,
  boardContactMoments: (boardId: string) => `/api/v1/organisations/${boardId}/contact-moments/by-school`,
  contactMomentCounts: (boardId: string) => `/api/v1/organisations/${boardId}/contact-moment-counts`,
  archive: (orgId: string) => `/api/v1/organisations/${orgId}/archive`,
  archiveItem: (orgId: string, itemId: string) => `/api/v1/organisations/${orgId}/archive/${itemId}`,
  archiveFile: (orgId: string, itemId: string) => `/api/v1/organisations/${orgId}/archive/${itemId}/file`,
  helpdeskEmail: (orgId: string) => `/api/v1/organisations/${orgId}/archive/from-helpdesk`,
  helpdeskDocument: (orgId: string) => `/api/v1/organisations/${orgId}/archive/from-helpdesk/document`,
  evaluations: (orgId: string) => `/api/v1/organisations/${orgId}/evaluations`,
  evaluationFile: (orgId: string, evaluationId: string) => `/api/v1/organisations/${orgId}/evaluations/${evaluationId}/file`,
  gtb: (orgId: string) => `/api/v1/organisations/${orgId}/gtb`,
} as const;
