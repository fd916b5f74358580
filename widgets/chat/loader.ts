/**
 * The embeddable chat: `<script type="module" src="https://<balie>/widgets/chat.js"></script>` on any page, or
 * one import in the portal's entry. Defines `<hd-chat>` and puts one `<hd-chat>` at the end of `<body>` unless the
 * page already has one (with its `token` attribute, on sites outside the portal). `<hd-chat-status>` (opening hours,
 * phone, e-mail) has its own entry, `widgets/chat-status.js` (`status.ts`).
 *
 * Safe to load twice: element registration is idempotent and a page never gets a second `<hd-chat>`. Small: only
 * Lit, the launcher and the availability stream are in here; the window and socket.io-client come in a lazy chunk
 * when a chat is opened or resumed.
 */
import "./hd-chat/hd-chat.js";

function mount(): void {
  if (!document.querySelector("hd-chat")) document.body.append(document.createElement("hd-chat"));
}

if (typeof document !== "undefined") {
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
}
