import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import type { ArchivePage, ContactMomentPage } from "../../../server/src/contracts/api/history.js";
import type { ContactList, OrganisationDetails } from "../../../server/src/contracts/api/organisations.js";
import { define } from "../../shared/define.js";
import { LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { formatBlockedUntil } from "../../shared/time-format.js";
import { apiErrorText, type ConsoleApi } from "../console-api.js";
import { HdChatFinishEvent } from "../events.js";
import { styles } from "./hd-agent-context.styles.js";

type Load<T> = { state: "loading" } | { state: "ok"; value: T } | { state: "error"; message: string };

/**
 * @summary The school next to a chat: its details, contact persons with roles, the last contact moments and the
 * newest archive items, each read from the organisation REST API (shows what exists, nothing made up; a part
 * that fails to load says so).
 */
export class HdAgentContext extends LightElement {
  static override styles = styles;
  static override properties = {
    organisationId: { attribute: "organisation-id" },
    api: { attribute: false },
    details: { state: true },
    contacts: { state: true },
    moments: { state: true },
    archive: { state: true },
    summarising: { state: true },
    summaryError: { state: true },
  };

  declare organisationId: string;
  declare api: ConsoleApi | undefined;
  declare details: Load<OrganisationDetails>;
  declare contacts: Load<ContactList>;
  declare moments: Load<ContactMomentPage>;
  declare archive: Load<ArchivePage>;
  /** The chat (conversation id) whose missing summary is being written here. */
  declare summarising: string;
  declare summaryError: string;

  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.organisationId = "";
    this.details = this.contacts = this.moments = this.archive = { state: "loading" };
    this.summarising = this.summaryError = "";
  }

  /** Adds the summary of an ended chat later (the school ended it before the agent wrote one). */
  private async saveSummary(event: SubmitEvent, conversationId: string): Promise<void> {
    event.preventDefault();
    const summary = String(new FormData(event.target as HTMLFormElement).get("summary") ?? "").trim();
    if (!summary) {
      this.summaryError = t("console.chat.summaryRequired");
      return;
    }
    const command = new HdChatFinishEvent(conversationId, summary);
    this.dispatchEvent(command);
    try {
      await command.response;
      this.summarising = this.summaryError = "";
      await this.load();
    } catch (error) {
      this.summaryError = apiErrorText(error, t("console.saveError"));
    }
  }

  private renderPendingSummary(conversationId: string): TemplateResult {
    if (this.summarising !== conversationId) {
      return html`<button type="button" class="utrecht-button utrecht-button--subtle" @click=${() => (this.summarising = conversationId)}>
        ${t("console.context.addSummary")}
      </button>`;
    }
    const id = `hd-context-summary-${conversationId}`;
    return html`<form class="hd-agent-context__summary" @submit=${(e: SubmitEvent) => void this.saveSummary(e, conversationId)}>
      <label class="utrecht-form-label" for=${id}>${t("console.chat.summary")}</label>
      ${this.summaryError ? html`<p class="hd-agent-error" id="${id}-error">${this.summaryError}</p>` : nothing}
      <textarea id=${id} name="summary" class="utrecht-textarea" rows="3" aria-describedby=${this.summaryError ? `${id}-error` : nothing}></textarea>
      <button class="utrecht-button utrecht-button--primary-action">${t("console.chat.summarySave")}</button>
    </form>`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("organisationId") || changed.has("api")) && this.organisationId && this.api) void this.load();
  }

  private async load(): Promise<void> {
    const api = this.api!;
    const base = `/api/v1/organisations/${this.organisationId}`;
    const get = <T>(path: string, set: (v: Load<T>) => void) => {
      set({ state: "loading" });
      api.get<T>(path).then(
        (value) => set({ state: "ok", value }),
        (error) => set({ state: "error", message: apiErrorText(error, t("console.context.loadError")) }),
      );
    };
    get<OrganisationDetails>(base, (v) => (this.details = v));
    get<ContactList>(`${base}/contacts`, (v) => (this.contacts = v));
    get<ContactMomentPage>(`${base}/contact-moments?limit=5`, (v) => (this.moments = v));
    get<ArchivePage>(`${base}/archive?limit=5`, (v) => (this.archive = v));
  }

  private section<T>(heading: string, load: Load<T>, body: (value: T) => TemplateResult): TemplateResult {
    return html`<section>
      <h3 class="utrecht-heading-4">${heading}</h3>
      ${load.state === "loading"
        ? html`<p class="hd-agent-context__muted">${t("console.loading")}</p>`
        : load.state === "error"
          ? html`<p class="hd-agent-error">${load.message}</p>`
          : body(load.value)}
    </section>`;
  }

  private date(iso: string): string {
    return formatBlockedUntil(iso, this.localeController.locale, new Date(0)) ?? iso;
  }

  protected override render() {
    if (!this.organisationId) return nothing;
    return html`
      ${this.section(t("console.context.details"), this.details, (d) => html`<dl>
        <dt>${t("console.context.name")}</dt><dd>${d.name} (${d.code})</dd>
        ${d.visitingAddress ? html`<dt>${t("console.context.address")}</dt><dd>${d.visitingAddress.street} ${d.visitingAddress.houseNumber}, ${d.visitingAddress.postcode} ${d.visitingAddress.city}</dd>` : nothing}
        ${d.phone ? html`<dt>${t("console.context.phone")}</dt><dd>${d.phone}</dd>` : nothing}
        ${d.email ? html`<dt>${t("console.context.email")}</dt><dd>${d.email}</dd>` : nothing}
        ${d.board ? html`<dt>${t("console.context.board")}</dt><dd>${d.board.name} (${d.board.code})</dd>` : nothing}
      </dl>`)}
      ${this.section(t("console.context.contacts"), this.contacts, (list) =>
        list.contacts.length === 0
          ? html`<p class="hd-agent-context__muted">${t("console.context.none")}</p>`
          : html`<ul>${list.contacts.map((c) => html`<li>
              <strong>${c.name}</strong>${c.function ? `, ${c.function}` : ""}
              ${c.roles.length ? html`<span class="hd-agent-context__muted">(${c.roles.map((r) => t(`role.${r}`)).join(", ")})</span>` : nothing}<br />
              <span class="hd-agent-context__muted">${[c.email, c.phone].filter(Boolean).join(" · ")}</span>
            </li>`)}</ul>`,
      )}
      ${this.section(t("console.context.moments"), this.moments, (page) =>
        page.items.length === 0
          ? html`<p class="hd-agent-context__muted">${t("console.context.none")}</p>`
          : html`<ul>${page.items.map((m) => html`<li>
              <span class="hd-agent-context__muted">${this.date(m.startedAt)} · ${t(`console.channel.${m.channel}`)}</span><br />${m.subject}
              ${m.summaryPending && m.conversationId ? html`<br /><span class="hd-agent-context__pending">${t("console.context.summaryPending")}</span>
                  ${this.renderPendingSummary(m.conversationId)}` : nothing}
            </li>`)}</ul>`,
      )}
      ${this.section(t("console.context.archive"), this.archive, (page) =>
        page.items.length === 0
          ? html`<p class="hd-agent-context__muted">${t("console.context.none")}</p>`
          : html`<ul>${page.items.map((a) => html`<li>
              <span class="hd-agent-context__muted">${this.date(a.sentAt)} · ${a.direction === "to_helpdesk" ? t("console.context.toHelpdesk") : t("console.context.fromHelpdesk")}</span><br />${a.subject}
            </li>`)}</ul>`,
      )}
    `;
  }
}

define("hd-agent-context", HdAgentContext);

declare global {
  interface HTMLElementTagNameMap {
    "hd-agent-context": HdAgentContext;
  }
}
