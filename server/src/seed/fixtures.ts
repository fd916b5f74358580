/**
 * Fixed ingredients of the demo data: the organisations, the agents, Dutch names and the topics people contact
 * the helpdesk about. All names are invented; e-mail addresses use {@link DEMO_MAIL_DOMAIN} subdomains.
 */
import type { Sector } from "../modules/organisations/organisation.model.js";

/** Parent domain of every demo e-mail address and website. Change it here only. */
export const DEMO_MAIL_DOMAIN = "example.nl";
/** Password of every demo agent (README tells newcomers). */
export const DEMO_PASSWORD = "balie-demo";
/** Seed of the demo PRNG. Changing it changes every generated value. */
export const DEMO_SEED = 20_220_401;

export interface CityFixture {
  name: string;
  /** Area code for landlines, e.g. `0344`. */
  areaCode: string;
  /** Four-digit postcode range of the town. */
  postcodes: [number, number];
  /** Neighbourhoods, for extra vestigingen. */
  districts: string[];
}

export const CITIES = {
  tiel: { name: "Tiel", areaCode: "0344", postcodes: [4001, 4007], districts: ["Passewaaij", "Westroijen", "Kellen"] },
  culemborg: { name: "Culemborg", areaCode: "0345", postcodes: [4101, 4106], districts: ["Parijsch", "Terweijde", "Oosterschans"] },
  geldermalsen: { name: "Geldermalsen", areaCode: "0345", postcodes: [4191, 4191], districts: ["Meteren", "Tricht", "Buurmalsen"] },
  amersfoort: { name: "Amersfoort", areaCode: "033", postcodes: [3811, 3829], districts: ["Vathorst", "Nieuwland", "Kattenbroek"] },
  leusden: { name: "Leusden", areaCode: "033", postcodes: [3831, 3834], districts: ["Leusden-Zuid", "Achterveld", "Tabaksteeg"] },
  soest: { name: "Soest", areaCode: "035", postcodes: [3761, 3768], districts: ["Soesterberg", "Soest-Zuid", "Overhees"] },
} satisfies Record<string, CityFixture>;

export interface OrganisationFixture {
  code: string;
  name: string;
  city: CityFixture;
  sector: Sector;
  /** Subdomain (under {@link DEMO_MAIL_DOMAIN}) for e-mail and website. */
  domain: string;
  /** Whether a board registers a gemachtigde (optional for boards). */
  boardHasAuthorised?: boolean;
}

/** The two boards, each with three schools. Codes are fixed so docs and tests can name them. */
export const BOARDS: { board: OrganisationFixture; schools: OrganisationFixture[] }[] = [
  {
    board: { code: "41234", name: "Stichting Openbaar Onderwijs Rivierenland", city: CITIES.tiel, sector: "po", domain: "openbaaronderwijs-rivierenland", boardHasAuthorised: true },
    schools: [
      { code: "12AB", name: "OBS De Regenboog", city: CITIES.tiel, sector: "po", domain: "obsderegenboog-tiel" },
      { code: "13KX", name: "OBS De Notenboom", city: CITIES.culemborg, sector: "po", domain: "obsdenotenboom" },
      { code: "16QF", name: "OBS Het Palet", city: CITIES.geldermalsen, sector: "po", domain: "obshetpalet" },
    ],
  },
  {
    board: { code: "52817", name: "Stichting Christelijk en Katholiek Primair Onderwijs Eemland", city: CITIES.amersfoort, sector: "po", domain: "ckpo-eemland", boardHasAuthorised: false },
    schools: [
      { code: "21MR", name: "CBS Het Kompas", city: CITIES.amersfoort, sector: "po", domain: "cbshetkompas" },
      { code: "24TD", name: "RKBS De Wegwijzer", city: CITIES.leusden, sector: "po", domain: "rkbsdewegwijzer" },
      { code: "27VN", name: "SO De Zevensprong", city: CITIES.soest, sector: "so", domain: "sodezevensprong" },
    ],
  },
];

