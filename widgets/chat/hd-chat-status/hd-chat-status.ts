import { html, LitElement, nothing } from "lit";
import { define } from "../../shared/define.js";
import type { displayTimeZone } from "../../shared/time-format.js";
import { AvailabilityController, balieOrigin } from "../availability/availability-controller.js";
import { ChatLocaleController, chatLocale, tc } from "../i18n.js";
import { baseStyles } from "../shared-styles.js";
import { styles } from "./hd-chat-status.styles.js";

/** Balie's display zone, typed against the shared constant without bundling time-format into the loader. */
const zone: typeof displayTimeZone = "Europe/Amsterdam";

/**
 * @summary Whether the chat is open right now, live: "open, use the Chat button" while available, otherwise why
 * not, the next opening time, and the helpdesk's phone number and e-mail address. For the "Ondersteuning en
 * contact" tab and any page next to `<hd-chat>`; shares its availability stream.
 *
 * @cssproperty --utrecht-link-color - Link colour.
 */
export class HdChatStatus extends LitElement {
  static override styles = [baseStyles, styles];
  static override properties = { server: { type: String } };

  /** Balie's origin; default: where this script came from. */
  declare server: string | null;

  protected readonly localeController = new ChatLocaleController(this);
  private readonly availability = new AvailabilityController(this, () => balieOrigin(this.server));

  constructor() {
    super();
    this.server = null;
  }

  private when(iso: string): string {
    return new Intl.DateTimeFormat(chatLocale() === "en" ? "en-GB" : "nl-NL", {
      timeZone: zone,
      weekday: "long",
      day: "numeric",
      month: "long",
      hour: "2-digit",
      minute: "2-digit",
    }).format(new Date(iso));
  }

  protected override render() {
    const a = this.availability.value;
    if (!a) return html`<p role="status">${tc("chat.status.checking")}</p>`;
    if (a.available) return html`<p class="state" role="status">${tc("chat.status.available")}</p>`;
    return html`<p class="state" role="status">
        ${a.open ? tc("chat.status.busy") : a.holiday || a.closureReason ? `${tc("chat.status.closed")} (${a.holiday ?? a.closureReason})` : tc("chat.status.closed")}
      </p>
      ${a.nextOpening ? html`<p>${tc("chat.status.nextOpening", { when: this.when(a.nextOpening) })}</p>` : nothing}
      <p>${tc("chat.status.other")}</p>
      <dl>
        <dt>${tc("chat.status.phone")}</dt>
        <dd><a href="tel:${a.phone.replace(/[^\d+]/g, "")}">${a.phone}</a></dd>
        <dt>${tc("chat.status.email")}</dt>
        <dd><a href="mailto:${a.email}">${a.email}</a></dd>
      </dl>`;
  }
}

define("hd-chat-status", HdChatStatus);

declare global {
  interface HTMLElementTagNameMap {
    "hd-chat-status": HdChatStatus;
  }
}
