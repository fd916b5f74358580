/**
 * Demo organisations (2 boards × 3 schools) with addresses, vestigingen and contact persons, and the helpdesk
 * agents. Every school gets at least one gemachtigde; a board gets one or none, as its fixture says.
 */
import { hash } from "@node-rs/argon2";
import type { Agent } from "../modules/agents/agent.model.js";
import type { ContactRole } from "../contracts/api/organisations.js";
import type { Address, Branch, Contact, Organisation } from "../modules/organisations/organisation.model.js";
import { slug, type SeedContext } from "./context.js";
import {
  AGENTS,
  BOARD_FUNCTIONS,
  BOARDS,
  DEMO_MAIL_DOMAIN,
  DEMO_PASSWORD,
  FIRST_NAMES,
  LAST_NAMES,
  SCHOOL_FUNCTIONS,
  STREETS,
  type CityFixture,
  type OrganisationFixture,
} from "./fixtures.js";
import { addDays, atAmsterdam } from "./time.js";

const POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ";

function postcode(ctx: SeedContext, city: CityFixture): string {
  const { rng } = ctx;
  let letters: string;
  do letters = rng.pick([...POSTCODE_LETTERS]) + rng.pick([...POSTCODE_LETTERS]);
  while (letters === "SA" || letters === "SD" || letters === "SS");
  return `${rng.int(city.postcodes[0], city.postcodes[1])} ${letters}`;
}

function address(ctx: SeedContext, city: CityFixture): Address {
  const n = ctx.rng.int(1, 140);
  const houseNumber = ctx.rng.chance(0.15) ? `${n}${ctx.rng.pick(["a", "b"])}` : String(n);
  return { street: ctx.rng.pick(STREETS), houseNumber, postcode: postcode(ctx, city), city: city.name };
}

/** `030 123 4567` for a 3-digit area code, `0344 612 345` for a 4-digit one. */
function landline(ctx: SeedContext, city: CityFixture): string {
  const rest = String(ctx.rng.int(2, 8)) + ctx.rng.digits(9 - city.areaCode.length);
  return `${city.areaCode} ${rest.slice(0, 3)} ${rest.slice(3)}`;
}

function mobile(ctx: SeedContext): string {
  const d = String(ctx.rng.int(1, 9)) + ctx.rng.digits(7);
  return `06 ${d.slice(0, 4)} ${d.slice(4)}`;
}

function contacts(ctx: SeedContext, fixture: OrganisationFixture, kind: "school" | "board", phone: string): Contact[] {
  const { rng } = ctx;
  const count = rng.int(2, 5);
  const firsts = rng.sample(FIRST_NAMES, count);
  const lasts = rng.sample(LAST_NAMES, count);
  const functions = rng.sample(kind === "school" ? SCHOOL_FUNCTIONS : BOARD_FUNCTIONS, count);
  const authorisedCount = kind === "school" ? (rng.chance(0.3) ? 2 : 1) : fixture.boardHasAuthorised ? 1 : 0;
  const created = atAmsterdam(addDays(ctx.today, -720), 9);
  return firsts.map((first, i) => {
    const last = lasts[i]!;
    let roles: ContactRole[];
    if (i < authorisedCount) roles = ["authorised"];
    else if (kind === "school") roles = ["other"];
    else roles = rng.sample(["bron_development", "rio"] as const, rng.int(0, 2)).sort();
    return {
      _id: ctx.id(created),
      name: `${first} ${last}`,
      function: functions[i]!,
      email: `${slug(first, "")}.${slug(last, "")}@${fixture.domain}.${DEMO_MAIL_DOMAIN}`,
      phone: rng.chance(0.5) ? phone : mobile(ctx),
      roles,
    };
  });
}

function branches(ctx: SeedContext, fixture: OrganisationFixture, visiting: Address): Branch[] {
  const extra = ctx.rng.sample(fixture.city.districts, ctx.rng.int(0, 2));
  return [
    { code: `${fixture.code}00`, name: fixture.name, address: visiting },
    ...extra.map((district, i) => ({
      code: `${fixture.code}${String(i + 1).padStart(2, "0")}`,
      name: `${fixture.name}, locatie ${district}`,
      address: address(ctx, fixture.city),
    })),
  ];
}

function organisation(
  ctx: SeedContext,
  fixture: OrganisationFixture,
  kind: "school" | "board",
  board?: Organisation,
): Organisation {
  const created = atAmsterdam(addDays(ctx.today, -730), 9);
  const visiting = address(ctx, fixture.city);
  const postal: Address = ctx.rng.chance(0.5)
    ? { street: "Postbus", houseNumber: String(ctx.rng.int(10, 9999)), postcode: postcode(ctx, fixture.city), city: fixture.city.name }
    : visiting;
  const phone = landline(ctx, fixture.city);
  return {
    _id: ctx.id(created),
    kind,
    code: fixture.code,
    name: fixture.name,
    boardId: board?._id ?? null,
    sector: fixture.sector,
    // A school is not a legal entity: eHerkenning reports its board's KvK number.
    kvkNumber: board?.kvkNumber ?? String(ctx.rng.int(1, 9)) + ctx.rng.digits(7),
    visitingAddress: visiting,
    postalAddress: postal,
    phone,
    email: `${kind === "school" ? "info" : "bestuursbureau"}@${fixture.domain}.${DEMO_MAIL_DOMAIN}`,
    website: `https://www.${fixture.domain}.${DEMO_MAIL_DOMAIN}`,
    branches: kind === "school" ? branches(ctx, fixture, visiting) : [],
    contacts: contacts(ctx, fixture, kind, phone),
    version: 0,
    createdAt: created,
    updatedAt: created,
  };
}

/** Boards first, then their schools, in fixture order. */
export function buildOrganisations(ctx: SeedContext): { boards: Organisation[]; schools: Organisation[] } {
  const boards: Organisation[] = [];
  const schools: Organisation[] = [];
  for (const group of BOARDS) {
    const board = organisation(ctx, group.board, "board");
    boards.push(board);
    for (const school of group.schools) schools.push(organisation(ctx, school, "school", board));
  }
  return { boards, schools };
}

/** Three agents and a supervisor, all with password {@link DEMO_PASSWORD}. */
export async function buildAgents(ctx: SeedContext): Promise<Agent[]> {
  const created = atAmsterdam(addDays(ctx.today, -700), 9);
  const agents: Agent[] = [];
  for (const fixture of AGENTS) {
    // A salt from the PRNG keeps the seed reproducible; real accounts get a random salt from argon2 itself.
    const passwordHash = await hash(DEMO_PASSWORD, { salt: ctx.rng.bytes(16) });
    agents.push({
      _id: ctx.id(created),
      username: fixture.username,
      displayName: fixture.displayName,
      email: `${fixture.username}@helpdesk.${DEMO_MAIL_DOMAIN}`,
      passwordHash,
      role: fixture.role,
      maxConcurrentChats: fixture.role === "supervisor" ? 2 : 3,
      disabledAt: null,
      createdAt: created,
      updatedAt: created,
    });
  }
  return agents;
}
