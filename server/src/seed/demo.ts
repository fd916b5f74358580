/**
 * Builds the complete demo data set in memory, deterministically: the same anchor and seed give the same
 * documents, ids, password hashes and file bytes on every run. Writing it to the database is `index.ts`'s job.
 */
import type { Agent } from "../modules/agents/agent.model.js";
import type { ArchiveItem } from "../modules/archive/archive-item.model.js";
import type { ContactMoment } from "../modules/contact-moments/contact-moment.model.js";
import type { Evaluation } from "../modules/evaluations/evaluation.model.js";
import type { GtbReport } from "../modules/gtb/gtb-report.model.js";
import type { NewsItem } from "../modules/news/news-item.model.js";
import type { Organisation } from "../modules/organisations/organisation.model.js";
import { now } from "../infra/clock.js";
import { SeedContext, type DemoFile } from "./context.js";
import { DEMO_SEED } from "./fixtures.js";
import { buildHistory } from "./history.js";
import { buildAgents, buildOrganisations } from "./organisations.js";
import { buildEvaluations, buildGtbReports, buildNews } from "./publications.js";

export { AGENTS as DEMO_AGENTS, BOARDS as DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_SEED } from "./fixtures.js";
export type { DemoFile } from "./context.js";

/** Options for {@link buildDemoData}. */
export interface DemoOptions {
  /** Every date is relative to this moment (the history ends the day before). Default: the clock's `now()`. */
  anchor?: Date;
  /** PRNG seed. Default: {@link DEMO_SEED}. */
  seed?: number;
}

/** Plain documents, ready to insert, plus the files for GridFS. */
export interface DemoData {
  anchor: Date;
  /** Boards first, then schools. */
  organisations: Organisation[];
  agents: Agent[];
  contactMoments: ContactMoment[];
  archiveItems: ArchiveItem[];
  newsItems: NewsItem[];
  evaluations: Evaluation[];
  gtbReports: GtbReport[];
  files: DemoFile[];
}

/** Builds the demo data set. Async only because of argon2 hashing. */
export async function buildDemoData(options: DemoOptions = {}): Promise<DemoData> {
  const anchor = options.anchor ?? now();
  const ctx = new SeedContext(anchor, options.seed ?? DEMO_SEED);
  const { boards, schools } = buildOrganisations(ctx);
  const organisations = [...boards, ...schools];
  const agents = await buildAgents(ctx);
  const { contactMoments, archiveItems } = buildHistory(ctx, organisations, agents);
  return {
    anchor,
    organisations,
    agents,
    contactMoments,
    archiveItems,
    newsItems: buildNews(ctx, organisations, agents),
    evaluations: buildEvaluations(ctx, organisations),
    gtbReports: buildGtbReports(ctx, schools),
    files: ctx.files,
  };
}
