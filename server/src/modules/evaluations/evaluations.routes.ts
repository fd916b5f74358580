/**
 * Evaluaties over HTTP: the reports published for an organisation, newest first, and their documents.
 */
import { Types } from "mongoose";
import { evaluationListSchema, evaluationParamsSchema, historyPaths, organisationParamsSchema, type EvaluationList } from "../../contracts/api/history.js";
import { AppError } from "../../contracts/errors.js";
import { defineRoute, type RouteSpec } from "../../http/define-route.js";
import { binaryDownloadOpenApi, sendFile } from "../archive/archive-files.js";
import { presentFile } from "../archive/archive.presenter.js";
import { calendarDate } from "../contact-moments/period.js";
import { EvaluationModel } from "./evaluation.model.js";

/** Every evaluation of the organisation, newest first (a handful at most, so no paging). */
export async function evaluationLister(props: { organisationId: string }): Promise<EvaluationList> {
  const rows = await EvaluationModel.find({ organisationId: new Types.ObjectId(props.organisationId) }).sort({ publishedAt: -1 }).limit(200).lean().exec();
  return {
    items: rows.map((e) => ({
      id: String(e._id),
      title: e.title,
      periodStart: calendarDate(e.periodStart),
      periodEnd: calendarDate(e.periodEnd),
      publishedAt: e.publishedAt.toISOString(),
      summary: e.summary,
      file: presentFile(e.file, historyPaths.evaluationFile(props.organisationId, String(e._id))),
    })),
  };
}

export const evaluationRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: "get",
    path: "/organisations/:organisationId/evaluations",
    summary: "Evaluation reports published for the organisation, newest first",
    tag: "Evaluaties",
    auth: "principal",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    response: evaluationListSchema,
    handler: async ({ params, res }) => {
      res.set("Cache-Control", "no-store");
      return evaluationLister(params);
    },
  }),
  defineRoute({
    method: "get",
    path: "/organisations/:organisationId/evaluations/:evaluationId/file",
    summary: "Download an evaluation report (attachment, nosniff)",
    tag: "Evaluaties",
    auth: "principal",
    organisationParam: "organisationId",
    params: evaluationParamsSchema,
    openApi: binaryDownloadOpenApi,
    handler: async ({ params, res }) => {
      const evaluation = await EvaluationModel.findOne({ _id: params.evaluationId, organisationId: params.organisationId }).select({ file: 1 }).lean().exec();
      if (!evaluation?.file) throw new AppError("not_found", { detail: "evaluation file" });
      await sendFile(res, evaluation.file);
    },
  }),
];
