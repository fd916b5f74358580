import { html, nothing, type PropertyValues } from "lit";
import {
  HISTORY_LIMITS,
  historyPaths,
  UPLOAD_ACCEPT,
  type ArchiveItemDetail,
  type ArchiveItemView,
  type ArchivePage,
} from "../../../../server/src/contracts/api/history.js";
import { define } from "../../../shared/define.js";
import { errorText, LocaleController, t, type MessageKey } from "../../../shared/i18n/index.js";
import { LightElement } from "../../../shared/light-element.js";
import { toApiError, type PortalApi, type PortalApiError } from "../../portal-api.js";
import { formatDay, formatKind, formatSize } from "../format.js";
import { uploadForm } from "../upload.js";
import { styles } from "./hd-tab-archive.styles.js";

type UploadErrors = { subject?: string; file?: string; form?: string };

/**
 * @summary Tab "Digitaal archief": every document and e-mail between the organisation and the helpdesk, both
 * ways, newest first, paged with "Meer laden". Clicking a subject opens an e-mail as plain text (focus moves to
 * it; "Sluiten" returns focus to the subject) or downloads a document. Below: "Document naar de helpdesk
 * sturen" with the type and size rules up front, checked in the browser for size and by the server on content.
 *
 * Set by the portal shell: `organisation-id`, `organisation-kind` and the `api` client.
 */
export class HdTabArchive extends LightElement {
  static override styles = styles;
  static override properties = {
    api: { attribute: false },
    organisationId: { type: String, attribute: "organisation-id" },
    items: { state: true },
    nextCursor: { state: true },
    loading: { state: true },
    error: { state: true },
    open: { state: true },
    sending: { state: true },
    uploadErrors: { state: true },
    announcement: { state: true },
    sent: { state: true },
  };

  declare api: PortalApi | null;
  declare organisationId: string;
  declare items: ArchiveItemView[] | null;
  declare nextCursor: string | null;
  declare loading: boolean;
  declare error: PortalApiError | null;
  declare open: ArchiveItemDetail | null;
  declare sending: boolean;
  declare uploadErrors: UploadErrors;
  declare announcement: string;
  /** Confirmation after a successful upload, shown in the upload form. */
  declare sent: string;

  protected readonly localeController = new LocaleController(this);
  private focusSelector: string | null = null;

