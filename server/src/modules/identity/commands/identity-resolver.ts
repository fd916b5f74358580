import { now } from "../../../infra/clock.js";
import { recordAudit } from "../../audit/record-audit.js";
import { EherkenningLinkModel } from "../eherkenning-link.model.js";
import type { ContactSessionPrincipal } from "../session-store.js";

/** An identity as released by the eHerkenning broker. */
export interface EherkenningIdentity {
  /** ActingSubjectID (pseudonym of the person). */
  pseudonym: string;
  /** LegalSubjectID (KvK number). */
  kvk: string;
  name: string;
}

/** Props of {@link identityResolver}. */
export interface IdentityResolverProps {
  identity: EherkenningIdentity;
  ip?: string | undefined;
}

/**
 * After a successful eHerkenning login: a known identity (linked to one or more accounts) gets a contact
 * principal and every link's `lastUsedAt` is refreshed; an unknown identity gets `null` (→ koppelpagina).
 */
export async function identityResolver({ identity, ip }: IdentityResolverProps): Promise<ContactSessionPrincipal | null> {
  const links = await EherkenningLinkModel.find({ pseudonym: identity.pseudonym, kvk: identity.kvk }).sort({ linkedAt: 1 }).lean().exec();
  if (links.length === 0) return null;
  await EherkenningLinkModel.updateMany({ _id: { $in: links.map((l) => l._id) } }, { $set: { lastUsedAt: now() } }).exec();
  const accounts = [...new Set(links.map((l) => String(l.organisationId)))];
  await recordAudit({ type: "login", actor: { type: "contact", id: identity.pseudonym }, organisationId: accounts[0], ip, data: { method: "eherkenning" } });
  return {
    type: "contact",
    ehPseudonym: identity.pseudonym,
    kvk: identity.kvk,
    name: identity.name,
    accounts,
    activeOrganisationId: accounts[0]!,
    actingForSchoolId: null,
  };
}

/** The organisation ids currently linked to an identity (links may have been revoked meanwhile). */
export async function linkedOrganisationIds(pseudonym: string, kvk: string): Promise<string[]> {
  const links = await EherkenningLinkModel.find({ pseudonym, kvk }).sort({ linkedAt: 1 }).select({ organisationId: 1 }).lean().exec();
  return [...new Set(links.map((l) => String(l.organisationId)))];
}
