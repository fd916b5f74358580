/**
 * The opening-hours block for a school's own contact page: `<script type="module" src="https://<balie>/widgets/chat-status.js">`
 * and `<hd-chat-status>` where it should appear (live "chat open" state, phone, e-mail, next opening). Its own
 * entry, so the Chat button's loader (`chat.js`) stays small for the many pages that only need the button.
 */
import "./hd-chat-status/hd-chat-status.js";
