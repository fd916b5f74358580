/**
 * Demo contact history: ~200 contact moments over the 18 months before the anchor, and the archive items
 * (e-mails both ways, letters as PDF, documents sent by schools as text) that go with them.
 */
import type { Agent } from "../modules/agents/agent.model.js";
import type { ArchiveItem } from "../modules/archive/archive-item.model.js";
import type { ContactChannel, ContactMoment } from "../modules/contact-moments/contact-moment.model.js";
import type { Contact, Organisation } from "../modules/organisations/organisation.model.js";
import { slug, type SeedContext } from "./context.js";
import { makePdf, makeText } from "./files.js";
import { LETTERS, OUTCOMES, PORTAL_MESSAGES, TOPICS } from "./fixtures.js";
import { addDays, atAmsterdam, workday } from "./time.js";

/** Contact moments per school and per board (6 × 30 + 2 × 10 = 200). */
export const MOMENTS_PER_SCHOOL = 30;
export const MOMENTS_PER_BOARD = 10;
/** How far back the history goes, in days (18 months). */
export const HISTORY_DAYS = 548;

const HELPDESK = "Helpdesk primair onderwijs";
const CALLBACK_OUTCOME = 2;

interface History {
  contactMoments: ContactMoment[];
  archiveItems: ArchiveItem[];
}

function gemachtigde(org: Organisation): Contact | undefined {
  return org.contacts.find((c) => c.roles.includes("authorised"));
}

function signature(lines: string[]): string {
  return lines.join("\n");
}

