/**
 * Chat's fragment of the error catalogue, spread into `errorCatalogue` in `./errors.ts`. Used in Socket.IO acks
 * (`{ ok: false, error: { id, message } }`) and by the chat REST routes. This module is a contract: no
 * server-only imports.
 */
import type { ErrorDefinition } from "./errors.js";

export const chatErrorCatalogue = {
  message_too_long: {
    status: 400,
    nl: "Uw bericht is te lang. Een bericht mag maximaal 2000 tekens hebben.",
    en: "Your message is too long. A message can have at most 2,000 characters.",
  },
  conversation_not_found: {
    status: 404,
    nl: "Dit chatgesprek bestaat niet (meer).",
    en: "This chat conversation does not exist (anymore).",
  },
  not_your_conversation: {
    status: 403,
    nl: "U neemt niet deel aan dit chatgesprek.",
    en: "You are not taking part in this chat conversation.",
  },
  conversation_ended: {
    status: 409,
    nl: "Dit chatgesprek is beëindigd.",
    en: "This chat conversation has ended.",
  },
  conversation_not_ended: {
    status: 409,
    nl: "U kunt het gesprek beoordelen nadat het is beëindigd.",
    en: "You can rate the conversation once it has ended.",
  },
  already_rated: {
    status: 409,
    nl: "U hebt dit gesprek al beoordeeld. Bedankt!",
    en: "You have already rated this conversation. Thank you!",
  },
  not_in_queue: {
    status: 409,
    nl: "Dit gesprek staat niet (meer) in de wachtrij.",
    en: "This conversation is no longer waiting in the queue.",
  },
  agent_at_capacity: {
    status: 409,
    nl: "Deze medewerker is niet beschikbaar of heeft het maximale aantal gesprekken.",
    en: "This agent is not available or already has the maximum number of chats.",
  },
  chat_closed: {
    status: 409,
    nl: "De chat is nu gesloten. U kunt ons bellen of mailen, of een bericht achterlaten.",
    en: "The chat is closed now. You can call or e-mail us, or leave a message.",
  },
  invalid_chat_token: {
    status: 401,
    nl: "De chat kon niet worden geopend. Laad de pagina opnieuw.",
    en: "The chat could not be opened. Reload the page.",
  },
  canned_answer_not_found: {
    status: 404,
    nl: "Dit standaardantwoord bestaat niet (meer).",
    en: "This canned answer does not exist (anymore).",
  },
  agent_not_found: {
    status: 404,
    nl: "Deze medewerker bestaat niet (meer).",
    en: "This agent does not exist (anymore).",
  },
} as const satisfies Record<string, ErrorDefinition>;
