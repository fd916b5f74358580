import { randomBytes } from "node:crypto";
import { createInflateRaw } from "node:zlib";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArchiveItemDetail, ArchiveItemView, ArchivePage, ContactMomentPage, HelpdeskSendResponse } from "../../../server/src/contracts/api/history.js";
import { ArchiveItemModel } from "../../../server/src/modules/archive/archive-item.model.js";
import { AuditEventModel } from "../../../server/src/modules/audit/audit-event.model.js";
import { ARCHIVE_NOTIFICATION_SUBJECT } from "../../../server/src/modules/archive/archive-notifier.js";
import { makePdf } from "../../../server/src/seed/files.js";
import { makeZip, startHistoryEnv, upload, type HistoryEnv } from "./env.js";
import { deflatedMember, storedMember, writeZip, zeroBombMember, type ZipMember } from "./zip.js";

let env: HistoryEnv;
beforeAll(async () => {
  env = await startHistoryEnv();
});
afterAll(async () => {
  await env?.stop();
});

const MB10 = 10 * 1024 * 1024;
const archivePath = () => `/api/v1/organisations/${String(env.world.schoolA1)}/archive`;
const errorOf = (body: unknown) => (body as { error?: { id?: string; message?: string; fields?: Record<string, { code: string }>; details?: Record<string, unknown> } }).error;
const gridFsCounts = async () => {
  const db = mongoose.connection.db!;
  return { files: await db.collection("archive.files").countDocuments(), chunks: await db.collection("archive.chunks").countDocuments() };
};
/** A PDF padded with a comment to exactly `size` bytes. */
function pdfOfSize(size: number): Buffer {
  const head = makePdf("Groot document", ["Opvulling"]);
  return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
}

