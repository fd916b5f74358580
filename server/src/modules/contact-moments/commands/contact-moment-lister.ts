/**
 * Lists contact moments newest first, one keyset page at a time: an organisation's own timeline, or a board's
 * view over its schools (all of them, or one). Filters: channel and a period of Amsterdam calendar days.
 */
import { Types } from "mongoose";
import type { ContactChannelValue, ContactMomentCounts, ContactMomentPage } from "../../../contracts/api/history.js";
import { AppError } from "../../../contracts/errors.js";
import { OrganisationModel } from "../../organisations/organisation.model.js";
import { ContactMomentModel } from "../contact-moment.model.js";
import { presentContactMoments, type ContactMomentRow } from "../contact-moment.presenter.js";
import { decodeCursor, keysetFilter, keysetSort, pageOf } from "../keyset.js";
import { dayRange } from "../period.js";

/** Filters shared by the lists and the counts. */
export interface ContactMomentFilters {
  channel?: ContactChannelValue | undefined;
  /** First Amsterdam day, `YYYY-MM-DD`, inclusive. */
  from?: string | undefined;
  /** Last Amsterdam day, `YYYY-MM-DD`, inclusive. */
  to?: string | undefined;
}

/** Props of {@link contactMomentLister}. */
export interface ContactMomentListerProps extends ContactMomentFilters {
  /** One organisation's timeline, or the schools of a board (optionally one school, already checked to be the board's). */
  scope: { organisationId: string } | { boardId: string; schoolId?: string | undefined };
  /** `nextCursor` of the previous page. */
  cursor?: string | undefined;
  /** Page size (validated by the contract: 1–100). */
  limit: number;
}

function scopeFilter(scope: ContactMomentListerProps["scope"]): Record<string, unknown> {
  if ("organisationId" in scope) return { organisationId: new Types.ObjectId(scope.organisationId) };
  // The board's id is copied onto every school moment, so the board scope is one index range; with a school,
  // both must match, so a school that is not (any longer) the board's yields nothing.
  const filter: Record<string, unknown> = { boardId: new Types.ObjectId(scope.boardId) };
  if (scope.schoolId) filter.organisationId = new Types.ObjectId(scope.schoolId);
  return filter;
}

/** One page of moments. */
export async function contactMomentLister(props: ContactMomentListerProps): Promise<ContactMomentPage> {
  const after = props.cursor ? decodeCursor(props.cursor) : null;
  const filter = {
    ...scopeFilter(props.scope),
    ...(props.channel ? { channel: props.channel } : {}),
    ...keysetFilter("startedAt", dayRange(props.from, props.to), after),
  };
  // No projection: the few fields a page leaves out cost less than projecting (mingo) in the embedded store.
  const rows = await ContactMomentModel.find(filter)
    .sort(keysetSort("startedAt"))
    .limit(props.limit + 1)
    .lean<ContactMomentRow[]>()
    .exec();
  const page = pageOf(rows, props.limit, (r) => r.startedAt);
  return { items: await presentContactMoments(page.rows), nextCursor: page.nextCursor };
}

/** Throws 404 unless `organisationId` is a board (the board views exist only for boards). */
export async function requireBoard(organisationId: string): Promise<void> {
  const org = await OrganisationModel.findById(organisationId).select({ kind: 1 }).lean().exec();
  if (org?.kind !== "board") throw new AppError("not_found", { detail: "not a board" });
}

/** Throws 403 unless `schoolId` is a school of `boardId`: a board never sees another board's schools. */
export async function requireSchoolOfBoard(boardId: string, schoolId: string): Promise<void> {
  const school = await OrganisationModel.exists({ _id: schoolId, kind: "school", boardId }).exec();
  if (!school) throw new AppError("forbidden", { detail: "school is not one of this board's" });
}

/** Props of {@link contactMomentCounter}. */
export interface ContactMomentCounterProps extends ContactMomentFilters {
  boardId: string;
}

/** How many moments each school of the board has (with the same filters as the list). */
export async function contactMomentCounter(props: ContactMomentCounterProps): Promise<ContactMomentCounts> {
  const boardId = new Types.ObjectId(props.boardId);
  // The schools come from the board's school list, so each count is scoped by the school alone.
  const filters = {
    ...(props.channel ? { channel: props.channel } : {}),
    ...keysetFilter("startedAt", dayRange(props.from, props.to), null),
  };
  const schools = await OrganisationModel.find({ boardId, kind: "school" }).select({ code: 1, name: 1 }).sort({ code: 1 }).lean().exec();
  // One `count` per school, in parallel: each walks the `{organisationId, startedAt}` index range only, where an
  // aggregate `$group` over the board range would copy every moment document through the pipeline.
  const counted = await Promise.all(
    schools.map(async (s) => {
      const res = await ContactMomentModel.db.db!.command({ count: ContactMomentModel.collection.collectionName, query: { ...filters, organisationId: s._id } });
      return [String(s._id), Number(res.n)] as const;
    }),
  );
  const counts = new Map(counted);
  const rows = schools.map((s) => ({ organisationId: String(s._id), code: s.code, name: s.name, count: counts.get(String(s._id)) ?? 0 }));
  return { total: rows.reduce((sum, r) => sum + r.count, 0), schools: rows };
}
