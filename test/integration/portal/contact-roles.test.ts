/**
 * Contact persons and their roles over real HTTP: every role rule, and the invariants under concurrency
 * (parallel removals / demotions of a school's last two gemachtigden, two parallel "make gemachtigde" on a board),
 * each repeated many times against fresh documents.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrganisationModel } from "../../../server/src/modules/organisations/organisation.model.js";
import { buildContact, createBoard, createSchool } from "../../factories/index.js";
import { loginAsContact } from "../../harness/login.js";
import type { HttpClient } from "../../harness/http-client.js";
import { auditEvents, authorisedIds, patch, requestWith, startPortalEnv, type PortalEnv } from "./env.js";

let env: PortalEnv;
beforeAll(async () => {
  env = await startPortalEnv();
});
afterAll(async () => {
  await env?.stop();
});

const orgPath = (id: unknown) => `/api/v1/organisations/${String(id)}`;
const errorIdOf = (body: unknown) => (body as { error?: { id?: string } }).error?.id;
const fieldCode = (body: unknown, field: string) => (body as { error?: { fields?: Record<string, { code: string }> } }).error?.fields?.[field]?.code;

/** A school with `authorised` gemachtigden and one overige contactpersoon. */
async function schoolWith(authorised: number) {
  const contacts = [...Array.from({ length: authorised }, () => buildContact({ roles: ["authorised"] })), buildContact({ roles: ["other"] })];
  return createSchool({ contacts });
}