describe("upload: document naar de helpdesk sturen", () => {
  it("accepts a real PDF, shows it at the top of the archive and in the timeline, and downloads it byte for byte", async () => {
    const { schoolA1 } = env.people;
    const pdf = makePdf("Toelichting telling", ["Hierbij de toelichting."]);
    const res = await upload(schoolA1, archivePath(), { subject: "Toelichting telling 1 oktober", note: "Zie bijlage.", file: { name: "toelichting.pdf", data: pdf } });
    expect(res.status).toBe(201);
    const item = res.body as ArchiveItemView;
    expect(item).toMatchObject({ direction: "to_helpdesk", kind: "document", subject: "Toelichting telling 1 oktober", file: { filename: "toelichting.pdf", contentType: "application/pdf", size: pdf.length } });

    const list = await schoolA1.get<ArchivePage>(archivePath());
    expect(list.body.items[0]!.id).toBe(item.id);
    const timeline = await schoolA1.get<ContactMomentPage>(`/api/v1/organisations/${String(env.world.schoolA1)}/contact-moments?limit=1`);
    expect(timeline.body.items[0]).toMatchObject({ channel: "portal", direction: "in", archiveItemId: item.id });

    const download = await schoolA1.request(item.file!.downloadUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="toelichting.pdf"; filename*=UTF-8''toelichting.pdf`);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("cache-control")).toContain("no-store");
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it("accepts exactly 10 MB and refuses 10 MB + 1 byte with 413 and a clear message, leaving nothing behind", async () => {
    const { schoolA1 } = env.people;
    const exact = await upload(schoolA1, archivePath(), { subject: "Precies 10 MB", file: { name: "groot.pdf", data: pdfOfSize(MB10) } });
    expect(exact.status).toBe(201);
    expect(exact.body.file.size).toBe(MB10);

    const before = await gridFsCounts();
    const over = await upload(schoolA1, archivePath(), { subject: "Te groot", file: { name: "te-groot.pdf", data: pdfOfSize(MB10 + 1) } });
    expect(over.status).toBe(413);
    expect(errorOf(over.body)?.id).toBe("file_too_large");
    expect(errorOf(over.body)?.message).toContain("groter dan 10 MB");
    expect(await gridFsCounts()).toEqual(before);
  });

  it("decides the type on content: renamed HTML, SVG, scripts and fake Office files are refused; real ones accepted", async () => {
    const { schoolA1 } = env.people;
    const before = await gridFsCounts();
    const refused: Array<[string, string | Buffer]> = [
      ["brief.pdf", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"],
      ["pagina.html", "<html><script>alert(document.cookie)</script></html>"],
      ["logo.png", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`],
      ["logo.svg", `\uFEFF  \n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`],
      ["notities.txt", Buffer.from([0x48, 0x69, 0x00, 0x21])],
      ["latin1.txt", Buffer.from([0x63, 0x61, 0x66, 0xe9])],
      ["rapport.docx", makeZip({ "[Content_Types].xml": "<Types/>", "evil/payload.js": "x" })],
      ["geen-types.docx", makeZip({ "word/document.xml": "<w:document/>" })],
      ["programma.exe", Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1")],
    ];
    for (const [name, data] of refused) {
      const res = await upload(schoolA1, archivePath(), { subject: `Test ${name}`, file: { name, data: typeof data === "string" ? Buffer.from(data) : data, type: "application/pdf" } });
      expect.soft(res.status, name).toBe(415);
      expect.soft(errorOf(res.body)?.id, name).toBe("file_type_not_allowed");
    }
    expect(await gridFsCounts()).toEqual(before);

    const accepted: Array<[string, Buffer, string, string]> = [
      ["verslag.docx", makeZip({ "[Content_Types].xml": "<Types/>", "_rels/.rels": "<r/>", "word/document.xml": "<w:document/>" }), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "verslag.docx"],
      ["telling.xlsx", makeZip({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>" }), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "telling.xlsx"],
      ["scan.png", Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20)]), "image/png", "scan.png"],
      ["foto.jpeg", Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20)]), "image/jpeg", "foto.jpeg"],
      ["notitie.txt", Buffer.from("Beste helpdesk,\r\nZie hieronder: é ë ü.\r\n"), "text/plain", "notitie.txt"],
      ["..\\..\\C:\\map\\Ëvaluatie \"def\".html", makePdf("x", ["y"]), "application/pdf", "Ëvaluatie def.html.pdf"],
    ];
    for (const [name, data, contentType, filename] of accepted) {
      const res = await upload(schoolA1, archivePath(), { subject: `Test ${name}`, file: { name, data } });
      expect.soft(res.status, name).toBe(201);
      expect.soft(res.body?.file, name).toMatchObject({ contentType, filename, size: data.length });
    }
    const weird = (await schoolA1.get<ArchivePage>(archivePath())).body.items[0]!;
    const download = await schoolA1.request(weird.file!.downloadUrl);
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="Evaluatie def.html.pdf"; filename*=UTF-8''%C3%8Bvaluatie%20def.html.pdf`);
    await download.arrayBuffer();
  });

  it("refuses requests without a subject, without a file, or not multipart, with 400", async () => {
    const { schoolA1 } = env.people;
    const pdf = makePdf("x", ["y"]);
    const noSubject = await upload(schoolA1, archivePath(), { file: { name: "a.pdf", data: pdf } });
    expect(noSubject.status).toBe(400);
    expect(errorOf(noSubject.body)?.fields?.subject).toBeDefined();
    const noFile = await upload(schoolA1, archivePath(), { subject: "Zonder bestand" });
    expect(noFile.status).toBe(400);
    expect(errorOf(noFile.body)?.fields?.file?.code).toBe("required");
    const empty = await upload(schoolA1, archivePath(), { subject: "Leeg", file: { name: "leeg.pdf", data: new Uint8Array(0) } });
    expect(empty.status).toBe(400);
    expect(errorOf(empty.body)?.fields?.file?.code).toBe("empty_file");
    const json = await schoolA1.post(archivePath(), { subject: "JSON" });
    expect(json.status).toBe(400);
    expect(errorOf(json.body)?.fields?.file?.code).toBe("multipart_required");
    const longSubject = await upload(schoolA1, archivePath(), { subject: "x".repeat(201), file: { name: "a.pdf", data: pdf } });
    expect(longSubject.status).toBe(400);
    // Without the CSRF token the upload never starts.
    const form = new FormData();
    form.append("subject", "x");
    form.append("file", new Blob([new Uint8Array(pdf)]), "a.pdf");
    expect((await schoolA1.request(archivePath(), { method: "POST", body: form })).status).toBe(403);
  });
});

describe("download authorization", () => {
  it("only the school, its board and the helpdesk may download; headers are safe", async () => {
    const { schoolA1, schoolA2, boardA, boardB, anonymous, agent } = env.people;
    const pdf = makePdf("Geheim", ["Alleen voor A1."]);
    const item = (await upload(schoolA1, archivePath(), { subject: "Alleen A1", file: { name: "a1.pdf", data: pdf } })).body as ArchiveItemView;
    const url = item.file!.downloadUrl;
    const status = async (c: typeof schoolA1, u = url) => {
      const res = await c.request(u);
      await res.arrayBuffer();
      return res.status;
    };
    expect(await status(schoolA1)).toBe(200);
    expect(await status(boardA)).toBe(200);
    expect(await status(agent)).toBe(200);
    expect(await status(schoolA2)).toBe(403);
    expect(await status(boardB)).toBe(403);
    expect(await status(anonymous)).toBe(401);
    // The item id under another organisation the caller may see: not found, not leaked.
    expect(await status(schoolA2, url.replace(String(env.world.schoolA1), String(env.world.schoolA2)))).toBe(404);
    expect(await status(boardA, url.replace(String(env.world.schoolA1), String(env.world.schoolA2)))).toBe(404);
    expect(await status(schoolA1, url.replace(item.id, "0".repeat(24)))).toBe(404);
    expect(await status(schoolA1, url.replace(item.id, "xyz"))).toBe(400);
  });
});

describe("audit of the archive", () => {
  it("records uploads, downloads and helpdesk sends: who, how, which item, from where; never the subject, file name or content", async () => {
    const { schoolA1, schoolA2, boardA, agent } = env.people;
    const since = new Date();
    const entries = async () => AuditEventModel.find({ type: /^archive_/, at: { $gte: since } }).sort({ at: 1, _id: 1 }).lean();
    const item = (await upload(schoolA1, archivePath(), { subject: "Vertrouwelijk dossier", file: { name: "dossier-jansen.pdf", data: makePdf("Dossier", ["Inhoud"]) } })).body as ArchiveItemView;
    for (const client of [boardA, agent, schoolA2]) await (await client.request(item.file!.downloadUrl)).arrayBuffer();
    const sent = await agent.post<HelpdeskSendResponse>(`${archivePath()}/from-helpdesk`, { subject: "Antwoord dossier", body: "Tekst" });

    const rows = await entries();
    expect(rows.map((r) => [r.type, r.actor.type, r.data])).toEqual([
      ["archive_uploaded", "contact", { itemId: item.id, kind: "document", via: "own" }],
      ["archive_downloaded", "contact", { itemId: item.id, kind: "document", via: "board", boardId: String(env.world.boardA) }],
      ["archive_downloaded", "agent", { itemId: item.id, kind: "document", via: "agent" }],
      // school A2's refused download (403) wrote nothing
      ["archive_sent", "agent", { itemId: sent.body.item.id, kind: "email", via: "agent" }],
    ]);
    for (const row of rows) {
      expect(String(row.organisationId)).toBe(String(env.world.schoolA1));
      expect(row.actor.id).toBeTruthy();
      expect(row.ip).toBeTruthy();
      expect(JSON.stringify(row)).not.toMatch(/Vertrouwelijk|dossier-jansen|Antwoord|Inhoud|Tekst/);
    }
  });
});

describe("helpdesk sends into the archive", () => {
  it("an e-mail: archived, readable as text by the school, in the timeline, and the gemachtigde is notified", async () => {
    const { agent, schoolA1 } = env.people;
    const since = Date.now();
    const body = "Beste mevrouw Jansen,\n\nDe signalering over leerling 123 is opgelost.\n\n<b>geen html</b>";
    const res = await agent.post<HelpdeskSendResponse>(`${archivePath()}/from-helpdesk`, { subject: "Re: signalering leerling", body });
    expect(res.status).toBe(201);
    expect(res.body.notification).toEqual({ sent: true, reason: "sent" });
    expect(res.body.item).toMatchObject({ direction: "from_helpdesk", kind: "email", hasText: true, file: null });

    const mail = await env.smtp.waitForMail(env.world.a1Authorised, { since });
    expect(mail.subject).toBe(ARCHIVE_NOTIFICATION_SUBJECT);
    expect(mail.text).toContain("Digitaal archief");
    // No personal data or content beyond what is needed.
    expect(mail.text).not.toContain("Jansen");
    expect(mail.text).not.toContain("signalering");
    expect(mail.text).not.toContain("Medewerker");

    const top = (await schoolA1.get<ArchivePage>(archivePath())).body.items[0]!;
    expect(top.id).toBe(res.body.item.id);
    const detail = await schoolA1.get<ArchiveItemDetail>(`${archivePath()}/${top.id}`);
    expect(detail.status).toBe(200);
    expect(detail.headers.get("content-type")).toContain("application/json");
    expect(detail.body.text).toBe(body.trim());
    const timeline = await schoolA1.get<ContactMomentPage>(`/api/v1/organisations/${String(env.world.schoolA1)}/contact-moments?limit=1`);
    expect(timeline.body.items[0]).toMatchObject({ channel: "email", direction: "out", archiveItemId: top.id });
  });

  it("a document: same type rules, downloadable by the school, gemachtigde notified", async () => {
    const { agent, schoolA1 } = env.people;
    const since = Date.now();
    const pdf = makePdf("Overzicht", ["Inhoud"]);
    const res = await upload(agent, `${archivePath()}/from-helpdesk/document`, { subject: "Overzicht signaleringen", file: { name: "overzicht.pdf", data: pdf } });
    expect(res.status).toBe(201);
    expect(res.body.notification.sent).toBe(true);
    await env.smtp.waitForMail(env.world.a1Authorised, { since });
    const download = await schoolA1.request(res.body.item.file.downloadUrl);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    const html = await upload(agent, `${archivePath()}/from-helpdesk/document`, { subject: "x", file: { name: "x.pdf", data: Buffer.from("<html></html>") } });
    expect(html.status).toBe(415);
  });
});

describe("zip bombs in Office files", () => {
  /** A Word document around `extra` parts, deflated like Word writes it. */
  const docx = (...extra: ZipMember[]) =>
    writeZip([
      deflatedMember("[Content_Types].xml", "<Types/>"),
      deflatedMember("_rels/.rels", "<Relationships/>"),
      deflatedMember("word/document.xml", `<w:document>${"<w:p><w:t>Telling 1 oktober</w:t></w:p>".repeat(500)}</w:document>`),
      ...extra,
    ]);
  /** Inflates a deflated member as Word would, counting bytes without keeping them. */
  const inflatedSize = (member: ZipMember) =>
    new Promise<number>((resolve, reject) => {
      let n = 0;
      const inflate = createInflateRaw();
      inflate.on("data", (c: Buffer) => (n += c.length));
      inflate.on("end", () => resolve(n));
      inflate.on("error", reject);
      inflate.end(member.data);
    });

  it("refuses a 1 MB .docx that unpacks to 1 GiB with 422 file_rejected_archive, from a school and from the helpdesk, storing nothing", async () => {
    const { schoolA1, agent } = env.people;
    const bombPart = zeroBombMember("word/media/image1.png", 1024);
    expect(await inflatedSize(bombPart)).toBe(1024 * 1024 * 1024);
    const bomb = docx(bombPart);
    expect(bomb.length).toBeLessThan(1.1 * 1024 * 1024);

    const files = await gridFsCounts();
    const items = await ArchiveItemModel.countDocuments().exec();
    const res = await upload(schoolA1, archivePath(), { subject: "Jaarverslag", file: { name: "jaarverslag.docx", data: bomb } });
    expect(res.status).toBe(422);
    expect(errorOf(res.body)?.id).toBe("file_rejected_archive");
    expect(errorOf(res.body)?.message).toContain("Word- of Excel-bestand kunnen wij niet aannemen");
    expect(errorOf(res.body)?.details).toEqual({ reason: "compression_ratio" });
    const fromHelpdesk = await upload(agent, `${archivePath()}/from-helpdesk/document`, { subject: "Overzicht", file: { name: "overzicht.docx", data: bomb } });
    expect(fromHelpdesk.status).toBe(422);
    expect(errorOf(fromHelpdesk.body)?.id).toBe("file_rejected_archive");
    // A broken directory is refused the same way.
    const broken = await upload(schoolA1, archivePath(), { subject: "Kapot", file: { name: "kapot.docx", data: docx().subarray(0, -3) } });
    expect(broken.status).toBe(422);
    expect(errorOf(broken.body)?.details).toEqual({ reason: "malformed" });

    expect(await gridFsCounts()).toEqual(files);
    expect(await ArchiveItemModel.countDocuments().exec()).toBe(items);
    expect((await schoolA1.get<ArchivePage>(archivePath())).body.items.some((i) => i.subject === "Jaarverslag" || i.subject === "Kapot")).toBe(false);
  });

  it("still accepts a normal Word document with a picture and a normal Excel sheet", async () => {
    const { schoolA1 } = env.people;
    const word = docx(storedMember("word/media/image1.png", randomBytes(2 * 1024 * 1024)));
    const sheet = writeZip([deflatedMember("[Content_Types].xml", "<Types/>"), deflatedMember("xl/workbook.xml", "<workbook/>"), deflatedMember("xl/worksheets/sheet1.xml", "<row><c>12</c></row>".repeat(20_000))]);
    for (const [name, data] of [["verslag.docx", word], ["telling.xlsx", sheet]] as const) {
      const res = await upload(schoolA1, archivePath(), { subject: `Normaal ${name}`, file: { name, data } });
      expect.soft(res.status, name).toBe(201);
      expect.soft(res.body?.file, name).toMatchObject({ filename: name, size: data.length });
    }
  });
});

describe("upload of a declared huge body", () => {
  it("is refused with 413 before the body is read", async () => {
    const { schoolA1 } = env.people;
    const res = await schoolA1.request(archivePath(), {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(50 * 1024 * 1024), "x-csrf-token": schoolA1.csrfToken },
      body: new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("--x\r\n")); } }),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe("file_too_large");
  });
});
