import { html, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { PRESENCE_STATUSES, type AgentPresence, type PresenceStatus } from "../../../server/src/contracts/realtime.js";
import { define } from "../../shared/define.js";
import { LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { HdPresenceSetEvent } from "../events.js";
import { styles } from "./hd-agent-presence.styles.js";

/**
 * @summary Presence switch: online (takes chats), pauze (keeps the current chats, no new ones), offline; with the
 * agent's load ("2 van 3 gesprekken").
 *
 * @event hd-presence-set - {@link HdPresenceSetEvent}; the handler sets `response`.
 */
export class HdAgentPresence extends LightElement {
  static override styles = styles;
  static override properties = { presence: { attribute: false }, pending: { state: true }, error: { state: true } };

  declare presence: AgentPresence | null;
  /** The status chosen and not yet confirmed by the server (shown as checked meanwhile). */
  declare pending: PresenceStatus | null;
  declare error: string;

  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.presence = null;
    this.pending = null;
    this.error = "";
  }

  private async choose(status: PresenceStatus): Promise<void> {
    const event = new HdPresenceSetEvent(status);
    this.dispatchEvent(event);
    this.pending = status;
    this.error = "";
    try {
      await event.response;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.pending = null;
    }
  }

  protected override render() {
    const current = this.pending ?? this.presence?.status ?? "offline";
    // Until the server has told us the presence (agent.sync after connecting), a choice could not be sent: the
    // switch stays disabled. `live()` resets a radio the person clicked when the server refused the change.
    return html`<fieldset ?disabled=${this.pending !== null || !this.presence}>
      <legend>${t("console.presence.label")}</legend>
      ${PRESENCE_STATUSES.map(
        (status) => html`<label>
          <input type="radio" name="hd-presence" value=${status} .checked=${live(current === status)} @change=${() => void this.choose(status)} />
          ${t(`console.presence.${status}`)}
        </label>`,
      )}
      ${this.presence
        ? html`<span class="hd-agent-presence__load">${t("console.presence.load", { active: this.presence.activeChats, max: this.presence.maxChats })}</span>`
        : nothing}
      ${this.error ? html`<p class="hd-agent-presence__error" role="alert">${this.error}</p>` : nothing}
    </fieldset>`;
  }
}

define("hd-agent-presence", HdAgentPresence);

declare global {
  interface HTMLElementTagNameMap {
    "hd-agent-presence": HdAgentPresence;
  }
}
