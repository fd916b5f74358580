/**
 * Test data factories. `build*` return plain objects with valid defaults (override any field); `create*`
 * insert them through the mongoose models (mongoose must be connected) and return the hydrated documents.
 *
 * Codes are unique per process (counter-based, offset per Vitest worker) and never collide with the demo
 * seed's codes: schools get instellingscodes with a `Z` as third character (`00ZA`), boards bestuursnummers
 * from 90000 up.
 */
import { hashSync } from "@node-rs/argon2";
import { Types } from "mongoose";
import { AgentModel, type Agent } from "../../server/src/modules/agents/agent.model.js";
import { ContactMomentModel, type ContactMoment } from "../../server/src/modules/contact-moments/contact-moment.model.js";
import { OrganisationModel, type Contact, type Organisation } from "../../server/src/modules/organisations/organisation.model.js";
import { WeeklyScheduleModel } from "../../server/src/modules/opening-hours/opening-hours.model.js";
import { WEEKDAYS } from "../../server/src/contracts/api/availability.js";

/** Password of every agent built without `password`. */
export const FACTORY_PASSWORD = "balie-test";

/** A document as a factory builds it: mongoose sets the timestamps on insert. */
export type Built<T> = Omit<T, "createdAt" | "updatedAt"> & { createdAt?: Date; updatedAt?: Date };

const workerOffset = Number(process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? 0) * 2_000;
let counter = 0;
const next = (): number => workerOffset + counter++;

/** `00ZA`, `01ZA`, … `99ZA`, `00ZB`, … (third letter runs Z → A over the worker offsets). */
function nextSchoolCode(): string {
  const n = next();
  const block = Math.floor(n / 100);
  const first = String.fromCharCode(90 - (Math.floor(block / 26) % 26));
  const second = String.fromCharCode(65 + (block % 26));
  return `${String(n % 100).padStart(2, "0")}${first}${second}`;
}

/** A contact person; role `other` unless overridden. */
export function buildContact(overrides: Partial<Contact> = {}): Contact {
  const n = next();
  return {
    _id: new Types.ObjectId(),
    name: `Contactpersoon ${n}`,
    function: "Administratief medewerker",
    email: `contact${n}@school.example.nl`,
    phone: "030 123 4567",
    roles: ["other"],
    ...overrides,
  };
}

const address = (city = "Utrecht") => ({ street: "Schoolstraat", houseNumber: "1", postcode: "3511 AB", city });

/** A school with one gemachtigde and one other contact, one vestiging, no board. */
export function buildSchool(overrides: Partial<Organisation> = {}): Built<Organisation> {
  const code = overrides.code ?? nextSchoolCode();
  return {
    _id: new Types.ObjectId(),
    kind: "school",
    code,
    name: `Basisschool ${code}`,
    boardId: null,
    sector: "po",
    kvkNumber: "12345678",
    visitingAddress: address(),
    postalAddress: address(),
    phone: "030 123 4567",
    email: `info@${code.toLowerCase()}.example.nl`,
    website: `https://www.${code.toLowerCase()}.example.nl`,
    branches: [{ code: `${code}00`, name: `Basisschool ${code}`, address: address() }],
    contacts: [buildContact({ roles: ["authorised"], function: "Directeur" }), buildContact()],
    version: 0,
    ...overrides,
  };
}

/** A board with a gemachtigde and a contact for Doorontwikkelen BRON. */
export function buildBoard(overrides: Partial<Organisation> = {}): Built<Organisation> {
  const code = overrides.code ?? String(90_000 + (next() % 10_000));
  return {
    _id: new Types.ObjectId(),
    kind: "board",
    code,
    name: `Stichting Primair Onderwijs ${code}`,
    boardId: null,
    sector: "po",
    kvkNumber: "87654321",
    visitingAddress: address(),
    postalAddress: address(),
    phone: "030 765 4321",
    email: `bestuur${code}@bestuur.example.nl`,
    website: null,
    branches: [],
    contacts: [
      buildContact({ roles: ["authorised"], function: "Bestuurder" }),
      buildContact({ roles: ["bron_development"], function: "Functioneel beheerder" }),
    ],
    version: 0,
    ...overrides,
  };
}

let defaultHash: string | undefined;
function passwordHash(password: string | undefined): string {
  if (password === undefined) return (defaultHash ??= hashSync(FACTORY_PASSWORD));
  return hashSync(password);
}

/** An agent (role `agent`) with password {@link FACTORY_PASSWORD}, or `password` when given. */
export function buildAgent(overrides: Partial<Agent> & { password?: string } = {}): Built<Agent> {
  const { password, ...rest } = overrides;
  const n = next();
  return {
    _id: new Types.ObjectId(),
    username: `agent${n}`,
    displayName: `Medewerker ${n}`,
    email: `agent${n}@helpdesk.example.nl`,
    passwordHash: passwordHash(password),
    role: "agent",
    maxConcurrentChats: 3,
    disabledAt: null,
    ...rest,
  };
}

/** A phone call that came in an hour ago and took ten minutes. Pass `organisationId` (and `boardId`). */
export function buildContactMoment(overrides: Partial<ContactMoment> = {}): Built<ContactMoment> {
  const startedAt = overrides.startedAt ?? new Date(Date.UTC(2025, 2, 14, 9, 0));
  return {
    _id: new Types.ObjectId(),
    organisationId: new Types.ObjectId(),
    boardId: null,
    channel: "phone",
    direction: "in",
    subject: "Vraag over uitwisseling ROD",
    summary: "Uitleg gegeven over de dagelijkse uitwisseling.",
    agentId: null,
    contactName: "Contactpersoon",
    contactId: null,
    startedAt,
    endedAt: new Date(startedAt.getTime() + 10 * 60_000),
    links: {},
    callbackRequested: false,
    ...overrides,
  };
}

/** Inserts a school (see {@link buildSchool}). */
export function createSchool(overrides: Partial<Organisation> = {}) {
  return OrganisationModel.create(buildSchool(overrides));
}

/** Inserts a board (see {@link buildBoard}). */
export function createBoard(overrides: Partial<Organisation> = {}) {
  return OrganisationModel.create(buildBoard(overrides));
}

/** Inserts a board and `count` schools under it. */
export async function createBoardWithSchools(count = 2, overrides: Partial<Organisation> = {}) {
  const board = await createBoard(overrides);
  const schools = [];
  for (let i = 0; i < count; i++) schools.push(await createSchool({ boardId: board._id, kvkNumber: board.kvkNumber ?? null }));
  return { board, schools };
}

/** Inserts an agent (see {@link buildAgent}). */
export function createAgent(overrides: Partial<Agent> & { password?: string } = {}) {
  return AgentModel.create(buildAgent(overrides));
}

/** Inserts a contact moment (see {@link buildContactMoment}). */
export function createContactMoment(overrides: Partial<ContactMoment> = {}) {
  return ContactMomentModel.create(buildContactMoment(overrides));
}

/**
 * Stores a weekly schedule open around the clock, for tests of servers in other processes (whose clock the test
 * cannot move): the chat is then open whenever they run. The opening-hours suite tests the real schedule.
 */
export function createOpenAroundTheClock() {
  return WeeklyScheduleModel.create({
    _id: "weekly",
    timeZone: "Europe/Amsterdam",
    days: Object.fromEntries(WEEKDAYS.map((d) => [d, [{ from: "00:00", to: "24:00" }]])),
    phone: "050 123 4567",
    email: "helpdesk@balie.example",
    updatedBy: "test",
    updatedAt: new Date(),
  });
}
