import { html, nothing, type PropertyValues } from "lit";
import { AvailabilityController, balieOrigin } from "../../../chat/availability/availability-controller.js";
import {
  CONTACT_CHANNEL_VALUES,
  historyPaths,
  type ContactMomentCounts,
  type ContactMomentPage,
  type ContactMomentView,
} from "../../../../server/src/contracts/api/history.js";
import { define } from "../../../shared/define.js";
import { errorText, LocaleController, t, type MessageKey } from "../../../shared/i18n/index.js";
import { LightElement } from "../../../shared/light-element.js";
import { toApiError, type PortalApi, type PortalApiError } from "../../portal-api.js";
import { formatDayTime, formatTime } from "../format.js";
import { styles } from "./hd-tab-support.styles.js";

/** Which timeline a board looks at: its own, all its schools, or one school. */
type Scope = "own" | "all" | string;

interface Filter {
  channel: string;
  from: string;
  to: string;
  scope: Scope;
}

const EMPTY_FILTER: Filter = { channel: "", from: "", to: "", scope: "own" };

/**
 * @summary Tab "Ondersteuning en contact": every contact moment with the helpdesk (chat, phone, e-mail, letter,
 * portal), newest first, filterable by channel and period and paged with "Meer laden"; for a board also per
 * school (with a count per school) or over all its schools. Beside it the ways to reach the helpdesk: phone and
 * e-mail with whether it is open now, and the chat state, all from the public availability signal.
 *
 * "Meer laden" moves focus to the first newly loaded moment and announces how many were added.
 *
 * Set by the portal shell: `organisation-id`, `organisation-kind` and the `api` client.
 */
export class HdTabSupport extends LightElement {
  static override styles = styles;
  static override properties = {
    api: { attribute: false },
    organisationId: { type: String, attribute: "organisation-id" },
    organisationKind: { type: String, attribute: "organisation-kind" },
    items: { state: true },
    nextCursor: { state: true },
    loading: { state: true },
    error: { state: true },
    filter: { state: true },
    counts: { state: true },
    announcement: { state: true },
    filterError: { state: true },
  };

  declare api: PortalApi | null;
  declare organisationId: string;
  declare organisationKind: "school" | "board";
  declare items: ContactMomentView[] | null;
  declare nextCursor: string | null;
  declare loading: boolean;
  declare error: PortalApiError | null;
  declare filter: Filter;
  declare counts: ContactMomentCounts | null;
  declare announcement: string;
  declare filterError: string;

  protected readonly localeController = new LocaleController(this);
  private readonly availability = new AvailabilityController(this, () => balieOrigin(null));
  private focusIndex: number | null = null;
  private request = 0;

  constructor() {
    super();
    this.api = null;
    this.organisationId = "";
    this.organisationKind = "school";
    this.items = null;
    this.nextCursor = null;
    this.loading = false;
    this.error = null;
    this.filter = { ...EMPTY_FILTER };
    this.counts = null;
    this.announcement = "";
    this.filterError = "";
  }

  /** A chat in this tab ended (or got its summary): show the new moment without a reload. */
  private readonly onTimelineChanged = (): void => {
    if (!this.api || !this.organisationId) return;
    void this.load(false);
    if (this.isBoard) void this.loadCounts();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener("hd-timeline-changed", this.onTimelineChanged);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("hd-timeline-changed", this.onTimelineChanged);
  }

