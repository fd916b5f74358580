/** Turns an audience as sent (codes) into the stored shape (organisation ids). */
import type { Types } from "mongoose";
import type { NewsAudienceParsed } from "../../../contracts/api/news.js";
import { AppError, type FieldError } from "../../../contracts/errors.js";
import { OrganisationModel } from "../../organisations/organisation.model.js";
import type { NewsAudience } from "../news-item.model.js";

/** Validated audience (codes normalised); unknown codes → 400 `fields["audience.codes.<i>"]`. */
export async function resolveNewsAudience(input: NewsAudienceParsed): Promise<NewsAudience> {
  if (input.type === "all") return { type: "all", sector: null };
  if (input.type === "sector") return { type: "sector", sector: input.sector };
  if (input.type === "kind") return { type: "kind", sector: null, kind: input.kind };
  const schoolCodes = input.codes.filter((c) => c.length === 4);
  const boardCodes = input.codes.filter((c) => c.length === 5);
  const orgs = await OrganisationModel.find({
    $or: [
      { kind: "school", code: { $in: schoolCodes } },
      { kind: "board", code: { $in: boardCodes } },
    ],
  })
    .select({ code: 1 })
    .lean()
    .exec();
  const byCode = new Map<string, Types.ObjectId>(orgs.map((o) => [o.code, o._id]));
  const fields: Record<string, FieldError> = {};
  input.codes.forEach((code, i) => {
    if (!byCode.has(code)) fields[`audience.codes.${i}`] = { code: "unknown_organisation_code", message: `no school or board with code ${code}` };
  });
  if (Object.keys(fields).length > 0) throw new AppError("validation_failed", { fields });
  return { type: "organisations", sector: null, organisationIds: input.codes.map((c) => byCode.get(c)!) };
}
