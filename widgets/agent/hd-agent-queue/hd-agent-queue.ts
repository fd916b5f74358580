import { html, nothing } from "lit";
import type { QueueEntry } from "../../../server/src/contracts/realtime.js";
import { define } from "../../shared/define.js";
import { LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { HdQueuePickEvent } from "../events.js";
import { styles } from "./hd-agent-queue.styles.js";

/** "m:ss" (or "h:mm:ss"). */
export function formatWait(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return hh ? `${hh}:${String(mm).padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}

/**
 * @summary The queue, oldest first, with waiting times that tick every second, and "Oppakken" per chat.
 *
 * @event hd-queue-pick - {@link HdQueuePickEvent}; the handler sets `response`.
 */
export class HdAgentQueue extends LightElement {
  static override styles = styles;
  static override properties = {
    entries: { attribute: false },
    receivedAt: { attribute: false },
    pickBlocked: { type: String, attribute: "pick-blocked" },
    error: { state: true },
  };

  declare entries: QueueEntry[];
  /** `Date.now()` when `entries` (with their `waitingMs`) arrived. */
  declare receivedAt: number;
  /** Why this agent cannot take a chat now: not Online, or at the maximum; empty when they can. */
  declare pickBlocked: "" | "offline" | "full";
  declare error: string;

  protected readonly localeController = new LocaleController(this);
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.entries = [];
    this.receivedAt = Date.now();
    this.pickBlocked = "offline";
    this.error = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => this.requestUpdate(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  /** Focuses the first "Oppakken" button, else the heading (Alt+Q). */
  focusQueue(): void {
    (this.querySelector<HTMLElement>(".hd-agent-queue__item button") ?? this.querySelector<HTMLElement>("h2"))?.focus();
  }

  private async pick(entry: QueueEntry): Promise<void> {
    const event = new HdQueuePickEvent(entry.conversationId);
    this.dispatchEvent(event);
    this.error = "";
    try {
      await event.response;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  protected override render() {
    const elapsed = Date.now() - this.receivedAt;
    return html`<h2 class="utrecht-heading-2" tabindex="-1" id="hd-agent-queue-heading">${t("console.queue.heading", { count: this.entries.length })}</h2>
      ${this.error ? html`<p class="utrecht-paragraph hd-agent-error" role="alert">${this.error}</p>` : nothing}
      ${this.pickBlocked && this.entries.length > 0
        ? html`<p class="utrecht-paragraph hd-agent-queue__blocked" id="hd-agent-queue-blocked">${t(`console.queue.blocked.${this.pickBlocked}`)}</p>`
        : nothing}
      ${this.entries.length === 0
        ? html`<p class="utrecht-paragraph">${t("console.queue.empty")}</p>`
        : html`<ol class="hd-agent-queue__list" aria-labelledby="hd-agent-queue-heading">
            ${this.entries.map((e) => {
              const wait = e.waitingMs + elapsed;
              return html`<li class="hd-agent-queue__item ${wait > 120_000 ? "hd-agent-queue__item--long" : ""}">
                <p><strong>${e.organisation.name}</strong> (${e.organisation.code})</p>
                <p>${e.contactName}</p>
                <p class="hd-agent-queue__wait">${t("console.queue.waiting", { time: formatWait(wait) })}</p>
                <button type="button" class="utrecht-button utrecht-button--secondary-action" ?disabled=${this.pickBlocked !== ""}
                  aria-describedby=${this.pickBlocked ? "hd-agent-queue-blocked" : nothing}
                  aria-label=${t("console.queue.pickLabel", { name: e.organisation.name })} @click=${() => void this.pick(e)}>
                  ${t("console.queue.pick")}
                </button>
              </li>`;
            })}
          </ol>`}`;
  }
}

define("hd-agent-queue", HdAgentQueue);

declare global {
  interface HTMLElementTagNameMap {
    "hd-agent-queue": HdAgentQueue;
  }
}