/** Helpdesk staff. Usernames are the demo logins. */
export const AGENTS = [
  { username: "lotte", displayName: "Lotte van Dijk", role: "agent" },
  { username: "bram", displayName: "Bram Hendriks", role: "agent" },
  { username: "fatima", displayName: "Fatima El Amrani", role: "agent" },
  { username: "marieke", displayName: "Marieke de Boer", role: "supervisor" },
] as const;

export const FIRST_NAMES = [
  "Anouk", "Bram", "Daan", "Eva", "Fleur", "Jeroen", "Lotte", "Mohamed", "Noor", "Pieter", "Sanne", "Sven",
  "Yara", "Thijs", "Ingrid", "Esther", "Wouter", "Kim", "Hatice", "Ruben", "Linda", "Koen", "Ilse", "Joost",
] as const;

export const LAST_NAMES = [
  "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Groot", "Bos", "Vos",
  "Peters", "van Leeuwen", "Yilmaz", "Kok", "Dekker", "Brouwer", "van Wijk", "Verhoeven", "Koster", "Prins",
] as const;

export const STREETS = [
  "Kerkstraat", "Schoolstraat", "Molenweg", "Lindelaan", "Julianastraat", "Beatrixlaan", "Dorpsstraat",
  "Eikenlaan", "Populierenstraat", "Meidoornlaan", "Vondelstraat", "Prinses Irenestraat", "Burgemeester Hogguerstraat",
  "Sportlaan", "Zonnebloemstraat", "Esdoornlaan",
] as const;

export const SCHOOL_FUNCTIONS = [
  "Directeur", "Adjunct-directeur", "Intern begeleider", "Administratief medewerker", "Locatieleider",
  "ICT-coördinator", "Leerkracht groep 8",
] as const;

export const BOARD_FUNCTIONS = [
  "Bestuurder", "Controller", "Beleidsmedewerker onderwijs", "Medewerker informatiemanagement",
  "Functioneel beheerder", "Bestuurssecretaris",
] as const;

/**
 * Something people contact the helpdesk about. `note` is the agent's summary (third person), `ask` the
 * question as the school writes it, `reply` the helpdesk's answer by e-mail.
 */
export interface Topic {
  subject: string;
  /** Also a question a board asks (the others are about pupils, so only schools ask them). */
  board?: boolean;
  note: string;
  ask: string;
  reply: string;
}

