/**
 * Identity demo data, written after the organisation seed (call {@link seedIdentityDemo} once organisations
 * exist; idempotent): a portal account per organisation, one school left "new" with a fresh activation code,
 * and eHerkenning simulator identities (the seeded gemachtigden, KvK = their organisation's kvkNumber). Some are
 * linked already (a newcomer logs straight in), the others land on the koppelpagina.
 */
import { hash } from "@node-rs/argon2";
import { IDENTITY_LIMITS } from "../contracts/api/auth.js";
import { now } from "../infra/clock.js";
import { SimIdentityModel } from "../modules/eh-simulator/sim-identity.model.js";
import { EherkenningLinkModel } from "../modules/identity/eherkenning-link.model.js";
import { PortalAccountModel } from "../modules/identity/portal-account.model.js";
import { hashActivationCode, randomActivationCode } from "../modules/identity/secrets.js";
import { OrganisationModel } from "../modules/organisations/organisation.model.js";
import { slug } from "./context.js";
import { DEMO_PASSWORD } from "./fixtures.js";

/** Password of every demo portal account (for the "gebruikersnaam + wachtwoord" koppel variant). */
export const DEMO_ACCOUNT_PASSWORD = DEMO_PASSWORD;

/** What the seed made, for the seed summary / README. */
export interface IdentitySeedSummary {
  accounts: { username: string; organisation: string; password: string | null; linked: boolean }[];
  /** The "new" organisation's activation code (valid 24 h from seeding). */
  activationCode: { username: string; organisation: string; code: string; expiresAt: string } | null;
  simulatorIdentities: { name: string; kvk: string; pseudonym: string; label: string }[];
}

/** Writes identity demo data; does nothing (returns an empty summary) when portal accounts already exist. */
export async function seedIdentityDemo(): Promise<IdentitySeedSummary> {
  const summary: IdentitySeedSummary = { accounts: [], activationCode: null, simulatorIdentities: [] };
  if ((await PortalAccountModel.estimatedDocumentCount().exec()) > 0) return summary;
  const orgs = await OrganisationModel.find().sort({ code: 1 }).lean().exec();
  const boards = orgs.filter((o) => o.kind === "board");
  const schools = orgs.filter((o) => o.kind === "school");
  const ordered = [...boards, ...schools];
  if (ordered.length === 0) return summary;
  const at = now();
  const passwordHash = await hash(DEMO_ACCOUNT_PASSWORD);
  const newSchool = schools.at(-1);
  // Linked from the start: the first board and the first school.
  const linkedIds = new Set([boards[0]?._id, schools[0]?._id].filter(Boolean).map(String));

  for (const [i, org] of ordered.entries()) {
    const username = slug(org.name);
    const isNew = newSchool !== undefined && String(org._id) === String(newSchool._id);
    const code = isNew ? randomActivationCode() : null;
    const linked = linkedIds.has(String(org._id));
    const expiresAt = new Date(at.getTime() + IDENTITY_LIMITS.activationCodeMs);
    const account = await PortalAccountModel.create({
      organisationId: org._id,
      username,
      passwordHash: isNew ? null : passwordHash,
      passwordLoginDisabledAt: linked ? at : null,
      activationCode: code ? { hash: hashActivationCode(code), createdAt: at, expiresAt, usedAt: null } : null,
    });
    summary.accounts.push({ username, organisation: `${org.name} (${org.code})`, password: isNew || linked ? null : DEMO_ACCOUNT_PASSWORD, linked });
    if (code) summary.activationCode = { username, organisation: `${org.name} (${org.code})`, code, expiresAt: expiresAt.toISOString() };

    const authorised = org.contacts.find((c) => c.roles.includes("authorised")) ?? org.contacts[0];
    if (!authorised || !org.kvkNumber) continue;
    const pseudonym = `ehp-${slug(org.code)}-${String(i + 1).padStart(2, "0")}`;
    const state = linked ? "al gekoppeld" : isNew ? "nieuw, activatiecode" : "nog niet gekoppeld";
    const label = `${org.kind === "board" ? "bestuur" : "school"} ${org.name} (${org.code}) – ${state}`;
    await SimIdentityModel.create({ name: authorised.name, kvk: org.kvkNumber, pseudonym, label });
    summary.simulatorIdentities.push({ name: authorised.name, kvk: org.kvkNumber, pseudonym, label });
    if (linked) {
      await EherkenningLinkModel.create({
        pseudonym,
        kvk: org.kvkNumber,
        name: authorised.name,
        accountId: account._id,
        organisationId: org._id,
        email: authorised.email,
        contactId: authorised._id,
        linkedAt: at,
        lastUsedAt: at,
      });
    }
  }
  return summary;
}

/** Human-readable lines for the seed summary printed at start. */
export function formatIdentitySummary(summary: IdentitySeedSummary): string[] {
  const lines = ["eHerkenning (simulator at /eh-sim): choose one of these test identities:"];
  for (const id of summary.simulatorIdentities) lines.push(`  ${id.name} · KvK ${id.kvk} · ${id.label}`);
  lines.push(`Koppelen with username + password (password "${DEMO_ACCOUNT_PASSWORD}"):`);
  for (const a of summary.accounts.filter((x) => x.password)) lines.push(`  ${a.username} – ${a.organisation}`);
  if (summary.activationCode) {
    lines.push(`Activation code for ${summary.activationCode.organisation}: ${summary.activationCode.code} (valid until ${summary.activationCode.expiresAt})`);
  }
  lines.push("PIN mails: /dev/mail (without SMTP_URL).");
  return lines;
}