  private get isBoard(): boolean {
    return this.organisationKind === "board";
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("organisationId") || changed.has("api") || changed.has("organisationKind")) && this.api && this.organisationId) {
      void this.load(false);
      if (this.isBoard) void this.loadCounts();
    }
  }

  private query(cursor: string | null): string {
    const f = this.filter;
    const params = new URLSearchParams();
    if (f.channel) params.set("channel", f.channel);
    if (f.from) params.set("from", f.from);
    if (f.to) params.set("to", f.to);
    if (this.isBoard && f.scope !== "own" && f.scope !== "all") params.set("schoolId", f.scope);
    if (cursor) params.set("cursor", cursor);
    const base = this.isBoard && f.scope !== "own" ? historyPaths.boardContactMoments(this.organisationId) : historyPaths.contactMoments(this.organisationId);
    const qs = params.toString();
    return qs ? `${base}?${qs}` : base;
  }

  /** First page (`more` false) or the next page. Older responses are dropped when a newer request started. */
  private async load(more: boolean): Promise<void> {
    if (!this.api) return;
    const id = ++this.request;
    this.loading = true;
    this.error = null;
    try {
      const page = await this.api.get<ContactMomentPage>(this.query(more ? this.nextCursor : null));
      if (id !== this.request) return;
      const before = more ? (this.items ?? []) : [];
      this.items = [...before, ...page.items];
      this.nextCursor = page.nextCursor;
      if (more) {
        this.focusIndex = before.length < this.items.length ? before.length : null;
        this.announcement = t("history.loadedMore", { count: page.items.length });
      }
    } catch (error) {
      if (id === this.request) this.error = toApiError(error);
    } finally {
      if (id === this.request) this.loading = false;
    }
  }

  private async loadCounts(): Promise<void> {
    if (!this.api) return;
    const f = this.filter;
    const params = new URLSearchParams();
    if (f.channel) params.set("channel", f.channel);
    if (f.from) params.set("from", f.from);
    if (f.to) params.set("to", f.to);
    const qs = params.toString();
    try {
      this.counts = await this.api.get<ContactMomentCounts>(`${historyPaths.contactMomentCounts(this.organisationId)}${qs ? `?${qs}` : ""}`);
    } catch {
      this.counts = null;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusIndex !== null) {
      this.querySelector<HTMLElement>(`#hd-support-item-${this.focusIndex}`)?.focus();
      this.focusIndex = null;
    }
  }

  private onFilter(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const next: Filter = {
      channel: String(data.get("channel") ?? ""),
      from: String(data.get("from") ?? ""),
      to: String(data.get("to") ?? ""),
      scope: String(data.get("scope") ?? "own"),
    };
    if (next.from && next.to && next.from > next.to) {
      this.filterError = t("support.filter.periodInvalid");
      return;
    }
    this.filterError = "";
    this.filter = next;
    void this.load(false);
    if (this.isBoard) void this.loadCounts();
  }

  private onReset(): void {
    this.filterError = "";
    this.filter = { ...EMPTY_FILTER, scope: this.filter.scope };
    void this.load(false);
    if (this.isBoard) void this.loadCounts();
  }

  private renderFilters() {
    const f = this.filter;
    const schools = this.counts?.schools ?? [];
    return html`<form @submit=${this.onFilter}>
      <fieldset class="hd-history__filters" aria-describedby=${this.filterError ? "hd-support-filter-error" : nothing}>
        <legend>${t("support.filter.legend")}</legend>
        ${this.isBoard
          ? html`<div class="hd-history__field hd-history__field--wide">
              <label class="utrecht-form-label" for="hd-support-scope">${t("support.filter.scope")}</label>
              <select class="utrecht-select utrecht-select--html-select" id="hd-support-scope" name="scope">
                <option value="own" ?selected=${f.scope === "own"}>${t("support.filter.scopeOwn")}</option>
                <option value="all" ?selected=${f.scope === "all"}>${t("support.filter.scopeAll", { count: this.counts?.total ?? 0 })}</option>
                ${schools.map((s) => html`<option value=${s.organisationId} ?selected=${f.scope === s.organisationId}>${t("support.filter.scopeSchool", { name: s.name, code: s.code, count: s.count })}</option>`)}
              </select>
            </div>`
          : nothing}
        <div class="hd-history__field">
          <label class="utrecht-form-label" for="hd-support-channel">${t("support.filter.channel")}</label>
          <select class="utrecht-select utrecht-select--html-select" id="hd-support-channel" name="channel">
            <option value="" ?selected=${!f.channel}>${t("history.channel.all")}</option>
            ${CONTACT_CHANNEL_VALUES.map((c) => html`<option value=${c} ?selected=${f.channel === c}>${t(`history.channel.${c}` as MessageKey)}</option>`)}
          </select>
        </div>
        <div class="hd-history__field">
          <label class="utrecht-form-label" for="hd-support-from">${t("support.filter.from")}</label>
          <input class="utrecht-textbox utrecht-textbox--html-input" type="date" id="hd-support-from" name="from" .value=${f.from} />
        </div>
        <div class="hd-history__field">
          <label class="utrecht-form-label" for="hd-support-to">${t("support.filter.to")}</label>
          <input class="utrecht-textbox utrecht-textbox--html-input" type="date" id="hd-support-to" name="to" .value=${f.to} />
        </div>
        <div class="hd-history__actions">
          <button type="submit" class="utrecht-button utrecht-button--primary-action">${t("support.filter.apply")}</button>
          <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${this.onReset}>${t("support.filter.reset")}</button>
        </div>
      </fieldset>
      ${this.filterError ? html`<p class="hd-history__error" id="hd-support-filter-error" role="alert">${this.filterError}</p>` : nothing}
    </form>`;
  }

  private schoolName(organisationId: string): string | null {
    if (!this.isBoard || organisationId === this.organisationId) return null;
    const s = this.counts?.schools.find((x) => x.organisationId === organisationId);
    return s ? `${s.name} (${s.code})` : null;
  }

  private renderItem(item: ContactMomentView, index: number) {
    const school = this.schoolName(item.organisationId);
    const when = item.endedAt ? `${formatDayTime(item.startedAt)} ${t("support.item.until", { time: formatTime(item.endedAt) })}` : formatDayTime(item.startedAt);
    return html`<li class="hd-history__item">
      <article aria-labelledby=${`hd-support-item-${index}`}>
        <h3 class="utrecht-heading-3" id=${`hd-support-item-${index}`} tabindex="-1">${item.subject}</h3>
        <p class="hd-history__meta">
          <time datetime=${item.startedAt}>${when}</time> ·
          ${t("support.item.meta", { channel: t(`history.channel.${item.channel}` as MessageKey), direction: t(`history.direction.${item.direction}` as MessageKey) })}
          ${item.callbackRequested ? html`<span class="hd-history__badge">${t("support.item.callback")}</span>` : nothing}
        </p>
        ${school ? html`<p class="hd-history__meta">${t("support.item.school", { name: school })}</p>` : nothing}
        <p class="utrecht-paragraph">${item.summary}</p>
        <p class="hd-history__meta">
          ${item.contactName ? t("support.item.contact", { name: item.contactName }) : nothing}
          ${item.contactName && item.agentName ? " · " : nothing}
          ${item.agentName ? t("support.item.agent", { name: item.agentName }) : nothing}
        </p>
      </article>
    </li>`;
  }

  private renderTimeline() {
    if (this.items === null) {
      return this.error ? this.renderError() : html`<p class="utrecht-paragraph" role="status">${t("history.loading")}</p>`;
    }
    const filtered = Boolean(this.filter.channel || this.filter.from || this.filter.to);
    return html`${this.items.length === 0
        ? html`<p class="utrecht-paragraph">${t(filtered ? "support.emptyFiltered" : "support.empty")}</p>`
        : html`<ol class="hd-history__list">${this.items.map((item, i) => this.renderItem(item, i))}</ol>`}
      ${this.error ? this.renderError() : nothing}
      ${this.nextCursor
        ? html`<div class="hd-history__more">
            <button type="button" class="utrecht-button utrecht-button--secondary-action" ?disabled=${this.loading} aria-disabled=${this.loading ? "true" : "false"}
              @click=${() => void this.load(true)}>${this.loading ? t("history.moreLoading") : t("history.more")}</button>
          </div>`
        : this.items.length > 0 ? html`<p class="hd-history__meta">${t("history.end")}</p>` : nothing}`;
  }

  private renderError() {
    return html`<div class="utrecht-alert utrecht-alert--error"><div class="utrecht-alert__content"><div class="utrecht-alert__message">
      <p class="utrecht-paragraph">${t("history.loadError")} ${this.error ? errorText(this.error) : ""}</p>
      <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${() => void this.load(this.items !== null && this.items.length > 0)}>${t("history.retry")}</button>
    </div></div></div>`;
  }

  private renderContact() {
    // Live: the same shared availability stream as the Chat button, so this changes without a reload.
    const a = this.availability.value;
    if (!a) return nothing;
    const hours = a.open && a.closesAt
      ? t("support.contact.openUntil", { time: formatTime(a.closesAt) })
      : a.nextOpening ? t("support.contact.nextOpening", { when: formatDayTime(a.nextOpening) }) : t("support.contact.closed");
    const chat = a.available ? t("support.contact.chatAvailable") : a.open ? t("support.contact.chatBusy") : t("support.contact.chatClosed");
    // A closure or holiday says why, so a school knows it is not a fault ("Gesloten: Teamdag").
    const why = a.open ? "" : (a.closureReason ?? a.holiday);
    return html`<section class="hd-tile hd-history__section" aria-labelledby="hd-support-contact">
      <h2 class="utrecht-heading-2" id="hd-support-contact">${t("support.contact.heading")}</h2>
      <dl class="hd-history__contact">
        <dt>${t("support.contact.phone")}</dt>
        <dd><a class="utrecht-link" href=${`tel:${a.phone.replace(/[^\d+]/g, "")}`}>${a.phone}</a><br />${hours}
          ${why ? html`<br /><span class="hd-history__closed-why">${t("support.contact.closedBecause", { why })}</span>` : nothing}</dd>
        <dt>${t("support.contact.email")}</dt>
        <dd><a class="utrecht-link" href=${`mailto:${a.email}`}>${a.email}</a></dd>
        <dt>${t("support.contact.chat")}</dt>
        <dd>${chat}</dd>
      </dl>
    </section>`;
  }

  protected override render() {
    if (!this.organisationId) return nothing;
    return html`<h2 class="utrecht-heading-2">${t("support.heading")}</h2>
      <p class="utrecht-paragraph">${t("support.intro")}</p>
      <div class="hd-visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${this.renderContact()}
      <section class="hd-history__section" aria-labelledby="hd-support-timeline">
        <h2 class="utrecht-heading-2" id="hd-support-timeline">${t("support.timeline")}</h2>
        ${this.renderFilters()} ${this.renderTimeline()}
      </section>`;
  }
}

define("hd-tab-support", HdTabSupport);

declare global {
  interface HTMLElementTagNameMap {
    "hd-tab-support": HdTabSupport;
  }
}