export const TOPICS: Topic[] = [
  {
    subject: "Vraag over uitwisseling ROD",
    board: true,
    note: "Contactpersoon vraagt hoe vaak het leerlingadministratiepakket gegevens met ROD uitwisselt.",
    ask: "Hoe vaak wisselt ons administratiepakket gegevens uit met ROD, en kunnen wij zien wanneer dat voor het laatst is gebeurd?",
    reply: "De uitwisseling loopt dagelijks. In uw leerlingadministratiepakket ziet u per bericht de datum van verzending en het terugkoppelbestand van DUO.",
  },
  {
    subject: "Foutmelding bij inschrijving leerling",
    note: "Bij het inschrijven van een nieuwe leerling verschijnt een foutmelding over het onderwijsnummer.",
    ask: "Bij het inschrijven van een nieuwe leerling krijgen wij een foutmelding over het onderwijsnummer. Wat moeten wij doen?",
    reply: "De foutmelding ontstaat als het onderwijsnummer nog niet bekend is. Controleer het BSN bij de ouders en verstuur de inschrijving opnieuw.",
  },
  {
    subject: "Wijziging gemachtigde",
    board: true,
    note: "Contactpersoon meldt dat de gemachtigde met pensioen gaat en vraagt hoe een nieuwe gemachtigde wordt aangewezen.",
    ask: "Onze gemachtigde gaat binnenkort met pensioen. Hoe wijzen wij een nieuwe gemachtigde aan?",
    reply: "U kunt in MijnHelpdeskPO onder Mijn gegevens eerst de rol Gemachtigde aan de nieuwe contactpersoon geven en daarna de oude contactpersoon verwijderen.",
  },
  {
    subject: "Leerling niet zichtbaar in ROD",
    note: "Een leerling die na de zomervakantie is ingestroomd is niet zichtbaar in het overzicht.",
    ask: "Een leerling die na de zomervakantie bij ons is gestart, staat niet in het overzicht. Kunt u kijken wat er mis is?",
    reply: "De inschrijving is door ROD afgekeurd omdat de begindatum vóór de uitschrijfdatum bij de vorige school lag. Past u de begindatum aan, dan wordt de leerling zichtbaar.",
  },
  {
    subject: "Terugkoppelbestand niet ontvangen",
    note: "School heeft sinds enkele dagen geen terugkoppelbestand ontvangen.",
    ask: "Wij hebben sinds een paar dagen geen terugkoppelbestand meer ontvangen. Ligt dat aan ons?",
    reply: "Er was een vertraging bij de verwerking. De terugkoppelbestanden zijn inmiddels alsnog verstuurd.",
  },
  {
    subject: "Uitschrijving leerling na verhuizing",
    note: "Vraag hoe een leerling wordt uitgeschreven die naar het buitenland is verhuisd.",
    ask: "Een leerling is met het gezin naar het buitenland verhuisd. Hoe schrijven wij de leerling goed uit?",
    reply: "Schrijf de leerling uit met reden 'vertrek naar het buitenland' en de datum van vertrek. Een nieuwe school hoeft niet te worden opgegeven.",
  },
  {
    subject: "Inloggen met eHerkenning lukt niet",
    board: true,
    note: "Contactpersoon kan niet inloggen met eHerkenning; het betrouwbaarheidsniveau bleek EH2.",
    ask: "Ik probeer in te loggen met eHerkenning maar krijg een melding over het betrouwbaarheidsniveau.",
    reply: "Voor MijnHelpdeskPO is eHerkenning niveau EH3 of hoger nodig. U kunt het niveau verhogen bij uw eHerkenningsleverancier.",
  },
  {
    subject: "Activatiecode verlopen",
    board: true,
    note: "De activatiecode voor het koppelen van eHerkenning was verlopen; nieuwe code aangemaakt.",
    ask: "De activatiecode die wij hebben gekregen werkt niet meer. Kunnen wij een nieuwe krijgen?",
    reply: "Een activatiecode is 24 uur geldig. Wij hebben een nieuwe code naar de gemachtigde van uw school gestuurd.",
  },
  {
    subject: "Vraag over GTB-overzicht",
    board: true,
    note: "Vraag waarom het GTB-overzicht niet meer wordt bijgewerkt.",
    ask: "Het GTB-overzicht lijkt niet meer actueel. Waar vinden wij de nieuwste aantallen?",
    reply: "Het GTB-overzicht is bijgewerkt tot 8 december 2021. De actuele informatie komt beschikbaar op Mijn DUO.",
  },
  {
    subject: "Signaleringen oplossen",
    note: "School vraagt uitleg over openstaande signaleringen bij twee leerlingen.",
    ask: "Er staan signaleringen open bij twee leerlingen. Wat betekenen deze en hoe lossen wij ze op?",
    reply: "De signaleringen gaan over een ontbrekend adres. Na aanvulling in uw pakket en een nieuwe uitwisseling verdwijnen ze.",
  },
  {
    subject: "Vraag over teldatum 1 oktober",
    note: "Vraag welke leerlingen meetellen op de teldatum van 1 oktober.",
    ask: "Tellen leerlingen die op 1 oktober tijdelijk elders onderwijs volgen mee in onze telling?",
    reply: "Leerlingen tellen mee als zij op 1 oktober bij uw school staan ingeschreven, ook als zij tijdelijk elders onderwijs volgen.",
  },
  {
    subject: "Dubbele inschrijving leerling",
    note: "Een leerling staat bij twee scholen ingeschreven; de vorige school is gevraagd de uitschrijving te verwerken.",
    ask: "Een nieuwe leerling staat volgens de melding nog bij een andere school ingeschreven. Hoe lossen wij dit op?",
    reply: "De vorige school moet de uitschrijving nog verwerken. Wij hebben contact met die school opgenomen.",
  },
  {
    subject: "Wachtwoord vergeten",
    board: true,
    note: "Contactpersoon is het wachtwoord vergeten; uitgelegd dat de herstelmail naar de gemachtigde gaat.",
    ask: "Ik ben mijn wachtwoord voor MijnHelpdeskPO vergeten. Kunt u het herstellen?",
    reply: "De herstelmail gaat naar de gemachtigde van uw organisatie. Vraag de gemachtigde u de link door te sturen.",
  },
  {
    subject: "Wijziging adresgegevens school",
    note: "School is verhuisd en vraagt hoe het nieuwe bezoekadres wordt doorgegeven.",
    ask: "Onze school is verhuisd. Waar geven wij het nieuwe bezoekadres door?",
    reply: "U wijzigt het bezoekadres zelf onder Mijn gegevens. Voor de registratie in RIO geeft uw bestuur de wijziging door.",
  },
  {
    subject: "Nieuwe vestiging doorgeven",
    board: true,
    note: "Vraag hoe een nieuwe nevenvestiging wordt geregistreerd.",
    ask: "Wij openen na de zomer een nieuwe locatie. Hoe registreren wij deze vestiging?",
    reply: "Een nieuwe vestiging wordt door het bestuur in RIO geregistreerd. Daarna verschijnt zij met een eigen vestigingscode in MijnHelpdeskPO.",
  },
  {
    subject: "Vraag over RIO-registratie",
    board: true,
    note: "Bestuur vraagt naar de stand van zaken rond de invoering van RIO.",
    ask: "Wanneer moeten wij onze onderwijsaanbieders en -locaties in RIO geregistreerd hebben?",
    reply: "De planning staat bij Nieuws en mededelingen. Contactpersonen met de rol RIO krijgen bericht zodra er iets verandert.",
  },
];

