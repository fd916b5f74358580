/**
 * GTB-overzicht over HTTP: pupil counts per peildatum and the "bijgewerkt tot" date. Read-only.
 */
import { Types } from "mongoose";
import { gtbOverviewSchema, organisationParamsSchema, type GtbOverview } from "../../contracts/api/history.js";
import { defineRoute, type RouteSpec } from "../../http/define-route.js";
import { calendarDate } from "../contact-moments/period.js";
import { GtbReportModel } from "./gtb-report.model.js";

/** The organisation's overview; `updatedUntil: null` and no counts when there is none (e.g. a board). */
export async function gtbReader(props: { organisationId: string }): Promise<GtbOverview> {
  const report = await GtbReportModel.findOne({ organisationId: new Types.ObjectId(props.organisationId) }).lean().exec();
  if (!report) return { updatedUntil: null, counts: [] };
  const counts = [...report.counts].sort((a, b) => a.referenceDate.getTime() - b.referenceDate.getTime());
  return {
    updatedUntil: calendarDate(report.updatedUntil),
    counts: counts.map((c) => ({ referenceDate: calendarDate(c.referenceDate), pupils: c.pupils, weightedPupils: c.weightedPupils ?? null })),
  };
}

export const gtbRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: "get",
    path: "/organisations/:organisationId/gtb",
    summary: "GTB-overzicht: pupil counts per peildatum and the bijgewerkt-tot date",
    tag: "GTB-overzicht",
    auth: "principal",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    response: gtbOverviewSchema,
    handler: async ({ params, res }) => {
      res.set("Cache-Control", "no-store");
      return gtbReader(params);
    },
  }),
];