describe("school roles", () => {
  let school: Awaited<ReturnType<typeof createSchool>>;
  let client: HttpClient;
  beforeAll(async () => {
    school = await schoolWith(1);
    client = await loginAsContact(env.server, [school._id]);
  });

  it("walks the portal flow: add a person, make them gemachtigde, remove the old one, fail on the last one", async () => {
    const added = await client.post<{ id: string; roles: string[] }>(`${orgPath(school._id)}/contacts`, {
      name: "Petra de Vries",
      function: "Adjunct-directeur",
      email: " P.deVries@School.example.nl ",
      phone: "06-12345678",
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: "Petra de Vries", email: "p.devries@school.example.nl", roles: ["other"] });

    const promoted = await patch(client, `${orgPath(school._id)}/contacts/${added.body.id}`, { roles: ["authorised"] });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ roles: ["authorised"] });

    const oldId = String(school.contacts[0]!._id);
    expect((await client.delete(`${orgPath(school._id)}/contacts/${oldId}`)).status).toBe(204);

    // Having removed herself, she is no gemachtigde any more: the role is now Petra's to manage.
    const notHers = await requestWith(client, "DELETE", `${orgPath(school._id)}/contacts/${added.body.id}`, { "accept-language": "nl" });
    expect(notHers.status).toBe(403);
    expect(errorIdOf(notHers.body)).toBe("gemachtigde_required");
    const helpdesk = env.people.agent;
    const last = await requestWith(helpdesk, "DELETE", `${orgPath(school._id)}/contacts/${added.body.id}`, { "accept-language": "nl" });
    expect(last.status).toBe(409);
    expect(last.body).toMatchObject({ error: { id: "last_authorised_contact", message: "Er moet altijd een gemachtigde zijn" } });
    const english = await requestWith(helpdesk, "DELETE", `${orgPath(school._id)}/contacts/${added.body.id}`, { "accept-language": "en" });
    expect(english.body).toMatchObject({ error: { id: "last_authorised_contact", message: "There must always be an authorised contact (gemachtigde)" } });
    expect(await authorisedIds(school._id)).toEqual([added.body.id]);

    const audit = await auditEvents({ organisationId: school._id, type: { $in: ["contact_added", "contact_updated", "contact_removed"] } });
    expect(audit.every((a) => a.actor.type === "contact" && (a.data as { via?: string }).via === "own")).toBe(true);
    expect(audit.map((a) => a.type).sort()).toEqual(["contact_added", "contact_removed", "contact_updated"]);
    expect(JSON.stringify(audit)).not.toContain("p.devries@school.example.nl");
  });

  it("refuses to demote the last gemachtigde (409) but allows editing their other fields", async () => {
    const s = await schoolWith(1);
    const id = String(s.contacts[0]!._id);
    const demote = await patch(env.people.agent, `${orgPath(s._id)}/contacts/${id}`, { roles: ["other"], name: "Nieuwe Naam" });
    expect(demote.status).toBe(409);
    expect(errorIdOf(demote.body)).toBe("last_authorised_contact");
    const rename = await patch(env.people.agent, `${orgPath(s._id)}/contacts/${id}`, { name: "Nieuwe Naam" });
    expect(rename.status).toBe(200);
    expect(rename.body).toMatchObject({ name: "Nieuwe Naam", roles: ["authorised"] });
  });

  it("allows removing an overige contactpersoon, and a gemachtigde while another one remains", async () => {
    const s = await schoolWith(2);
    expect((await env.people.agent.delete(`${orgPath(s._id)}/contacts/${String(s.contacts[2]!._id)}`)).status).toBe(204);
    expect((await env.people.agent.delete(`${orgPath(s._id)}/contacts/${String(s.contacts[0]!._id)}`)).status).toBe(204);
    expect(await authorisedIds(s._id)).toEqual([String(s.contacts[1]!._id)]);
  });

  it("accepts only school roles, exactly one per person", async () => {
    const path = `${orgPath(school._id)}/contacts`;
    const person = (roles: unknown) => ({ name: "X", email: `x${Math.random().toString(36).slice(2)}@school.example.nl`, roles });
    for (const [roles, code] of [
      [["rio"], "role_not_allowed"],
      [["bron_development"], "role_not_allowed"],
      [[], "role_required"],
      [["authorised", "other"], "too_many_roles"],
      [["authorised", "authorised"], "duplicate_role"],
    ] as const) {
      const res = await client.post(path, person(roles));
      expect({ roles, status: res.status, code: fieldCode(res.body, "roles") }).toEqual({ roles, status: 400, code });
    }
    const unknownRole = await client.post(path, person(["beheerder"]));
    expect(fieldCode(unknownRole.body, "roles.0")).toBe("invalid_value");
  });

  it("says contact_not_found for an unknown contact person, and conflict for a second person with the same e-mail", async () => {
    const unknown = "0123456789abcdef01234567";
    expect(errorIdOf((await client.delete(`${orgPath(school._id)}/contacts/${unknown}`)).body)).toBe("contact_not_found");
    expect((await patch(client, `${orgPath(school._id)}/contacts/${unknown}`, { roles: ["other"] })).status).toBe(404);
    const email = `dubbel${Date.now()}@school.example.nl`;
    expect((await client.post(`${orgPath(school._id)}/contacts`, { name: "Een", email })).status).toBe(201);
    const twice = await client.post(`${orgPath(school._id)}/contacts`, { name: "Twee", email: email.toUpperCase() });
    expect(twice.status).toBe(409);
    expect(fieldCode(twice.body, "email")).toBe("duplicate");
  });
});

describe("board roles", () => {
  it("allows at most one gemachtigde: adding or promoting a second → 409 board_authorised_taken", async () => {
    const board = await createBoard();
    const client = await loginAsContact(env.server, [board._id]);
    const path = `${orgPath(board._id)}/contacts`;
    const second = await client.post(path, { name: "Tweede", email: "tweede@bestuur.example.nl", roles: ["authorised", "rio"] });
    expect(second.status).toBe(409);
    expect(errorIdOf(second.body)).toBe("board_authorised_taken");
    const other = String(board.contacts[1]!._id);
    const promote = await patch(client, `${path}/${other}`, { roles: ["authorised", "bron_development"] });
    expect(promote.status).toBe(409);
    expect(errorIdOf(promote.body)).toBe("board_authorised_taken");
    // The current gemachtigde may keep the role while changing the others.
    const own = await patch(client, `${path}/${String(board.contacts[0]!._id)}`, { roles: ["authorised", "rio"] });
    expect(own.status).toBe(200);
  });

  it("allows no gemachtigde at all, geen rol, and only board roles", async () => {
    const board = await createBoard();
    const path = `${orgPath(board._id)}/contacts`;
    expect((await env.people.supervisor.delete(`${path}/${String(board.contacts[0]!._id)}`)).status).toBe(204);
    expect(await authorisedIds(board._id)).toEqual([]);
    const none = await env.people.supervisor.post<{ roles: string[] }>(path, { name: "Geen Rol", email: "geenrol@bestuur.example.nl" });
    expect(none.status).toBe(201);
    expect(none.body.roles).toEqual([]);
    const school = await env.people.supervisor.post(path, { name: "X", email: "x@bestuur.example.nl", roles: ["other"] });
    expect(school.status).toBe(400);
    expect(fieldCode(school.body, "roles")).toBe("role_not_allowed");
    const nowAuthorised = await env.people.supervisor.post(path, { name: "Nieuw", email: "nieuw@bestuur.example.nl", roles: ["authorised"] });
    expect(nowAuthorised.status).toBe(201);
  });
});

