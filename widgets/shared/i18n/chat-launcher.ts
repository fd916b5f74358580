/**
 * Texts of the chat launcher (`<hd-chat>`'s button) and `<hd-chat-status>`: a separate module so the embeddable
 * loader bundles only these, not the whole catalogue (it must stay ≤ 10 KB gzip). Spread into `nl.ts`/`en.ts`,
 * so `t()` knows them too and a missing English text is a compile error there.
 */
const nl = {
  "chat.launcher": "Chat",
  "chat.launcherLabel": "Chat met de helpdesk",
  "chat.launcherUnread": "{count} nieuw(e) bericht(en)",
  "chat.status.heading": "Chat",
  "chat.status.checking": "Even kijken of de chat open is…",
  "chat.status.available": "De chat is open. Klik rechtsonder op de knop Chat om een gesprek te beginnen.",
  "chat.status.unavailable": "De chat is nu niet beschikbaar.",
  "chat.status.busy": "Alle medewerkers zijn op dit moment in gesprek.",
  "chat.status.closed": "De chat is nu gesloten.",
  "chat.status.nextOpening": "De chat is weer open op {when}.",
  "chat.status.other": "U kunt ons ook bellen of mailen:",
  "chat.status.phone": "Telefoon",
  "chat.status.email": "E-mail",
} as const;

const en: { readonly [K in keyof typeof nl]: string } = {
  "chat.launcher": "Chat",
  "chat.launcherLabel": "Chat with the helpdesk",
  "chat.launcherUnread": "{count} new message(s)",
  "chat.status.heading": "Chat",
  "chat.status.checking": "Checking whether the chat is open…",
  "chat.status.available": "The chat is open. Click the Chat button at the bottom right to start a conversation.",
  "chat.status.unavailable": "The chat is not available right now.",
  "chat.status.busy": "All our staff are in a conversation at the moment.",
  "chat.status.closed": "The chat is closed now.",
  "chat.status.nextOpening": "The chat opens again on {when}.",
  "chat.status.other": "You can also call or e-mail us:",
  "chat.status.phone": "Phone",
  "chat.status.email": "E-mail",
};

export const chatLauncherMessages = { nl, en } as const;
