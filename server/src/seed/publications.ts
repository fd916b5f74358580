/**
 * Demo news, evaluations and GTB counts.
 */
import type { Agent } from "../modules/agents/agent.model.js";
import type { Evaluation } from "../modules/evaluations/evaluation.model.js";
import type { GtbReport } from "../modules/gtb/gtb-report.model.js";
import type { NewsAudience, NewsItem } from "../modules/news/news-item.model.js";
import type { Organisation } from "../modules/organisations/organisation.model.js";
import type { SeedContext } from "./context.js";
import { makePdf } from "./files.js";
import { addDays, atAmsterdam, dateOnly } from "./time.js";

/** "Bijgewerkt tot" of every GTB overview, as in the source document. */
export const GTB_UPDATED_UNTIL = dateOnly(2021, 12, 8);
/** Organisations with evaluations (the others show the empty state), and how many each. */
export const EVALUATED = { "12AB": 2, "21MR": 1, "24TD": 1, "41234": 1 } as Record<string, number>;

/** Six news items: three for everyone (one withdrawn), one per sector, one for two named schools. */
export function buildNews(ctx: SeedContext, organisations: Organisation[], agents: Agent[]): NewsItem[] {
  const author = agents.find((a) => a.role === "supervisor")!;
  const byCode = (code: string) => organisations.find((o) => o.code === code)!._id;
  const items: { daysAgo: number; withdrawnAfter?: number; title: string; body: string; audience: NewsAudience }[] = [
    {
      daysAgo: 190,
      title: "Chatten met de helpdesk",
      body: "Op werkdagen tussen 09.00 en 16.00 uur kunt u chatten met een medewerker van de helpdesk. De knop Chat staat rechtsonder op de pagina zodra er een medewerker beschikbaar is.",
      audience: { type: "all" },
    },
    {
      daysAgo: 120,
      title: "Inloggen alleen nog met eHerkenning",
      body: "Binnenkort kunt u alleen nog met eHerkenning (niveau EH3 of hoger) inloggen. Koppel uw eHerkenning tijdig aan uw account; de koppelpagina verschijnt bij de eerste keer inloggen.\n\nHeeft u geen gebruikersnaam en wachtwoord? Vraag dan een activatiecode aan bij de helpdesk.",
      audience: { type: "all" },
    },
    {
      daysAgo: 45,
      title: "Teldatum 1 oktober: controleer uw inschrijvingen",
      body: "De teldatum nadert. Controleer of alle leerlingen juist zijn ingeschreven en los openstaande signaleringen op, zodat de telling klopt.",
      audience: { type: "sector", sector: "po" },
    },
    {
      daysAgo: 60,
      title: "Toelaatbaarheidsverklaringen in ROD",
      body: "Voor scholen voor speciaal onderwijs verandert de registratie van toelaatbaarheidsverklaringen. Uw leverancier informeert u over de aanpassing in het pakket.",
      audience: { type: "sector", sector: "so" },
    },
    {
      daysAgo: 30,
      title: "Pilot nieuwe terugkoppelbestanden",
      body: "Uw school doet mee aan de pilot met de nieuwe terugkoppelbestanden. Wij horen graag uw ervaringen via de chat of per e-mail.",
      audience: { type: "organisations", organisationIds: [byCode("12AB"), byCode("21MR")] },
    },
    {
      daysAgo: 12,
      withdrawnAfter: 2,
      title: "Gepland onderhoud zaterdag",
      body: "Zaterdag is MijnHelpdeskPO van 08.00 tot 12.00 uur niet beschikbaar wegens onderhoud.",
      audience: { type: "all" },
    },
  ];
  return items.map((item) => {
    const publishedAt = atAmsterdam(addDays(ctx.today, -item.daysAgo), 9);
    const withdrawnAt =
      item.withdrawnAfter === undefined ? null : atAmsterdam(addDays(ctx.today, item.withdrawnAfter - item.daysAgo), 11);
    return {
      _id: ctx.id(publishedAt),
      title: item.title,
      body: item.body,
      audience: item.audience,
      publishedAt,
      withdrawnAt,
      authorAgentId: author._id,
      createdAt: publishedAt,
      updatedAt: withdrawnAt ?? publishedAt,
    };
  });
}

/** Evaluations for the organisations in {@link EVALUATED}: one per finished school year, newest first. */
export function buildEvaluations(ctx: SeedContext, organisations: Organisation[]): Evaluation[] {
  const { today } = ctx;
  // The last school year (1 Aug – 31 Jul) whose report was published by 1 October.
  const lastYearEnd = today.month >= 10 ? today.year : today.year - 1;
  const out: Evaluation[] = [];
  for (const org of organisations) {
    const count = EVALUATED[org.code] ?? 0;
    for (let i = 0; i < count; i++) {
      const end = lastYearEnd - i;
      const schoolYear = `${end - 1}-${end}`;
      const publishedAt = atAmsterdam({ year: end, month: 9, day: ctx.rng.int(10, 28) }, 10);
      const title = `Evaluatie gegevensuitwisseling schooljaar ${schoolYear}`;
      const summary = ctx.rng.pick([
        "De uitwisseling met ROD verliep goed. Signaleringen werden gemiddeld binnen twee weken opgelost.",
        "Het aantal afgekeurde inschrijvingen is gedaald. Aandachtspunt: uitschrijvingen tijdig verwerken.",
        "De gegevens waren op de teldatum volledig. Twee dubbele inschrijvingen zijn in overleg opgelost.",
      ]);
      const file = ctx.addFile(
        publishedAt,
        `evaluatie-${org.code.toLowerCase()}-${schoolYear}.pdf`,
        "application/pdf",
        makePdf(title, [`${org.name} (${org.code})`, `Periode: 1 augustus ${end - 1} tot en met 31 juli ${end}`, summary]),
      );
      out.push({
        _id: ctx.id(publishedAt),
        organisationId: org._id,
        title,
        periodStart: dateOnly(end - 1, 8, 1),
        periodEnd: dateOnly(end, 7, 31),
        publishedAt,
        summary,
        file,
        createdAt: publishedAt,
        updatedAt: publishedAt,
      });
    }
  }
  return out;
}

/** A GTB overview per school with 3-4 peildata (1 October 2018-2021), bijgewerkt tot 8 December 2021. */
export function buildGtbReports(ctx: SeedContext, schools: Organisation[]): GtbReport[] {
  return schools.map((school) => {
    const firstYear = ctx.rng.chance(0.5) ? 2018 : 2019;
    let pupils = ctx.rng.int(90, 420);
    const counts = [];
    for (let year = firstYear; year <= 2021; year++) {
      pupils = Math.max(40, pupils + ctx.rng.int(-18, 22));
      counts.push({
        referenceDate: dateOnly(year, 10, 1),
        pupils,
        // Weighted pupil counts were reported until the 2019 peildatum, when the CBS indicator replaced them.
        weightedPupils: year <= 2019 ? Math.round(pupils * (1 + ctx.rng.int(2, 25) / 100)) : null,
      });
    }
    const created = new Date(GTB_UPDATED_UNTIL.getTime() + 8 * 3_600_000);
    return {
      _id: ctx.id(created),
      organisationId: school._id,
      updatedUntil: GTB_UPDATED_UNTIL,
      counts,
      createdAt: created,
      updatedAt: created,
    };
  });
}