describe("invariants under concurrency (no transactions)", () => {
  const ROUNDS = 25;

  it(`two parallel DELETEs of a school's last two gemachtigden: exactly one wins (${ROUNDS}×)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const s = await schoolWith(2);
      const [a, b] = [String(s.contacts[0]!._id), String(s.contacts[1]!._id)];
      const results = await Promise.all([
        env.people.agent.delete(`${orgPath(s._id)}/contacts/${a}`),
        env.people.supervisor.delete(`${orgPath(s._id)}/contacts/${b}`),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
      expect(errorIdOf(results.find((r) => r.status === 409)!.body)).toBe("last_authorised_contact");
      expect(await authorisedIds(s._id)).toHaveLength(1);
    }
  });

  it(`parallel demote + delete of a school's last two gemachtigden: exactly one wins (${ROUNDS}×)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const s = await schoolWith(2);
      const [a, b] = [String(s.contacts[0]!._id), String(s.contacts[1]!._id)];
      const requests = [
        () => patch(env.people.agent, `${orgPath(s._id)}/contacts/${a}`, { roles: ["other"] }),
        () => env.people.supervisor.delete(`${orgPath(s._id)}/contacts/${b}`),
      ];
      // Alternate who starts first.
      const results = await Promise.all(round % 2 ? requests.map((r) => r()) : requests.reverse().map((r) => r()).reverse());
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((st) => st === 409)).toHaveLength(1);
      expect(statuses.filter((st) => st === 200 || st === 204)).toHaveLength(1);
      expect(await authorisedIds(s._id)).toHaveLength(1);
    }
  });

  it(`two parallel "make gemachtigde" on a board without one: exactly one wins (${ROUNDS}×)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const board = await createBoard({ contacts: [buildContact({ roles: [] }), buildContact({ roles: ["rio"] })] });
      const [a, b] = [String(board.contacts[0]!._id), String(board.contacts[1]!._id)];
      const results = await Promise.all([
        patch(env.people.agent, `${orgPath(board._id)}/contacts/${a}`, { roles: ["authorised"] }),
        patch(env.people.supervisor, `${orgPath(board._id)}/contacts/${b}`, { roles: ["authorised", "rio"] }),
        // A third contender adding a new gemachtigde at the same moment.
        env.people.agent.post(`${orgPath(board._id)}/contacts`, { name: "Derde", email: `derde${round}@bestuur.example.nl`, roles: ["authorised"] }),
      ]);
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((st) => st === 409)).toHaveLength(2);
      expect(results.filter((r) => r.status === 409).every((r) => errorIdOf(r.body) === "board_authorised_taken")).toBe(true);
      expect(await authorisedIds(board._id)).toHaveLength(1);
    }
  });

  it("keeps version counting every change", async () => {
    const s = await schoolWith(1);
    await env.people.agent.post(`${orgPath(s._id)}/contacts`, { name: "V", email: "v@school.example.nl" });
    await patch(env.people.agent, orgPath(s._id), { phone: "030 111 2222" });
    expect((await OrganisationModel.findById(s._id).lean())!.version).toBe(2);
  });
});
