/**
 * organisationDetailsUpdater: changes an organisation's own details (name, addresses, phone, e-mail, website)
 * in one update that also bumps `version`. With `expectedVersion` the update only applies to that version
 * (409 `stale_version` otherwise), so two people editing the same form cannot silently overwrite each other.
 * The audit entry names the fields whose value really changed, never the values.
 */
import { Types } from "mongoose";
import type { AddressInput, OrganisationDetails } from "../../../contracts/api/organisations.js";
import { AppError } from "../../../contracts/errors.js";
import { now } from "../../../infra/clock.js";
import type { OrganisationAccess } from "../../../http/organisation-access.js";
import type { SessionPrincipal } from "../../identity/session-store.js";
import { accessFacts, recordOrganisationAudit } from "../organisation-audit.js";
import { OrganisationModel, type Organisation } from "../organisation.model.js";
import { presentOrganisationById } from "../organisation.queries.js";

/** The editable fields. */
export const EDITABLE_DETAILS = ["name", "visitingAddress", "postalAddress", "phone", "email", "website"] as const;
type EditableDetail = (typeof EDITABLE_DETAILS)[number];

/** Props of {@link organisationDetailsUpdater}. */
export interface OrganisationDetailsUpdaterProps {
  organisationId: string;
  /** Validated changes (contracts `organisationDetailsUpdateSchema`); `null` clears an optional field. */
  changes: Partial<Record<EditableDetail, string | AddressInput | null | undefined>>;
  /** The `version` the person saw; omit to skip the check. */
  expectedVersion?: number | undefined;
  principal: SessionPrincipal;
  /** How the principal reaches the organisation (recorded: own account, board for its school, agent). */
  access: OrganisationAccess | null;
  ip?: string | undefined;
}

export async function organisationDetailsUpdater(props: OrganisationDetailsUpdaterProps): Promise<OrganisationDetails> {
  const orgId = new Types.ObjectId(props.organisationId);
  const set: Record<string, unknown> = {};
  for (const key of EDITABLE_DETAILS) if (props.changes[key] !== undefined) set[key] = props.changes[key];
  const filter = { _id: orgId, ...(props.expectedVersion !== undefined ? { version: props.expectedVersion } : {}) };
  const before = await OrganisationModel.findOneAndUpdate(filter, { $set: set, $inc: { version: 1 } }, { returnDocument: "before" }).lean<Organisation>().exec();
  if (!before) {
    const exists = await OrganisationModel.exists({ _id: orgId }).exec();
    throw new AppError(exists ? "stale_version" : "not_found");
  }
  const after: Organisation = { ...before, ...(set as Partial<Organisation>), version: (before.version ?? 0) + 1, updatedAt: now() };
  const changed = Object.keys(set).filter((key) => JSON.stringify(before[key as EditableDetail] ?? null) !== JSON.stringify(set[key] ?? null));
  await recordOrganisationAudit({
    type: "organisation_updated",
    principal: props.principal,
    organisationId: orgId,
    ip: props.ip,
    data: { fields: changed, ...accessFacts(props.access) },
  });
  return presentOrganisationById(props.organisationId, after);
}
