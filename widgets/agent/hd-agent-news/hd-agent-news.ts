import { html, nothing, type TemplateResult } from "lit";
import type { NewsAudienceInput, NewsItem, NewsList } from "../../../server/src/contracts/api/news.js";
import { define } from "../../shared/define.js";
import { fieldErrorText, LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { apiErrorText, type ConsoleApi } from "../console-api.js";
import { supervisorStyles } from "../supervisor-styles.js";
import { styles } from "./hd-agent-news.styles.js";

/** The audience choices in the form. */
type AudienceChoice = "all" | "school" | "board" | "organisation";

/** What the form holds (strings as typed). */
interface Draft {
  title: string;
  body: string;
  audience: AudienceChoice;
  code: string;
  /** `datetime-local` value in the browser's zone; empty = now. */
  publishAt: string;
}

const EMPTY: Draft = { title: "", body: "", audience: "all", code: "", publishAt: "" };

/** `datetime-local` value for an ISO moment, in the browser's zone. */
function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function draftOf(item: NewsItem): Draft {
  const a = item.audience;
  const audience: AudienceChoice = a.type === "kind" ? (a.kind ?? "school") : a.type === "organisations" ? "organisation" : "all";
  return { title: item.title, body: item.body, audience, code: a.organisations.map((o) => o.code).join(", "), publishAt: toLocalInput(item.publishedAt) };
}

function audienceInput(d: Draft): NewsAudienceInput {
  if (d.audience === "school" || d.audience === "board") return { type: "kind", kind: d.audience };
  if (d.audience === "organisation") return { type: "organisations", codes: d.code.split(",").map((c) => c.trim()).filter(Boolean) };
  return { type: "all" };
}

/**
 * @summary Supervisors manage "Nieuws en mededelingen": the list (scheduled, published, withdrawn), a form to
 * publish or edit an item (audience: everyone, all schools, all boards, or organisations by code; a publish
 * moment, empty for now), a preview as a school reads it, and withdrawal after a confirmation.
 */
export class HdAgentNews extends LightElement {
  static override styles = [supervisorStyles, styles];
  static override properties = {
    api: { attribute: false },
    items: { state: true },
    draft: { state: true },
    editingId: { state: true },
    preview: { state: true },
    confirming: { state: true },
    fields: { state: true },
    message: { state: true },
    error: { state: true },
  };

  declare api: ConsoleApi | undefined;
  declare items: NewsItem[];
  declare draft: Draft;
  /** The item being edited, or null for a new one. */
  declare editingId: string | null;
  declare preview: boolean;
  /** The item whose withdrawal awaits confirmation. */
  declare confirming: NewsItem | null;
  /** Field → error text. */
  declare fields: Record<string, string>;
  declare message: string;
  declare error: string;

  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.items = [];
    this.draft = { ...EMPTY };
    this.editingId = null;
    this.preview = false;
    this.confirming = null;
    this.fields = {};
    this.message = this.error = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.items = (await this.api!.get<NewsList>("/api/v1/news?limit=200")).items;
    } catch (error) {
      this.error = apiErrorText(error, t("console.context.loadError"));
    }
  }

  private set(patch: Partial<Draft>): void {
    this.draft = { ...this.draft, ...patch };
    // A field being corrected no longer says it is wrong; the next save checks it again.
    if (Object.keys(patch).some((k) => k in this.fields)) {
      this.fields = Object.fromEntries(Object.entries(this.fields).filter(([k]) => !(k in patch)));
    }
  }

  private edit(item: NewsItem): void {
    this.editingId = item.id;
    this.draft = draftOf(item);
    this.fields = {};
    this.message = this.error = "";
    void this.updateComplete.then(() => this.querySelector<HTMLInputElement>("#hd-news-title")?.focus());
  }

  private reset(): void {
    this.editingId = null;
    this.draft = { ...EMPTY };
    this.preview = false;
    this.fields = {};
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const d = this.draft;
    const fields: Record<string, string> = {};
    if (!d.title.trim()) fields.title = fieldErrorText("required");
    if (!d.body.trim()) fields.body = fieldErrorText("required");
    if (d.audience === "organisation" && !d.code.trim()) fields.code = fieldErrorText("required");
    this.fields = fields;
    this.message = this.error = "";
    if (Object.keys(fields).length > 0) return this.focusFirstProblem();
    const body = {
      title: d.title.trim(),
      body: d.body.trim(),
      audience: audienceInput(d),
      ...(d.publishAt ? { publishedAt: new Date(d.publishAt).toISOString() } : {}),
    };
    try {
      if (this.editingId) await this.api!.patch(`/api/v1/news/${this.editingId}`, body);
      else await this.api!.post("/api/v1/news", body);
      this.message = this.editingId ? t("console.news.saved") : t("console.news.published", { title: body.title });
      this.reset();
      await this.load();
    } catch (error) {
      const serverFields = (error as { fields?: Record<string, string> }).fields ?? {};
      const mapped: Record<string, string> = {};
      for (const [path, code] of Object.entries(serverFields)) {
        const name = path.startsWith("audience") ? "code" : path;
        mapped[name] ??= code === "unknown_organisation_code" ? t("console.news.unknownCode") : fieldErrorText(code);
      }
      this.fields = mapped;
      if (Object.keys(mapped).length > 0) return this.focusFirstProblem();
      this.error = apiErrorText(error, t("console.saveError"));
    }
  }

  private async focusFirstProblem(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>('form.hd-news__form [aria-invalid="true"]')?.focus();
  }

  private async withdraw(item: NewsItem): Promise<void> {
    this.error = this.message = "";
    try {
      await this.api!.post(`/api/v1/news/${item.id}/withdraw`, {});
      this.confirming = null;
      this.message = t("console.news.withdrawn", { title: item.title });
      await this.load();
    } catch (error) {
      this.error = apiErrorText(error, t("console.saveError"));
    }
  }

  private audienceText(item: NewsItem): string {
    const a = item.audience;
    if (a.type === "kind") return a.kind === "board" ? t("console.news.audience.board") : t("console.news.audience.school");
    if (a.type === "sector") return t("console.news.audience.sector", { sector: (a.sector ?? "").toUpperCase() });
    if (a.type === "organisations") return a.organisations.map((o) => `${o.name} (${o.code})`).join(", ");
    return t("console.news.audience.all");
  }

  private when(iso: string): string {
    const locale = this.localeController.locale === "nl" ? "nl-NL" : "en-GB";
    return new Intl.DateTimeFormat(locale, { timeZone: "Europe/Amsterdam", dateStyle: "long", timeStyle: "short" }).format(new Date(iso));
  }

  private field(id: string, name: keyof Draft & string, label: string, control: TemplateResult): TemplateResult {
    const problem = this.fields[name];
    return html`<div class="hd-field hd-field--wide ${problem ? "hd-news__field--invalid" : ""}">
      <label class="utrecht-form-label" for=${id}>${label}</label>
      ${problem ? html`<p class="utrecht-form-field-error-message hd-news__error" id="${id}-error">${problem}</p>` : nothing}
      ${control}
    </div>`;
  }

  private renderForm(): TemplateResult {
    const d = this.draft;
    const invalid = (name: string) => (this.fields[name] ? "true" : "false");
    const described = (id: string, name: string) => (this.fields[name] ? `${id}-error` : nothing);
    const choices: [AudienceChoice, string][] = [
      ["all", t("console.news.audience.all")],
      ["school", t("console.news.audience.school")],
      ["board", t("console.news.audience.board")],
      ["organisation", t("console.news.audience.organisation")],
    ];
    return html`<form class="hd-news__form" novalidate @submit=${this.save}>
      ${this.field("hd-news-title", "title", t("console.news.title"), html`<input id="hd-news-title" class="utrecht-textbox" maxlength="200"
        aria-invalid=${invalid("title")} aria-describedby=${described("hd-news-title", "title")}
        .value=${d.title} @input=${(e: Event) => this.set({ title: (e.target as HTMLInputElement).value })} />`)}
      ${this.field("hd-news-body", "body", t("console.news.body"), html`<textarea id="hd-news-body" class="utrecht-textarea" rows="5" maxlength="20000"
        aria-invalid=${invalid("body")} aria-describedby=${described("hd-news-body", "body") === nothing ? "hd-news-body-hint" : `hd-news-body-error hd-news-body-hint`}
        .value=${d.body} @input=${(e: Event) => this.set({ body: (e.target as HTMLTextAreaElement).value })}></textarea>
        <p class="hd-news__hint" id="hd-news-body-hint">${t("console.news.bodyHint")}</p>`)}
      <fieldset class="hd-field hd-field--wide hd-news__audience">
        <legend class="utrecht-form-label">${t("console.news.audience")}</legend>
        ${choices.map(
          ([value, label]) => html`<label><input type="radio" name="audience" value=${value} .checked=${d.audience === value}
            @change=${() => this.set({ audience: value })} /> ${label}</label>`,
        )}
      </fieldset>
      ${d.audience === "organisation"
        ? this.field("hd-news-code", "code", t("console.news.code"), html`<input id="hd-news-code" class="utrecht-textbox" maxlength="200"
            aria-invalid=${invalid("code")} aria-describedby=${described("hd-news-code", "code") === nothing ? "hd-news-code-hint" : "hd-news-code-error hd-news-code-hint"}
            .value=${d.code} @input=${(e: Event) => this.set({ code: (e.target as HTMLInputElement).value })} />
            <p class="hd-news__hint" id="hd-news-code-hint">${t("console.news.codeHint")}</p>`)
        : nothing}
      ${this.field("hd-news-when", "publishAt", t("console.news.publishAt"), html`<input id="hd-news-when" type="datetime-local" class="utrecht-textbox"
        aria-invalid=${invalid("publishedAt")} aria-describedby="hd-news-when-hint"
        .value=${d.publishAt} @input=${(e: Event) => this.set({ publishAt: (e.target as HTMLInputElement).value })} />
        <p class="hd-news__hint" id="hd-news-when-hint">${t("console.news.publishAtHint")}</p>`)}
      <div class="hd-news__buttons">
        <button class="utrecht-button utrecht-button--primary-action">${this.editingId ? t("console.save") : t("console.news.publish")}</button>
        <button type="button" class="utrecht-button utrecht-button--secondary-action" aria-expanded=${this.preview ? "true" : "false"}
          aria-controls="hd-news-preview" @click=${() => (this.preview = !this.preview)}>${t("console.news.preview")}</button>
        ${this.editingId ? html`<button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${() => this.reset()}>${t("console.cancel")}</button>` : nothing}
      </div>
    </form>
    <section id="hd-news-preview" class="hd-news__preview" ?hidden=${!this.preview} aria-label=${t("console.news.previewLabel")}>
      <p class="hd-news__preview-note">${t("console.news.previewNote")}</p>
      <article>
        <h3 class="utrecht-heading-3">${d.title || t("console.news.title")}</h3>
        ${d.body.split(/\n\s*\n/).filter(Boolean).map((p) => html`<p class="utrecht-paragraph">${p}</p>`)}
      </article>
    </section>`;
  }

  private renderRow(item: NewsItem): TemplateResult {
    const confirming = this.confirming?.id === item.id;
    return html`<tr>
      <td>${item.title}</td>
      <td>${this.audienceText(item)}</td>
      <td>${this.when(item.publishedAt)}</td>
      <td>${t(`console.news.status.${item.status}`)}</td>
      <td>
        ${confirming
          ? html`<p role="alert" class="hd-news__confirm">${t("console.news.confirmWithdraw", { title: item.title })}</p>
              <button type="button" class="utrecht-button utrecht-button--primary-action" @click=${() => void this.withdraw(item)}>${t("console.news.withdrawYes")}</button>
              <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${() => (this.confirming = null)}>${t("console.cancel")}</button>`
          : html`<button type="button" class="utrecht-button utrecht-button--subtle" aria-label=${t("console.news.editLabel", { title: item.title })}
                @click=${() => this.edit(item)}>${t("console.edit")}</button>
              ${item.status === "withdrawn"
                ? nothing
                : html`<button type="button" class="utrecht-button utrecht-button--subtle" aria-label=${t("console.news.withdrawLabel", { title: item.title })}
                    @click=${() => (this.confirming = item)}>${t("console.news.withdraw")}</button>`}`}
      </td>
    </tr>`;
  }

  protected override render() {
    return html`<h2 class="utrecht-heading-2">${t("console.news.heading")}</h2>
      <p role="status" class="hd-ok">${this.message}</p>
      ${this.error ? html`<p role="alert" class="hd-agent-error">${this.error}</p>` : nothing}
      <h3 class="utrecht-heading-3" id="hd-news-form-heading">
        ${this.editingId ? t("console.news.editHeading", { title: this.draft.title }) : t("console.news.add")}
      </h3>
      ${this.renderForm()}
      <h3 class="utrecht-heading-3">${t("console.news.list")}</h3>
      ${this.items.length === 0
        ? html`<p class="utrecht-paragraph">${t("console.news.empty")}</p>`
        : html`<table>
            <thead><tr>
              <th scope="col">${t("console.news.title")}</th><th scope="col">${t("console.news.audience")}</th>
              <th scope="col">${t("console.news.publishAt")}</th><th scope="col">${t("console.news.statusHeading")}</th>
              <th scope="col"><span class="hd-sr-only">${t("console.actions")}</span></th>
            </tr></thead>
            <tbody>${this.items.map((item) => this.renderRow(item))}</tbody>
          </table>`}`;
  }
}

define("hd-agent-news", HdAgentNews);

declare global {
  interface HTMLElementTagNameMap {
    "hd-agent-news": HdAgentNews;
  }
}
