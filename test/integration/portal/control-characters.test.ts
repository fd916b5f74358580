/**
 * Single-line fields refuse control characters (issue 16 §5): an organisation name with CR/LF used to be stored
 * and then written into mail subjects. Every single-line field answers 400 `validation_failed` with the field
 * code `control_characters`, and nothing is stored. Real server, real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrganisationModel } from "../../../server/src/modules/organisations/organisation.model.js";
import { createSchool } from "../../factories/index.js";
import { loginAsContact } from "../../harness/login.js";
import { startPortalEnv, type PortalEnv } from "./env.js";

let env: PortalEnv;
beforeAll(async () => {
  env = await startPortalEnv();
});
afterAll(async () => {
  await env?.stop();
});

const fieldCode = (body: unknown, field: string) => (body as { error?: { fields?: Record<string, { code: string }> } }).error?.fields?.[field]?.code;

describe("single-line fields", () => {
  it("refuse CR/LF, tab, NUL, DEL and line separators in an organisation's name, and store nothing", async () => {
    const school = await createSchool({ name: "OBS De Wilg" });
    const client = await loginAsContact(env.server, [school._id]);
    for (const bad of ["De Wilg\r\nBcc: iedereen@example.nl", "De\tWilg", "De\u0000Wilg", "De\u007fWilg", "De\u2028Wilg", "De\u0085Wilg"]) {
      const res = await client.json("PATCH", `/api/v1/organisations/${String(school._id)}`, { name: bad });
      expect({ bad, status: res.status, code: fieldCode(res.body, "name") }).toEqual({ bad, status: 400, code: "control_characters" });
    }
    expect((await OrganisationModel.findById(school._id).lean().exec())!.name).toBe("OBS De Wilg");
    // Letters from other scripts and a trailing newline (trimmed) are fine.
    const ok = await client.json("PATCH", `/api/v1/organisations/${String(school._id)}`, { name: "OBS Ünal & Çelik\n" });
    expect(ok.status).toBe(200);
    expect((ok.body as { name: string }).name).toBe("OBS Ünal & Çelik");
  });

  it("also in contact names and functions, addresses, news titles and closure reasons", async () => {
    const school = await createSchool();
    const client = await loginAsContact(env.server, [school._id]);
    const base = `/api/v1/organisations/${String(school._id)}`;
    const contact = await client.post(`${base}/contacts`, { name: "Piet\nJansen", email: "piet@school.example.nl" });
    expect(fieldCode(contact.body, "name")).toBe("control_characters");
    const fn = await client.post(`${base}/contacts`, { name: "Piet Jansen", function: "IB'er\r\n", email: "piet@school.example.nl" });
    expect(fn.status).toBe(201);
    const fn2 = await client.post(`${base}/contacts`, { name: "Piet Jansen", function: "IB\r\ner", email: "piet2@school.example.nl" });
    expect(fieldCode(fn2.body, "function")).toBe("control_characters");
    const address = await client.json("PATCH", base, { visitingAddress: { street: "Dorpsstraat\r\n", houseNumber: "1", postcode: "1234 AB", city: "Ut\nrecht" } });
    expect(address.status).toBe(400);
    expect(JSON.stringify(address.body)).toContain("control_characters");

    const supervisor = env.people.supervisor;
    const news = await supervisor.post("/api/v1/news", { title: "Nieuw\r\nX-Header: ja", body: "Meerdere\nregels zijn hier goed.", audience: { type: "all" } });
    expect(fieldCode(news.body, "title")).toBe("control_characters");
    const closure = await supervisor.post("/api/v1/opening-hours/closures", { date: "2030-01-02", reason: "Studie\ndag" });
    expect(closure.status).toBe(400);
    expect(JSON.stringify(closure.body)).toContain("control_characters");
  });
});
