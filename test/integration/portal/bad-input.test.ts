/**
 * Bad input against the "Mijn gegevens" and news routes: per-field errors with stable codes, normalisation,
 * NoSQL-injection shaped bodies, unknown keys, malformed ids in the path, missing CSRF. Never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrganisationModel } from "../../../server/src/modules/organisations/organisation.model.js";
import { createSchool } from "../../factories/index.js";
import { loginAsContact } from "../../harness/login.js";
import type { HttpClient } from "../../harness/http-client.js";
import { patch, requestWith, startPortalEnv, type PortalEnv } from "./env.js";

let env: PortalEnv;
let school: Awaited<ReturnType<typeof createSchool>>;
let client: HttpClient;
beforeAll(async () => {
  env = await startPortalEnv();
  school = await createSchool();
  client = await loginAsContact(env.server, [school._id]);
});
afterAll(async () => {
  await env?.stop();
});

const orgPath = () => `/api/v1/organisations/${String(school._id)}`;
type ErrorBody = { error: { id: string; fields?: Record<string, { code: string }> } };
const fields = (body: unknown) => Object.fromEntries(Object.entries((body as ErrorBody).error.fields ?? {}).map(([k, v]) => [k, v.code]));
const address = (postcode: string) => ({ street: "Dorpsstraat", houseNumber: "12a", postcode, city: "Utrecht" });

describe("organisation details", () => {
  it("normalises a postcode typed as 1234ab and refuses 12345", async () => {
    const ok = await patch<{ visitingAddress: { postcode: string } }>(client, orgPath(), { visitingAddress: address("3511ab") });
    expect(ok.status).toBe(200);
    expect(ok.body.visitingAddress.postcode).toBe("3511 AB");
    const bad = await patch(client, orgPath(), { visitingAddress: address("12345"), postalAddress: address("0123 AB") });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual({ "visitingAddress.postcode": "invalid_postcode", "postalAddress.postcode": "invalid_postcode" });
  });

  it("reports every bad field with its own stable code", async () => {
    const res = await patch(client, orgPath(), {
      name: "x".repeat(161),
      phone: "12345",
      email: "geen-email",
      website: "javascript:alert(1)",
      visitingAddress: { street: "", houseNumber: "a12", postcode: "1234 AB", city: "y".repeat(81) },
    });
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error.id).toBe("validation_failed");
    expect(fields(res.body)).toEqual({
      name: "too_long",
      phone: "invalid_phone",
      email: "invalid_email",
      website: "invalid_website",
      "visitingAddress.street": "required",
      "visitingAddress.houseNumber": "invalid_house_number",
      "visitingAddress.city": "too_long",
    });
  });

  it("refuses operator objects where strings belong, and never lets them reach a query", async () => {
    const before = await OrganisationModel.findById(school._id).lean();
    for (const body of [{ name: { $gt: "" } }, { email: { $regex: ".*" } }, { visitingAddress: { $set: { city: "X" } } }, { phone: ["030 123 4567"] }]) {
      const res = await patch(client, orgPath(), body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const operatorKeys = await patch(client, orgPath(), { $set: { name: "Overgenomen" }, "contacts.0.roles": ["authorised"] });
    expect(operatorKeys.status).toBe(400);
    expect(fields(operatorKeys.body)).toEqual({ _root: "unrecognized_keys" });
    expect((await OrganisationModel.findById(school._id).lean())!.name).toBe(before!.name);
  });

  it("rejects unknown keys (the code and kind are not editable) and an empty change", async () => {
    for (const body of [{ code: "99ZZ" }, { kind: "board" }, { phone: "030 123 4567", extra: 1 }]) {
      const res = await patch(client, orgPath(), body);
      expect(res.status).toBe(400);
      expect(fields(res.body)).toEqual({ _root: "unrecognized_keys" });
    }
    const nested = await patch(client, orgPath(), { visitingAddress: { ...address("1234 AB"), country: "NL" } });
    expect(fields(nested.body)).toEqual({ visitingAddress: "unrecognized_keys" });
    expect(fields((await patch(client, orgPath(), {})).body)).toEqual({ _root: "empty_update" });
  });

  it("answers a version mismatch with 409 stale_version", async () => {
    const current = await client.get<{ version: number }>(orgPath());
    const first = await patch<{ version: number }>(client, orgPath(), { phone: "030 222 3333", version: current.body.version });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(current.body.version + 1);
    const stale = await patch(client, orgPath(), { phone: "030 444 5555", version: current.body.version });
    expect(stale.status).toBe(409);
    expect((stale.body as ErrorBody).error.id).toBe("stale_version");
  });

  it("answers malformed JSON with 400", async () => {
    const res = await requestWith(client, "PATCH", orgPath(), {}, '{"phone": ');
    expect(res.status).toBe(400);
  });
});

describe("contact persons", () => {
  it("validates each field of a new contact person", async () => {
    const res = await client.post(`${orgPath()}/contacts`, { name: "", email: "a@b", phone: "0612", function: "f".repeat(121), roles: "authorised" });
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual({ name: "required", email: "invalid_email", phone: "invalid_phone", function: "too_long", roles: "invalid_type" });
    const missing = await client.post(`${orgPath()}/contacts`, {});
    expect(fields(missing.body)).toMatchObject({ name: "required", email: "required" });
  });

  it("refuses injection-shaped bodies and unknown keys", async () => {
    const contactId = String(school.contacts[1]!._id);
    for (const body of [{ roles: { $ne: null } }, { email: { $gt: "" } }, { name: "X", _id: "0123456789abcdef01234567" }, { "roles.$": "authorised" }]) {
      const res = await patch(client, `${orgPath()}/contacts/${contactId}`, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const add = await client.post(`${orgPath()}/contacts`, { name: "X", email: "x@school.example.nl", $where: "1" });
    expect(add.status).toBe(400);
  });
});

describe("paths and CSRF", () => {
  it("answers malformed ids in the path with 400, unknown ones with 403/404, never 500", async () => {
    const cases: [HttpClient, string, string, number][] = [
      [client, "GET", "/api/v1/organisations/not-an-id", 400],
      [client, "GET", `/api/v1/organisations/${encodeURIComponent('{"$gt":""}')}`, 400],
      [client, "GET", "/api/v1/organisations/0123456789abcdef0123456", 400],
      [client, "DELETE", `${orgPath()}/contacts/zzz`, 400],
      [client, "PATCH", `${orgPath()}/contacts/${encodeURIComponent("[$ne]")}`, 400],
      [env.people.supervisor, "PATCH", "/api/v1/news/xyz", 400],
      [env.people.supervisor, "POST", "/api/v1/news/xyz/withdraw", 400],
      // Well-formed but unknown: a contact may not act for it (403); agents act for every organisation, so for
      // them it does not exist (404); an unknown item in a known organisation is 404.
      [client, "GET", "/api/v1/organisations/0123456789abcdef01234567", 403],
      [env.people.agent, "GET", "/api/v1/organisations/0123456789abcdef01234567", 404],
      [client, "DELETE", `${orgPath()}/contacts/0123456789abcdef01234567`, 404],
      [env.people.supervisor, "POST", "/api/v1/news/0123456789abcdef01234567/withdraw", 404],
      [env.people.supervisor, "PATCH", "/api/v1/news/0123456789abcdef01234567", 404],
    ];
    for (const [who, method, path, status] of cases) {
      const res = await who.json(method, path, method === "GET" || method === "DELETE" ? undefined : { title: "x" });
      expect({ method, path, status: res.status }).toEqual({ method, path, status });
    }
  });

  it("refuses a change without the CSRF header (403 csrf_failed)", async () => {
    const contactId = String(school.contacts[1]!._id);
    for (const [method, path, body] of [
      ["PATCH", orgPath(), { phone: "030 999 8888" }],
      ["POST", `${orgPath()}/contacts`, { name: "X", email: "csrf@school.example.nl" }],
      ["DELETE", `${orgPath()}/contacts/${contactId}`, undefined],
    ] as const) {
      const res = await requestWith(client, method, path, { "x-csrf-token": "" }, body);
      expect({ method, status: res.status, id: (res.body as ErrorBody).error.id }).toEqual({ method, status: 403, id: "csrf_failed" });
    }
    const posted = await env.people.supervisor.post("/api/v1/news", { title: "t", body: "b", audience: { type: "all" } }, { csrf: false });
    expect(posted.status).toBe(403);
  });
});

describe("news input", () => {
  it("targets organisations by instellingscode or bestuursnummer and names bad and unknown codes per entry", async () => {
    const res = await env.people.supervisor.post("/api/v1/news", {
      title: "Gericht",
      body: "Alleen voor u",
      audience: { type: "organisations", codes: [school.code.toLowerCase(), "123", "99XX", "9999", "41234x"] },
    });
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual({
      "audience.codes.1": "invalid_organisation_code",
      "audience.codes.3": "invalid_organisation_code",
      "audience.codes.4": "invalid_organisation_code",
    });
    const unknown = await env.people.supervisor.post("/api/v1/news", { title: "Gericht", body: "x", audience: { type: "organisations", codes: [school.code, "99XX", "00000"] } });
    expect(fields(unknown.body)).toEqual({ "audience.codes.1": "unknown_organisation_code", "audience.codes.2": "unknown_organisation_code" });
    const ok = await env.people.supervisor.post<{ audience: { organisations: { code: string }[] } }>("/api/v1/news", {
      title: "Gericht",
      body: "x",
      audience: { type: "organisations", codes: [school.code.toLowerCase()] },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.audience.organisations.map((o) => o.code)).toEqual([school.code]);
  });

  it("validates title, body, sector, date and unknown keys", async () => {
    const res = await env.people.supervisor.post("/api/v1/news", {
      title: "t".repeat(201),
      body: "",
      audience: { type: "sector", sector: "vo" },
      publishedAt: "gisteren",
      pinned: true,
    });
    expect(res.status).toBe(400);
    expect(fields(res.body)).toMatchObject({ title: "too_long", body: "required", "audience.sector": "invalid_value", publishedAt: "invalid_date", _root: "unrecognized_keys" });
    const injected = await env.people.supervisor.post("/api/v1/news", { title: { $ne: "" }, body: "b", audience: { type: { $in: ["all"] } } });
    expect(injected.status).toBe(400);
  });
});