/** The moments and archive items of one organisation. */
function organisationHistory(ctx: SeedContext, org: Organisation, agents: Agent[], count: number, out: History): void {
  const { rng } = ctx;
  const staff = agents.filter((a) => a.role === "agent");
  const topics = org.kind === "school" ? TOPICS : TOPICS.filter((t) => t.board);
  for (let i = 0; i < count; i++) {
    const channel = rng.weighted<ContactChannel>({ phone: 40, chat: 25, email: 20, portal: 8, letter: 7 });
    const day = workday(addDays(ctx.today, -rng.int(1, HISTORY_DAYS)));
    const contact = channel === "letter" ? (gemachtigde(org) ?? org.contacts[0]!) : rng.pick(org.contacts);
    const agent = rng.chance(0.1) ? agents.find((a) => a.role === "supervisor")! : rng.pick(staff);
    const topic = rng.pick(topics);
    const outcome = rng.int(0, OUTCOMES.length - 1);

    let startedAt: Date;
    let endedAt: Date | null = null;
    let direction: "in" | "out" = "in";
    let subject = topic.subject;
    let summary = `${topic.note} ${OUTCOMES[outcome]}`;
    let archive: ArchiveItem | undefined;

    switch (channel) {
      case "chat":
        startedAt = atAmsterdam(day, rng.int(9, 15), rng.int(0, 59));
        endedAt = new Date(startedAt.getTime() + rng.int(4, 25) * 60_000);
        break;
      case "phone":
        startedAt = atAmsterdam(day, rng.int(8, 16), rng.int(0, 59));
        endedAt = new Date(startedAt.getTime() + rng.int(2, 20) * 60_000);
        if (rng.chance(0.2)) {
          direction = "out";
          summary = `Teruggebeld. ${topic.reply}`;
        }
        break;
      case "email": {
        startedAt = atAmsterdam(day, rng.int(7, 20), rng.int(0, 59));
        direction = rng.chance(0.6) ? "in" : "out";
        const incoming = direction === "in";
        summary = incoming ? `E-mail ontvangen. ${topic.note}` : `E-mail gestuurd. ${topic.reply}`;
        archive = {
          _id: ctx.id(startedAt),
          organisationId: org._id,
          direction: incoming ? "to_helpdesk" : "from_helpdesk",
          kind: "email",
          subject: incoming ? topic.subject : `Re: ${topic.subject}`,
          body: incoming
            ? signature(["Beste helpdesk,", "", topic.ask, "", "Met vriendelijke groet,", "", contact.name, org.name])
            : signature([`Beste ${contact.name},`, "", topic.reply, "", "Met vriendelijke groet,", "", agent.displayName, HELPDESK]),
          file: null,
          sentAt: startedAt,
          sentBy: incoming ? { name: contact.name, contactId: contact._id } : { name: agent.displayName, agentId: agent._id },
          createdAt: startedAt,
          updatedAt: startedAt,
        };
        break;
      }
      case "letter": {
        const letter = rng.pick(LETTERS);
        startedAt = atAmsterdam(day, 10);
        direction = "out";
        subject = letter.subject;
        summary = `Brief gestuurd aan ${contact.name}: ${letter.subject.toLowerCase()}.`;
        const file = ctx.addFile(
          startedAt,
          `${slug(letter.subject)}.pdf`,
          "application/pdf",
          makePdf(letter.subject, [`Aan: ${contact.name}, ${org.name} (${org.code})`, "Geachte heer/mevrouw,", letter.text, "Met vriendelijke groet,", HELPDESK]),
        );
        archive = {
          _id: ctx.id(startedAt),
          organisationId: org._id,
          direction: "from_helpdesk",
          kind: "document",
          subject: letter.subject,
          body: null,
          file,
          sentAt: startedAt,
          sentBy: { name: HELPDESK },
          createdAt: startedAt,
          updatedAt: startedAt,
        };
        break;
      }
      case "portal": {
        const message = rng.pick(PORTAL_MESSAGES);
        startedAt = atAmsterdam(day, rng.int(8, 21), rng.int(0, 59));
        subject = message.subject;
        summary = message.note;
        if (message.subject === "Document naar de helpdesk gestuurd") {
          const file = ctx.addFile(startedAt, "toelichting-leerlingmutaties.txt", "text/plain", makeText([
            `Toelichting leerlingmutaties ${org.name} (${org.code})`,
            "",
            "Hierbij de toelichting op de mutaties van deze maand:",
            "- 2 leerlingen ingeschreven na verhuizing",
            "- 1 leerling uitgeschreven naar het speciaal onderwijs",
            "",
            contact.name,
          ]));
          archive = {
            _id: ctx.id(startedAt),
            organisationId: org._id,
            direction: "to_helpdesk",
            kind: "document",
            subject: "Toelichting leerlingmutaties",
            body: null,
            file,
            sentAt: startedAt,
            sentBy: { name: contact.name, contactId: contact._id },
            createdAt: startedAt,
            updatedAt: startedAt,
          };
        }
        break;
      }
    }

    if (archive) out.archiveItems.push(archive);
    const finished = endedAt ?? startedAt;
    out.contactMoments.push({
      _id: ctx.id(startedAt),
      organisationId: org._id,
      boardId: org.kind === "school" ? (org.boardId ?? null) : null,
      channel,
      direction,
      subject,
      summary,
      agentId: channel === "portal" ? null : agent._id,
      contactName: contact.name,
      contactId: contact._id,
      startedAt,
      endedAt,
      links: archive ? { archiveItemId: archive._id } : {},
      callbackRequested: (channel === "phone" || channel === "chat") && direction === "in" && outcome === CALLBACK_OUTCOME,
      createdAt: finished,
      updatedAt: finished,
    });
  }

  // One overview document from the helpdesk per organisation, so every archive shows a PDF.
  const sentAt = atAmsterdam(workday(addDays(ctx.today, -rng.int(20, 90))), 7, 30);
  const subject = "Overzicht openstaande signaleringen";
  const file = ctx.addFile(sentAt, `overzicht-signaleringen-${org.code.toLowerCase()}.pdf`, "application/pdf", makePdf(
    `${subject} ${org.name}`,
    [`Instellingscode of bestuursnummer: ${org.code}`, `Aantal openstaande signaleringen: ${rng.int(0, 6)}`, "Los signaleringen op in uw leerlingadministratiepakket; na de volgende uitwisseling zijn ze verdwenen."],
  ));
  out.archiveItems.push({
    _id: ctx.id(sentAt),
    organisationId: org._id,
    direction: "from_helpdesk",
    kind: "document",
    subject,
    body: "Maandelijks overzicht van de signaleringen die nog openstaan.",
    file,
    sentAt,
    sentBy: { name: HELPDESK },
    createdAt: sentAt,
    updatedAt: sentAt,
  });
}

/** Contact moments and archive items for every organisation, boards included. */
export function buildHistory(ctx: SeedContext, organisations: Organisation[], agents: Agent[]): History {
  const out: History = { contactMoments: [], archiveItems: [] };
  for (const org of organisations) {
    organisationHistory(ctx, org, agents, org.kind === "school" ? MOMENTS_PER_SCHOOL : MOMENTS_PER_BOARD, out);
  }
  return out;
}