/** Outcomes appended to an agent's note. */
export const OUTCOMES = [
  "Opgelost tijdens het gesprek.",
  "Uitleg gegeven; school handelt het verder zelf af.",
  "Doorgezet naar de tweede lijn; school wordt teruggebeld.",
  "Verwezen naar de leverancier van het leerlingadministratiepakket.",
  "Afgehandeld; bevestiging per e-mail gestuurd.",
] as const;

/** Letters the helpdesk sends (archived as PDF). */
export const LETTERS = [
  { subject: "Bevestiging wijziging gemachtigde", text: "Hierbij bevestigen wij dat de rol van gemachtigde voor uw school is gewijzigd. Belangrijke e-mails en aangetekende brieven sturen wij voortaan aan de nieuwe gemachtigde." },
  { subject: "Herinnering: signaleringen in ROD oplossen", text: "Bij uw school staan signaleringen open die langer dan zes weken niet zijn opgelost. Wij vragen u deze op korte termijn op te lossen, zodat de telling juist is." },
  { subject: "Inloggen met eHerkenning wordt verplicht", text: "Binnenkort kunt u alleen nog met eHerkenning inloggen. Vraag tijdig eHerkenning aan met betrouwbaarheidsniveau EH3 of hoger en koppel het aan uw account." },
  { subject: "Bevestiging registratie vestiging", text: "Wij hebben de registratie van uw vestiging verwerkt. De vestiging is vanaf nu zichtbaar in MijnHelpdeskPO onder Vestigingen." },
] as const;

/** Messages organisations send through the portal. */
export const PORTAL_MESSAGES = [
  { subject: "Contactgegevens gewijzigd via het portaal", note: "Telefoonnummer en website zijn via het portaal gewijzigd." },
  { subject: "Nieuwe contactpersoon toegevoegd", note: "Via het portaal is een nieuwe contactpersoon toegevoegd met de rol Overige contactpersoon." },
  { subject: "Document naar de helpdesk gestuurd", note: "Via het portaal is een toelichting op leerlingmutaties gestuurd." },
] as const;
