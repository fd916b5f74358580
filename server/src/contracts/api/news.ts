/**
 * HTTP contract of "Nieuws en mededelingen": what an organisation reads on Mijn gegevens, and how supervisors
 * publish, edit and withdraw items. Zod schemas and inferred types only (no server imports).
 *
 * - `GET /api/v1/organisations/:organisationId/news` (anyone who may act for the organisation, see
 *   `organisations.ts`) → {@link OrganisationNewsList}: published, not withdrawn, audience `all`, the
 *   organisation's sector, or a list that names the organisation; newest first.
 * Audiences: everyone, a sector (po/so), every school or every board (`kind`), or organisations by code.
 * - Supervisors only (403 `forbidden` for agents and contacts): `GET /api/v1/news` (everything, incl. scheduled
 *   and withdrawn), `POST /api/v1/news`, `PATCH /api/v1/news/:newsId`, `POST /api/v1/news/:newsId/withdraw`.
 *
 * Targeting organisations uses the codes supervisors know: instellingscode (`12AB`, a school) or bestuursnummer
 * (`41234`, a board). A board's code does not include its schools. Unknown codes → 400 with
 * `fields["audience.codes.<i>"].code = "unknown_organisation_code"`; malformed ones → `invalid_organisation_code`.
 */
import { z } from "zod";
import { objectIdSchema } from "./auth.js";
import { organisationRefSchema } from "./organisations.js";
import { singleLine } from "./single-line.js";

export const NEWS_SECTORS = ["po", "so"] as const;
/** Audience by kind of organisation: all schools, or all boards. */
export const NEWS_KINDS = ["school", "board"] as const;


/** Instellingscode (`12ab` → `12AB`) or bestuursnummer (`41234`). */
export const organisationCodeSchema = z
  .string()
  .max(10, { message: "invalid_organisation_code" })
  .overwrite((v) => v.trim().toUpperCase())
  .regex(/^(?:\d{2}[A-Z]{2}|\d{5})$/, { message: "invalid_organisation_code" });

/** Who sees an item, as sent. */
export const newsAudienceInputSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("all") }).strict(),
  z.object({ type: z.literal("sector"), sector: z.enum(NEWS_SECTORS) }).strict(),
  /** Every school, or every board. */
  z.object({ type: z.literal("kind"), kind: z.enum(NEWS_KINDS) }).strict(),
  z
    .object({
      type: z.literal("organisations"),
      codes: z
        .array(organisationCodeSchema)
        .min(1, { message: "required" })
        .max(500, { message: "too_long" })
        .refine((codes) => new Set(codes).size === codes.length, { message: "duplicate_code" }),
    })
    .strict(),
]);
export type NewsAudienceInput = z.input<typeof newsAudienceInputSchema>;
/** An audience after validation (codes normalised). */
export type NewsAudienceParsed = z.output<typeof newsAudienceInputSchema>;

/** Who sees an item, as returned. */
export const newsAudienceSchema = z.object({
  type: z.enum(["all", "sector", "kind", "organisations"]),
  sector: z.enum(NEWS_SECTORS).nullable(),
  kind: z.enum(NEWS_KINDS).nullable(),
  organisations: z.array(organisationRefSchema),
});
export type NewsAudience = z.infer<typeof newsAudienceSchema>;

/** An item as an organisation reads it. `body` is plain text; paragraphs are separated by blank lines. */
export const organisationNewsItemSchema = z.object({
  id: objectIdSchema,
  title: z.string(),
  body: z.string(),
  publishedAt: z.string(),
});
export type OrganisationNewsItem = z.infer<typeof organisationNewsItemSchema>;

/** `GET /organisations/:organisationId/news` query. */
export const organisationNewsQuerySchema = z.object({
  /** At most this many items (default 20, max 100). */
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** `GET /organisations/:organisationId/news` → 200, newest first. */
export const organisationNewsListSchema = z.object({ items: z.array(organisationNewsItemSchema) });
export type OrganisationNewsList = z.infer<typeof organisationNewsListSchema>;

/** An item as supervisors manage it. */
export const newsItemSchema = organisationNewsItemSchema.extend({
  audience: newsAudienceSchema,
  /** Set once withdrawn; the item is hidden from organisations from then on. */
  withdrawnAt: z.string().nullable(),
  /** `scheduled` while `publishedAt` lies in the future. */
  status: z.enum(["scheduled", "published", "withdrawn"]),
  authorAgentId: objectIdSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NewsItem = z.infer<typeof newsItemSchema>;

/** `GET /news` query. */
export const newsListQuerySchema = z.object({
  /** At most this many items (default 50, max 200). */
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** `GET /news` → 200, newest `publishedAt` first, including scheduled and withdrawn items. */
export const newsListSchema = z.object({ items: z.array(newsItemSchema) });
export type NewsList = z.infer<typeof newsListSchema>;

/** `/news/:newsId` paths. */
export const newsParamsSchema = z.object({ newsId: objectIdSchema });

const title = singleLine(200);
const body = z.string().trim().min(1, { message: "required" }).max(20_000, { message: "too_long" });
/** ISO 8601 with offset (`2025-03-01T09:00:00Z`). */
const publishedAt = z.iso.datetime({ offset: true, message: "invalid_date" });

/** `POST /news` → 201 {@link NewsItem}. `publishedAt` defaults to now; a future moment schedules the item. */
export const newsCreateSchema = z
  .object({ title, body, audience: newsAudienceInputSchema, publishedAt: publishedAt.optional() })
  .strict();
export type NewsCreate = z.input<typeof newsCreateSchema>;

/** `PATCH /news/:newsId` → 200 {@link NewsItem}. Send only what changes. 404 `news_not_found`. */
export const newsUpdateSchema = z
  .object({
    title: title.optional(),
    body: body.optional(),
    audience: newsAudienceInputSchema.optional(),
    publishedAt: publishedAt.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "empty_update" });
export type NewsUpdate = z.input<typeof newsUpdateSchema>;

/** `POST /news/:newsId/withdraw` → 200 {@link NewsItem}; idempotent (keeps the first withdrawal time). */
export const NEWS_ERRORS = ["validation_failed", "news_not_found", "csrf_failed", "unauthenticated", "forbidden"] as const;
