/**
 * Who manages the role Gemachtigde (issue 16 §1): a colleague linked with an activation code could make herself
 * gemachtigde, take over the links and lock the real gemachtigde out; and "is gemachtigde" was decided by
 * matching an editable e-mail address. Now the link names its contact person, and only a gemachtigde (of the
 * organisation or of its board) or the helpdesk grants, removes or re-addresses a gemachtigde, announced by
 * mail to all gemachtigden. Real server, real HTTP, logins through the real eHerkenning simulator, real SMTP.
 */
import type { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "../../../server/src/modules/audit/audit-event.model.js";
import { EherkenningLinkModel } from "../../../server/src/modules/identity/eherkenning-link.model.js";
import { OrganisationModel } from "../../../server/src/modules/organisations/organisation.model.js";
import { buildContact, createBoardWithSchools, createSchool } from "../../factories/index.js";
import type { HttpClient } from "../../harness/http-client.js";
import { loginAsAgent, loginAsContact, loginAsContactWithIdentity } from "../../harness/login.js";
import { createAccount, ehLogin, errorId, person, pinFromMail, startIdentityEnv, type IdentityEnv } from "./helpers.js";

let env: IdentityEnv;
beforeAll(async () => {
  env = await startIdentityEnv();
});
afterAll(async () => {
  await env?.stop();
});

const org = (id: unknown) => `/api/v1/organisations/${String(id)}`;
const patch = (client: HttpClient, path: string, body: unknown) => client.json("PATCH", path, body);

async function contactsOf(id: Types.ObjectId) {
  return (await OrganisationModel.findById(id).lean().exec())!.contacts;
}
async function authorisedOf(id: Types.ObjectId) {
  return (await contactsOf(id)).filter((c) => c.roles.includes("authorised")).map((c) => String(c._id));
}

describe("the role Gemachtigde", () => {
  it("a colleague cannot make herself gemachtigde, take over the links, or lock the gemachtigde out", async () => {
    const school = await createSchool();
    const g = school.contacts.find((c) => c.roles.includes("authorised"))!;
    const gemachtigde = await loginAsContact(env.server, [school._id]);
    const colleague = await loginAsContact(env.server, [school._id], { as: "colleague" });
    const me = (await contactsOf(school._id)).at(-1)!;
    const gLink = await EherkenningLinkModel.findOne({ organisationId: school._id, contactId: g._id }).lean().exec();

    const addSelf = await colleague.post(`${org(school._id)}/contacts`, { name: "Ik", email: "ik@school.example.nl", roles: ["authorised"] });
    expect([addSelf.status, errorId(addSelf.body)]).toEqual([403, "gemachtigde_required"]);
    const promoteSelf = await patch(colleague, `${org(school._id)}/contacts/${String(me._id)}`, { roles: ["authorised"] });
    expect([promoteSelf.status, errorId(promoteSelf.body)]).toEqual([403, "gemachtigde_required"]);
    expect((await colleague.get(`${org(school._id)}/links`)).status).toBe(403);
    const demote = await patch(colleague, `${org(school._id)}/contacts/${String(g._id)}`, { roles: ["other"] });
    expect([demote.status, errorId(demote.body)]).toEqual([403, "gemachtigde_required"]);
    const remove = await colleague.delete(`${org(school._id)}/contacts/${String(g._id)}`);
    expect([remove.status, errorId(remove.body)]).toEqual([403, "gemachtigde_required"]);
    const readdress = await patch(colleague, `${org(school._id)}/contacts/${String(g._id)}`, { email: "ik@school.example.nl" });
    expect([readdress.status, errorId(readdress.body)]).toEqual([403, "gemachtigde_required"]);
    expect((await colleague.delete(`${org(school._id)}/links/${String(gLink!._id)}`)).status).toBe(403);

    // What colleagues may do stays possible: a gemachtigde's phone (with the form's unchanged address), and
    // contact persons with the other role.
    expect((await patch(colleague, `${org(school._id)}/contacts/${String(g._id)}`, { phone: "030 111 2222", email: g.email, roles: ["authorised"] })).status).toBe(200);
    const plain = await colleague.post<{ id: string }>(`${org(school._id)}/contacts`, { name: "Nieuwe Collega", email: "nieuw@school.example.nl" });
    expect(plain.status).toBe(201);
    expect((await colleague.delete(`${org(school._id)}/contacts/${plain.body.id}`)).status).toBe(204);

    expect(await authorisedOf(school._id)).toEqual([String(g._id)]);
    expect((await gemachtigde.session<{ authenticated: boolean }>()).authenticated).toBe(true);
    expect((await gemachtigde.get(`${org(school._id)}/links`)).status).toBe(200);
  });

  it("follows the link's contact person, not whoever has the e-mail address", async () => {
    const school = await createSchool();
    const g = school.contacts.find((c) => c.roles.includes("authorised"))!;
    const gemachtigde = await loginAsContact(env.server, [school._id]);
    // A colleague whose link went to the address that is (now) the gemachtigde's.
    const { client: colleague, identity } = await loginAsContactWithIdentity(env.server, [school._id], { as: "colleague" });
    await EherkenningLinkModel.updateOne({ pseudonym: identity.pseudonym, organisationId: school._id }, { $set: { email: g.email } }).exec();
    expect((await colleague.get(`${org(school._id)}/links`)).status).toBe(403);

    // The gemachtigde moves to a new address and stays gemachtigde.
    expect((await patch(gemachtigde, `${org(school._id)}/contacts/${String(g._id)}`, { email: "nieuw-adres@school.example.nl" })).status).toBe(200);
    expect((await gemachtigde.get(`${org(school._id)}/links`)).status).toBe(200);
  });

  it("mails every grant and removal to all gemachtigden (and to who lost the role), and audits it", async () => {
    const school = await createSchool({
      contacts: [
        buildContact({ roles: ["authorised"], email: "g1@school.example.nl" }),
        buildContact({ roles: ["authorised"], email: "g2@school.example.nl" }),
        buildContact({ roles: ["other"], name: "Carla Collega", email: "carla@school.example.nl" }),
      ],
    });
    const [, g2, carla] = school.contacts;
    const g1 = await loginAsContact(env.server, [school._id]);

    const since = Date.now();
    expect((await patch(g1, `${org(school._id)}/contacts/${String(carla!._id)}`, { roles: ["authorised"] })).status).toBe(200);
    for (const to of ["g1@school.example.nl", "g2@school.example.nl", "carla@school.example.nl"]) {
      const mail = await env.smtp.waitForMail(to, { since });
      expect(mail.subject).toContain("Wijziging gemachtigde");
      expect(mail.text).toContain("Carla Collega is nu gemachtigde van");
    }

    const since2 = Date.now();
    expect((await patch(g1, `${org(school._id)}/contacts/${String(g2!._id)}`, { roles: ["other"] })).status).toBe(200);
    const lost = await env.smtp.waitForMail("g2@school.example.nl", { since: since2 });
    expect(lost.text).toContain("is geen gemachtigde meer van");
    await env.smtp.waitForMail("carla@school.example.nl", { since: since2 });

    const audit = await AuditEventModel.find({ organisationId: school._id, type: { $in: ["gemachtigde_granted", "gemachtigde_revoked"] } }).sort({ _id: 1 }).lean().exec();
    expect(audit.map((a) => [a.type, (a.data as { contactId: string }).contactId])).toEqual([
      ["gemachtigde_granted", String(carla!._id)],
      ["gemachtigde_revoked", String(g2!._id)],
    ]);
    expect(audit.every((a) => a.actor.type === "contact")).toBe(true);
  });

  it("the board's gemachtigde manages the role for its schools; a board colleague and another board do not", async () => {
    const { board, schools } = await createBoardWithSchools(1);
    const school = schools[0]!;
    const other = await createBoardWithSchools(0);
    const plainId = String(school.contacts.find((c) => c.roles.includes("other"))!._id);
    const boardColleague = await loginAsContact(env.server, [board._id], { as: "colleague" });
    const otherBoard = await loginAsContact(env.server, [other.board._id]);
    const boardGemachtigde = await loginAsContact(env.server, [board._id]);

    expect(errorId((await patch(boardColleague, `${org(school._id)}/contacts/${plainId}`, { roles: ["authorised"] })).body)).toBe("gemachtigde_required");
    expect((await patch(otherBoard, `${org(school._id)}/contacts/${plainId}`, { roles: ["authorised"] })).status).toBe(403);
    expect((await patch(boardGemachtigde, `${org(school._id)}/contacts/${plainId}`, { roles: ["authorised"] })).status).toBe(200);
    expect((await boardGemachtigde.get(`${org(school._id)}/links`)).status).toBe(200);
    const helpdesk = await loginAsAgent(env.server);
    expect((await patch(helpdesk, `${org(school._id)}/contacts/${plainId}`, { roles: ["other"] })).status).toBe(200);
  });

  it("koppelen ties the link to the contact whose address the PIN proved", async () => {
    const school = await createSchool({
      kvkNumber: "40000161",
      contacts: [buildContact({ roles: ["authorised"], email: "m.dekker@school.example.nl" }), buildContact({ roles: ["other"], email: "s.visser@school.example.nl" })],
    });
    const g = school.contacts.find((c) => c.roles.includes("authorised"))!;
    const colleagueContact = school.contacts.find((c) => c.roles.includes("other"))!;
    const { activationCode } = await createAccount(school._id, { username: "sec16-gemachtigde", password: "geheim-wachtwoord-1", activationCode: true });

    async function link(variant: "password" | "activation", email: string) {
      const browser = env.client();
      await ehLogin(browser, person("40000161"));
      await browser.session();
      const since = Date.now();
      const body =
        variant === "password"
          ? { variant, username: "sec16-gemachtigde", password: "geheim-wachtwoord-1", email }
          : { variant, activationCode, email };
      expect((await browser.post("/api/v1/auth/link", body)).status).toBe(202);
      const pin = await pinFromMail(env.smtp, email, since);
      expect((await browser.post("/api/v1/auth/link/confirm", { pin })).status).toBe(200);
      return browser;
    }

    const first = await link("password", g.email);
    const colleague = await link("activation", colleagueContact.email);
    const links = await EherkenningLinkModel.find({ organisationId: school._id }).sort({ linkedAt: 1 }).lean().exec();
    expect(links.map((l) => String(l.contactId))).toEqual([String(g._id), String(colleagueContact._id)]);
    expect((await first.get(`${org(school._id)}/links`)).status).toBe(200);
    expect((await colleague.get(`${org(school._id)}/links`)).status).toBe(403);
  });
});