  constructor() {
    super();
    this.api = null;
    this.organisationId = "";
    this.items = null;
    this.nextCursor = null;
    this.loading = false;
    this.error = null;
    this.open = null;
    this.sending = false;
    this.uploadErrors = {};
    this.announcement = "";
    this.sent = "";
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("organisationId") || changed.has("api")) && this.api && this.organisationId) void this.load(false);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusSelector) {
      this.querySelector<HTMLElement>(this.focusSelector)?.focus();
      this.focusSelector = null;
    }
  }

  private async load(more: boolean): Promise<void> {
    if (!this.api) return;
    this.loading = true;
    this.error = null;
    try {
      const path = historyPaths.archive(this.organisationId) + (more && this.nextCursor ? `?cursor=${this.nextCursor}` : "");
      const page = await this.api.get<ArchivePage>(path);
      const before = more ? (this.items ?? []) : [];
      this.items = [...before, ...page.items];
      this.nextCursor = page.nextCursor;
      if (more && page.items[0]) {
        this.focusSelector = `#hd-archive-subject-${page.items[0].id}`;
        this.announcement = t("history.loadedMore", { count: page.items.length });
      }
    } catch (error) {
      this.error = toApiError(error);
    } finally {
      this.loading = false;
    }
  }

  private async openItem(item: ArchiveItemView): Promise<void> {
    if (!this.api) return;
    try {
      this.open = await this.api.get<ArchiveItemDetail>(historyPaths.archiveItem(this.organisationId, item.id));
      this.focusSelector = "#hd-archive-detail-heading";
    } catch (error) {
      this.error = toApiError(error);
    }
  }

  private closeItem(): void {
    const id = this.open?.id;
    this.open = null;
    if (id) this.focusSelector = `#hd-archive-subject-${id}`;
  }

  private async onUpload(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const subject = String(data.get("subject") ?? "").trim();
    const file = data.get("file");
    const errors: UploadErrors = {};
    if (!subject) errors.subject = t("archive.upload.subjectRequired");
    else if (subject.length > HISTORY_LIMITS.subjectMax) errors.subject = t("archive.upload.subjectTooLong");
    if (!(file instanceof File) || !file.name) errors.file = t("archive.upload.fileRequired");
    else if (file.size === 0) errors.file = t("archive.upload.fileEmpty");
    else if (file.size > HISTORY_LIMITS.uploadMaxBytes) errors.file = t("error.file_too_large");
    this.uploadErrors = errors;
    this.sent = "";
    if (errors.subject || errors.file) {
      this.focusSelector = errors.subject ? "#hd-archive-upload-subject" : "#hd-archive-upload-file";
      return;
    }
    this.sending = true;
    try {
      const item = await uploadForm(historyPaths.archive(this.organisationId), data);
      form.reset();
      this.sent = t("archive.upload.sent", { subject: item.subject });
      await this.load(false);
      this.focusSelector = `#hd-archive-subject-${item.id}`;
    } catch (error) {
      const e = toApiError(error);
      if (e.id === "file_too_large" || e.id === "file_type_not_allowed" || e.id === "file_rejected_archive" || e.fields?.file) {
        this.uploadErrors = { file: e.id === "validation_failed" ? t("archive.upload.fileEmpty") : errorText(e) };
        this.focusSelector = "#hd-archive-upload-file";
      } else if (e.fields?.subject) {
        this.uploadErrors = { subject: t("archive.upload.subjectRequired") };
        this.focusSelector = "#hd-archive-upload-subject";
      } else {
        this.uploadErrors = { form: `${t("archive.upload.failed")} ${errorText(e)}` };
      }
    } finally {
      this.sending = false;
    }
  }

  private renderSubject(item: ArchiveItemView) {
    const id = `hd-archive-subject-${item.id}`;
    if (item.hasText || !item.file) {
      return html`<button type="button" class="hd-history__link-button" id=${id} aria-expanded=${this.open?.id === item.id ? "true" : "false"}
        @click=${() => void this.openItem(item)}>${item.subject}</button>`;
    }
    return html`<a class="utrecht-link" id=${id} href=${item.file.downloadUrl} download>${item.subject}<span class="hd-visually-hidden">
        (${formatKind(item.file.contentType)}, ${formatSize(item.file.size)})</span></a>`;
  }

  private renderDetail() {
    const item = this.open;
    if (!item) return nothing;
    return html`<section class="hd-history__detail" aria-labelledby="hd-archive-detail-heading">
      <h3 class="utrecht-heading-3" id="hd-archive-detail-heading" tabindex="-1">${item.subject}</h3>
      <p class="hd-history__meta">${formatDay(item.sentAt)} · ${t("archive.sentBy", { name: item.sentBy })}</p>
      ${item.text ? html`<div class="hd-history__text">${item.text}</div>` : nothing}
      ${item.file
        ? html`<p class="utrecht-paragraph"><a class="utrecht-link" href=${item.file.downloadUrl} download>${t("archive.download", { name: item.file.filename, size: formatSize(item.file.size) })}</a></p>`
        : nothing}
      <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${this.closeItem}>${t("archive.close")}</button>
    </section>`;
  }

  private renderList() {
    if (this.items === null) {
      return this.error ? this.renderError() : html`<p class="utrecht-paragraph" role="status">${t("history.loading")}</p>`;
    }
    if (this.items.length === 0) return html`<p class="utrecht-paragraph">${t("archive.empty")}</p>`;
    return html`${this.renderDetail()}
      <table class="hd-history__table">
        <caption>${t("archive.caption")}</caption>
        <thead><tr>
          <th scope="col">${t("archive.col.date")}</th><th scope="col">${t("archive.col.subject")}</th>
          <th scope="col">${t("archive.col.direction")}</th><th scope="col">${t("archive.col.kind")}</th>
        </tr></thead>
        <tbody>${this.items.map((item) => html`<tr>
          <td><time datetime=${item.sentAt}>${formatDay(item.sentAt)}</time></td>
          <td>${this.renderSubject(item)}</td>
          <td>${t(`archive.direction.${item.direction}` as MessageKey)}</td>
          <td>${t(`archive.kind.${item.kind}` as MessageKey)}${item.file ? ` (${formatKind(item.file.contentType)})` : ""}</td>
        </tr>`)}</tbody>
      </table>
      ${this.error ? this.renderError() : nothing}
      ${this.nextCursor
        ? html`<div class="hd-history__more"><button type="button" class="utrecht-button utrecht-button--secondary-action" ?disabled=${this.loading}
            @click=${() => void this.load(true)}>${this.loading ? t("history.moreLoading") : t("history.more")}</button></div>`
        : nothing}`;
  }

  private renderError() {
    return html`<div class="utrecht-alert utrecht-alert--error"><div class="utrecht-alert__content"><div class="utrecht-alert__message">
      <p class="utrecht-paragraph">${t("history.loadError")} ${this.error ? errorText(this.error) : ""}</p>
      <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${() => void this.load(false)}>${t("history.retry")}</button>
    </div></div></div>`;
  }

  private renderUpload() {
    const e = this.uploadErrors;
    const field = (id: string, label: string, control: unknown, error?: string, hint?: string) => html`<div class="utrecht-form-field hd-history__field ${error ? "utrecht-form-field--invalid" : ""}">
      <label class="utrecht-form-label" for=${id}>${label}</label>
      ${hint ? html`<p class="hd-history__hint" id=${`${id}-hint`}>${hint}</p>` : nothing}
      ${error ? html`<p class="hd-history__error" id=${`${id}-error`}>${error}</p>` : nothing}
      ${control}
    </div>`;
    const described = (id: string, error?: string, hint?: boolean) => [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || nothing;
    return html`<section class="hd-tile hd-history__section hd-history__upload" aria-labelledby="hd-archive-upload-heading">
      <h2 class="utrecht-heading-2" id="hd-archive-upload-heading">${t("archive.upload.heading")}</h2>
      <div role="status">${this.sent
        ? html`<div class="utrecht-alert utrecht-alert--ok hd-history__success"><div class="utrecht-alert__content"><p class="utrecht-paragraph">${this.sent}</p></div></div>`
        : nothing}</div>
      ${e.form ? html`<div class="utrecht-alert utrecht-alert--error" role="alert"><div class="utrecht-alert__content"><p class="utrecht-paragraph">${e.form}</p></div></div>` : nothing}
      <form novalidate @submit=${(ev: SubmitEvent) => void this.onUpload(ev)}>
        ${field("hd-archive-upload-subject", t("archive.upload.subject"), html`<input class="utrecht-textbox utrecht-textbox--html-input" id="hd-archive-upload-subject"
          name="subject" maxlength=${HISTORY_LIMITS.subjectMax} required aria-required="true" aria-invalid=${e.subject ? "true" : "false"}
          aria-describedby=${described("hd-archive-upload-subject", e.subject)} />`, e.subject)}
        ${field("hd-archive-upload-note", t("archive.upload.note"), html`<textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="hd-archive-upload-note"
          name="note" rows="3" maxlength=${HISTORY_LIMITS.noteMax}></textarea>`)}
        ${field("hd-archive-upload-file", t("archive.upload.file"), html`<input type="file" id="hd-archive-upload-file" name="file" accept=${UPLOAD_ACCEPT}
          required aria-required="true" aria-invalid=${e.file ? "true" : "false"} aria-describedby=${described("hd-archive-upload-file", e.file, true)} />`,
          e.file, t("archive.upload.fileHint"))}
        <button type="submit" class="utrecht-button utrecht-button--primary-action" ?disabled=${this.sending}>
          ${this.sending ? t("archive.upload.sending") : t("archive.upload.submit")}</button>
      </form>
    </section>`;
  }

  protected override render() {
    if (!this.organisationId) return nothing;
    return html`<h2 class="utrecht-heading-2">${t("archive.heading")}</h2>
      <p class="utrecht-paragraph">${t("archive.intro")}</p>
      <div class="hd-visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      <section class="hd-history__section" aria-label=${t("archive.caption")}>${this.renderList()}</section>
      ${this.renderUpload()}`;
  }
}

define("hd-tab-archive", HdTabArchive);

declare global {
  interface HTMLElementTagNameMap {
    "hd-tab-archive": HdTabArchive;
  }
}
