import { html, nothing } from "lit";
import type { OverviewResponse } from "../../../server/src/contracts/api/chat.js";
import { define } from "../../shared/define.js";
import { LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { apiErrorText, type ConsoleApi } from "../console-api.js";
import { formatWait } from "../hd-agent-queue/hd-agent-queue.js";
import { supervisorStyles } from "../supervisor-styles.js";

/**
 * @summary Supervisors: the live overview (every agent's presence and load, queue length, longest wait, running
 * chats; refreshed every 5 s and on every `presence.changed` the console passes as `revision`) with each agent's
 * maximum of concurrent chats editable.
 */
export class HdAgentOverview extends LightElement {
  static override styles = supervisorStyles;
  static override properties = {
    api: { attribute: false },
    revision: { type: Number },
    overview: { state: true },
    message: { state: true },
    error: { state: true },
  };

  declare api: ConsoleApi | undefined;
  /** Bumped by the console on live presence changes: reload. */
  declare revision: number;
  declare overview: OverviewResponse | null;
  declare message: string;
  declare error: string;

  protected readonly localeController = new LocaleController(this);
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.revision = 0;
    this.overview = null;
    this.message = this.error = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => void this.load(), 5_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("revision") || changed.has("api")) void this.load();
  }

  private async load(): Promise<void> {
    if (!this.api) return;
    try {
      this.overview = await this.api.get<OverviewResponse>("/api/v1/chat/overview");
    } catch (error) {
      this.error = apiErrorText(error, t("console.context.loadError"));
    }
  }

  private async setCapacity(event: SubmitEvent, agentId: string): Promise<void> {
    event.preventDefault();
    const value = Number(new FormData(event.target as HTMLFormElement).get("max"));
    this.message = this.error = "";
    try {
      await this.api!.patch(`/api/v1/agents/${agentId}/capacity`, { maxConcurrentChats: value });
      this.message = t("console.saved");
      await this.load();
    } catch (error) {
      this.error = apiErrorText(error, t("console.saveError"));
    }
  }

  protected override render() {
    const o = this.overview;
    return html`<h2 class="utrecht-heading-2">${t("console.overview.heading")}</h2>
      ${this.error ? html`<p role="alert" class="hd-agent-error">${this.error}</p>` : nothing}
      ${!o
        ? html`<p class="utrecht-paragraph">${t("console.loading")}</p>`
        : html`<p class="utrecht-paragraph">
              ${t("console.overview.summary", { queue: o.queueLength, wait: formatWait(o.longestWaitMs), active: o.activeConversations })}
            </p>
            <table>
              <thead><tr>
                <th scope="col">${t("console.overview.agent")}</th><th scope="col">${t("console.overview.status")}</th>
                <th scope="col">${t("console.overview.load")}</th><th scope="col">${t("console.overview.capacity")}</th>
              </tr></thead>
              <tbody>${o.agents.map((a) => html`<tr>
                <td>${a.name}</td><td>${t(`console.presence.${a.status}`)}</td><td>${a.activeChats} / ${a.maxChats}</td>
                <td><form @submit=${(e: SubmitEvent) => void this.setCapacity(e, a.agentId)}>
                  <label class="hd-sr-only" for="hd-cap-${a.agentId}">${t("console.overview.capacityLabel", { name: a.name })}</label>
                  <input id="hd-cap-${a.agentId}" name="max" type="number" min="1" max="20" class="utrecht-textbox" .value=${String(a.maxChats)} />
                  <button class="utrecht-button utrecht-button--secondary-action" aria-label=${t("console.overview.capacitySave", { name: a.name })}>${t("console.save")}</button>
                </form></td>
              </tr>`)}</tbody>
            </table>`}
      <p role="status" class="hd-ok">${this.message}</p>`;
  }
}

define("hd-agent-overview", HdAgentOverview);

declare global {
  interface HTMLElementTagNameMap {
    "hd-agent-overview": HdAgentOverview;
  }
}
