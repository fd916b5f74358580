/**
 * Dutch catalogue: the source of truth for every key. `en.ts` must provide exactly these keys (enforced by
 * `Catalogue` in `./index.ts`). Wording follows DUO's MijnHelpdeskPO pages (shared/seeds 002).
 *
 * Placeholders are written `{name}` and filled by `t(key, { name })`.
 */
export const nl = {
  // Page layout
  "layout.wordmark": "Balie",
  "layout.tagline": "Helpdesk voor scholen en besturen",
  "layout.skipToContent": "Naar de inhoud",
  "layout.homeLink": "Balie, naar de startpagina",
  "layout.footerText": "Balie is een oefenomgeving met fictieve gegevens.",
  "layout.footerLabel": "Voettekst",

  // Language switch
  "language.label": "Taal",
  "language.nl": "Nederlands",
  "language.en": "English",

  // Generic
  "common.continue": "Doorgaan",
  "common.confirm": "Bevestigen",
  "common.back": "Terug",
  "common.backToLogin": "Terug naar inloggen",
  "common.busy": "Bezig…",
  "common.required": "(verplicht)",
  "common.errorSummaryTitle": "Er is iets niet gelukt",

  // Login page
  "login.title": "Inloggen",
  "login.eherkenningHeading": "eHerkenning",
  "login.intro": "U kunt inloggen met een eHerkenning niveau 3 inlogmiddel.",
  "login.button": "Inloggen met eHerkenning",
  "login.levelBadge": "eH3",
  "login.staffHeading": "Medewerkers van de helpdesk",
  "login.staffLink": "Inloggen als medewerker",
  "login.loggedOut": "U bent uitgelogd.",
  "login.fout.assurance_too_low":
    "Uw eHerkenning-inlogmiddel heeft een te laag betrouwbaarheidsniveau. Voor deze helpdesk hebt u minimaal niveau 3 (EH3) nodig.",
  "login.fout.eherkenning_cancelled": "Het inloggen met eHerkenning is afgebroken. Probeer het opnieuw.",
  "login.fout.session_expired": "Uw sessie is verlopen. Log opnieuw in.",
  "login.fout.link_expired":
    "Uw koppeling met eHerkenning is verlopen omdat u 18 maanden niet hebt ingelogd. Log in en koppel uw account opnieuw.",
  "login.fout.eherkenning_failed": "Het inloggen is niet gelukt. Probeer het opnieuw.",

  // Link page
  "link.title": "eHerkenning koppelen aan account",
  "link.titleAdd": "Account toevoegen",
  "link.intro":
    "Dit is de eerste keer dat u inlogt met eHerkenning. Om toegang te krijgen moet u eenmalig inloggen met gebruikersnaam en wachtwoord van Balie of uw activatiecode invoeren. Bij \"E-mail\" vult u uw persoonlijke e-mailadres in. Naar dit adres wordt een pincode gestuurd die u nodig hebt om het koppelproces te voltooien.",
  "link.introAdd":
    "Voeg een school of bestuur toe aan uw eHerkenning. Log eenmalig in met de gebruikersnaam en het wachtwoord van dat account, of voer de activatiecode in.",
  "link.email": "E-mail",
  "link.emailHint": "Gebruik uw eigen persoonlijke e-mailadres en geen algemeen e-mailadres.",
  "link.sharedWarning":
    "Dit lijkt een algemeen e-mailadres ({address}). Gebruik bij voorkeur uw eigen persoonlijke e-mailadres, want de pincode en berichten zijn voor u persoonlijk.",
  "link.sharedConfirmTitle": "Weet u zeker dat u dit algemene e-mailadres wilt gebruiken?",
  "link.sharedConfirmText":
    "{address} wordt door meer mensen gelezen. Iedereen met toegang tot deze mailbox kan de pincode zien.",
  "link.sharedConfirmCheckbox": "Ja, ik wil dit e-mailadres toch gebruiken",
  "link.username": "Gebruikersnaam",
  "link.password": "Wachtwoord",
  "link.passwordForgotten": "Wachtwoord vergeten?",
  "link.noCredentials": "Geen gebruikersnaam en wachtwoord?",
  "link.useActivationCode": "Gebruik dan uw activatiecode.",
  "link.activationCode": "Activatiecode",
  "link.activationCodeHint": "Nieuwe scholen en besturen hebben een activatiecode ontvangen. De code is 24 uur geldig.",
  "link.noActivationCode": "Geen activatiecode ontvangen of kwijt? Neem dan contact op met de helpdesk via {email}.",
  "link.useCredentials": "Ik heb wel een gebruikersnaam en wachtwoord.",
  "link.submit": "Doorgaan",

  // PIN page
  "pin.title": "Koppeling eHerkenning bevestigen",
  "pin.intro":
    "Er is een e-mail verstuurd naar het door u opgegeven adres. Dit bericht bevat een pincode waarmee de koppeling tussen uw eHerkenningmiddel en uw account kan worden voltooid.",
  "pin.introTo":
    "Er is een e-mail verstuurd naar {email}. Dit bericht bevat een pincode waarmee de koppeling tussen uw eHerkenningmiddel en uw account kan worden voltooid.",
  "pin.label": "Pincode",
  "pin.hint": "De pincode bestaat uit 6 cijfers en is 15 minuten geldig.",
  "pin.submit": "Bevestigen",
  "pin.restart": "Geen e-mail ontvangen? Begin opnieuw met koppelen.",

  // Blocked / expired states
  "blocked.title": "Account tijdelijk geblokkeerd",
  "blocked.text": "Er is te vaak een verkeerde code of een verkeerd wachtwoord ingevoerd. Uw account is geblokkeerd tot {time}.",
  "blocked.textNoTime": "Er is te vaak een verkeerde code of een verkeerd wachtwoord ingevoerd. Uw account is 15 minuten geblokkeerd.",
  "blocked.after": "Daarna kunt u het opnieuw proberen.",
  "expired.title": "Activatiecode verlopen",
  "expired.text": "Uw activatiecode is niet meer geldig. Een activatiecode is 24 uur geldig en kan één keer worden gebruikt.",
  "expired.helpdesk": "Vraag een nieuwe activatiecode aan bij de helpdesk via {email}.",

  // Password forgotten
  "forgotten.title": "Wachtwoord vergeten",
  "forgotten.intro":
    "Vul uw gebruikersnaam in. U krijgt een e-mail om uw wachtwoord te herstellen. Deze e-mail gaat naar het e-mailadres van de gemachtigde van de school.",
  "forgotten.username": "Gebruikersnaam",
  "forgotten.submit": "Verstuur e-mail",
  "forgotten.doneTitle": "E-mail verstuurd",
  "forgotten.done":
    "Als deze gebruikersnaam bij ons bekend is, is er een e-mail verstuurd naar het e-mailadres van de gemachtigde van de school. De gemachtigde kan u verder helpen.",
  "forgotten.backToLink": "Terug naar koppelen",

  // Account chooser
  "accounts.title": "Account kiezen",
  "accounts.intro": "Uw eHerkenning is gekoppeld aan meer dan één account. Kies voor welke school of welk bestuur u wilt werken.",
  "accounts.listLabel": "Gekoppelde accounts",
  "accounts.school": "School",
  "accounts.board": "Bestuur",
  "accounts.code": "code {code}",
  "accounts.current": "(huidig)",
  "accounts.choose": "Werken voor {name}",
  "accounts.add": "Account toevoegen",
  "accounts.addHint": "Staat u als contactpersoon geregistreerd bij nog een school of bestuur? Voeg die toe aan uw inlog.",
  "accounts.empty": "Er zijn nog geen accounts gekoppeld.",
  "accounts.loading": "Accounts worden geladen…",
  "accounts.logout": "Uitloggen",

  // Agent login
  "agent.title": "Inloggen voor medewerkers",
  "agent.intro": "Deze pagina is voor medewerkers van de helpdesk. Scholen en besturen loggen in met eHerkenning.",
  "agent.username": "Gebruikersnaam",
  "agent.password": "Wachtwoord",
  "agent.submit": "Inloggen",
  "agent.schoolLink": "Inloggen voor scholen en besturen",

  // Not found
  "notFound.title": "Pagina niet gevonden",
  "notFound.text": "Deze pagina bestaat niet.",

  // Field error codes (server `fields[name].code`, or client-side checks)
  "field.required": "Vul dit veld in.",
  "field.invalid_email": "Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl.",
  "field.invalid_pin": "Vul de pincode van 6 cijfers in.",
  "field.invalid_format": "Dit veld heeft niet de goede vorm.",
  "field.too_small": "Dit is te kort.",
  "field.password_too_short": "Het wachtwoord moet minstens 12 tekens lang zijn.",
  "field.too_big": "Dit is te lang.",
  "field.invalid_type": "Dit veld heeft niet de goede vorm.",
  "field.invalid_value": "Deze waarde is niet toegestaan.",
  "field.shared_email_address": "Bevestig dat u dit algemene e-mailadres wilt gebruiken.",
  "field.generic": "Controleer dit veld.",

  // Error ids (server `error.id`)
  "error.validation_failed": "Niet alle gegevens zijn goed ingevuld.",
  "error.malformed_json": "Het verzoek kon niet worden gelezen.",
  "error.unauthenticated": "U bent niet ingelogd of uw sessie is verlopen.",
  "error.forbidden": "U hebt geen toegang tot dit onderdeel.",
  "error.csrf_failed": "Uw sessie is verlopen. Laad de pagina opnieuw en probeer het nog eens.",
  "error.not_found": "Dit onderdeel bestaat niet (meer).",
  "error.conflict": "Dit bestaat al of is intussen door iemand anders gewijzigd.",
  "error.rate_limited": "Te veel pogingen. Wacht even en probeer het dan opnieuw.",
  "error.internal_error": "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
  "error.service_unavailable": "De helpdesk is tijdelijk niet bereikbaar. Probeer het later opnieuw.",
  "error.network": "Er is geen verbinding met de server. Controleer uw internetverbinding en probeer het opnieuw.",
  "error.invalid_credentials": "De gebruikersnaam of het wachtwoord is niet juist.",
  "error.account_blocked": "Uw account is tijdelijk geblokkeerd.",
  "error.account_already_linked": "Dit account is al gekoppeld aan eHerkenning. Log in met eHerkenning.",
  "error.invalid_activation_code": "De activatiecode is niet juist.",
  "error.activation_code_expired": "De activatiecode is verlopen.",
  "error.invalid_pin": "De pincode is niet juist.",
  "error.pin_expired": "De pincode is verlopen. Begin opnieuw met koppelen; u krijgt dan een nieuwe pincode.",
  "error.shared_email_address": "Dit is een algemeen e-mailadres. Bevestig dat u het toch wilt gebruiken, of vul uw persoonlijke e-mailadres in.",
  "error.assurance_too_low": "Uw eHerkenning-inlogmiddel heeft een te laag betrouwbaarheidsniveau (minimaal EH3).",
  "error.no_pending_link": "Log eerst in met eHerkenning om uw account te koppelen.",
  "error.activation_code_used": "Deze activatiecode is al gebruikt. Vraag een nieuwe aan bij de helpdesk.",
  "error.password_login_disabled":
    "Dit account is al gekoppeld aan eHerkenning. Met gebruikersnaam en wachtwoord kunt u niet meer koppelen; gebruik een activatiecode.",
  "error.already_linked": "Uw eHerkenningsmiddel is al aan dit account gekoppeld.",
  "error.mail_failed": "De e-mail met de pincode kon niet worden verstuurd. Probeer het later opnieuw.",
  "error.no_pending_pin": "Er is geen pincode aangevraagd. Vul eerst het koppelformulier in.",
  "error.account_not_linked": "Dit account is niet aan uw eHerkenningsmiddel gekoppeld.",
  "error.eherkenning_failed": "Het inloggen met eHerkenning is niet gelukt. Probeer het opnieuw.",
  "error.eherkenning_cancelled": "Het inloggen met eHerkenning is afgebroken.",
  "field.invalid_activation_code": "Vul de activatiecode in zoals u die hebt ontvangen, bijvoorbeeld K7QM-2XPA-9DHT-4RWC.",
  "field.too_long": "Dit is te lang.",
  "error.unknown": "Er ging iets mis. Probeer het opnieuw.",
} as const;
