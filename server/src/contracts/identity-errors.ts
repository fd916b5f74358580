/**
 * Identity's fragment of the error catalogue, spread into `errorCatalogue` in `./errors.ts`. Throw these with
 * `new AppError(id, { details })`; `details` carries facts the page needs, e.g. `account_blocked` →
 * `{ blockedUntil }`. This module is a contract: no server-only imports.
 */
import type { ErrorDefinition } from "./errors.js";

export const identityErrorCatalogue = {
  no_pending_link: {
    status: 409,
    nl: "Log eerst in met eHerkenning om uw account te koppelen.",
    en: "Log in with eHerkenning first to link your account.",
  },
  invalid_credentials: {
    status: 401,
    nl: "De gebruikersnaam of het wachtwoord is niet juist.",
    en: "The username or password is incorrect.",
  },
  invalid_activation_code: {
    status: 401,
    nl: "De activatiecode is niet juist.",
    en: "The activation code is incorrect.",
  },
  activation_code_expired: {
    status: 410,
    nl: "De activatiecode is verlopen (een activatiecode is 24 uur geldig). Vraag een nieuwe aan bij de helpdesk.",
    en: "The activation code has expired (it is valid for 24 hours). Ask the helpdesk for a new one.",
  },
  activation_code_used: {
    status: 410,
    nl: "Deze activatiecode is al gebruikt. Vraag een nieuwe aan bij de helpdesk.",
    en: "This activation code has already been used. Ask the helpdesk for a new one.",
  },
  password_login_disabled: {
    status: 409,
    nl: "Dit account is al gekoppeld aan eHerkenning. Met gebruikersnaam en wachtwoord kunt u niet meer koppelen; gebruik een activatiecode.",
    en: "This account is already linked to eHerkenning. You can no longer link with username and password; use an activation code.",
  },
  already_linked: {
    status: 409,
    nl: "Uw eHerkenningsmiddel is al aan dit account gekoppeld.",
    en: "Your eHerkenning means is already linked to this account.",
  },
  shared_email_address: {
    status: 422,
    nl: "Dit lijkt een algemeen e-mailadres. Gebruik uw eigen, persoonlijke e-mailadres.",
    en: "This looks like a shared e-mail address. Please use your own, personal address.",
  },
  account_blocked: {
    status: 423,
    nl: "Na 5 onjuiste pogingen is uw account 15 minuten geblokkeerd.",
    en: "After 5 incorrect attempts your account is blocked for 15 minutes.",
  },
  mail_failed: {
    status: 502,
    nl: "De e-mail met de pincode kon niet worden verstuurd. Probeer het later opnieuw.",
    en: "The e-mail with the PIN could not be sent. Please try again later.",
  },
  no_pending_pin: {
    status: 409,
    nl: "Er is geen pincode aangevraagd. Vul eerst het koppelformulier in.",
    en: "No PIN was requested. Fill in the link form first.",
  },
  invalid_pin: {
    status: 401,
    nl: "De pincode is niet juist.",
    en: "The PIN is incorrect.",
  },
  pin_expired: {
    status: 410,
    nl: "De pincode is verlopen of al gebruikt (een pincode is 15 minuten geldig). Vraag een nieuwe pincode aan.",
    en: "The PIN has expired or was already used (a PIN is valid for 15 minutes). Request a new PIN.",
  },
  invalid_reset_token: {
    status: 400,
    nl: "Deze herstellink is niet geldig. Controleer of u de hele link uit de e-mail hebt gebruikt, of vraag een nieuwe aan.",
    en: "This reset link is not valid. Check that you used the whole link from the e-mail, or request a new one.",
  },
  reset_link_expired: {
    status: 410,
    nl: "Deze herstellink is verlopen (een link is 1 uur geldig). Vraag via \"Wachtwoord vergeten\" een nieuwe aan.",
    en: "This reset link has expired (a link is valid for 1 hour). Request a new one via \"Forgot password\".",
  },
  reset_link_used: {
    status: 410,
    nl: "Deze herstellink is al gebruikt: het wachtwoord is al opnieuw ingesteld. Vraag een nieuwe link aan als dat nodig is.",
    en: "This reset link was already used: the password has already been reset. Request a new link if needed.",
  },
  account_not_linked: {
    status: 403,
    nl: "Dit account is niet aan uw eHerkenningsmiddel gekoppeld.",
    en: "This account is not linked to your eHerkenning means.",
  },
  link_not_found: {
    status: 404,
    nl: "Deze koppeling bestaat niet (meer).",
    en: "This link does not exist (anymore).",
  },
} as const satisfies Record<string, ErrorDefinition>;

export type IdentityErrorId = keyof typeof identityErrorCatalogue;
