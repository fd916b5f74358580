import { html, nothing } from "lit";
import { CANNED_ANSWER_LIMITS, type CannedAnswer } from "../../../server/src/contracts/api/chat.js";
import { define } from "../../shared/define.js";
import { LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { apiErrorText, type ConsoleApi } from "../console-api.js";
import { supervisorStyles } from "../supervisor-styles.js";

/** Fired after the list of canned answers changed, so the console reloads it for the chats. */
export class HdCannedChangedEvent extends Event {
  static readonly eventName = "hd-canned-changed";
  constructor() {
    super(HdCannedChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * @summary Supervisors manage the canned answers (standaardantwoorden): add, edit, delete.
 *
 * @event hd-canned-changed - {@link HdCannedChangedEvent} after every change.
 */
export class HdAgentCanned extends LightElement {
  static override styles = supervisorStyles;
  static override properties = {
    api: { attribute: false },
    items: { attribute: false },
    editing: { state: true },
    message: { state: true },
    error: { state: true },
  };

  declare api: ConsoleApi | undefined;
  declare items: CannedAnswer[];
  /** The answer being edited, or null for "new". */
  declare editing: CannedAnswer | null;
  declare message: string;
  declare error: string;

  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.items = [];
    this.editing = null;
    this.message = "";
    this.error = "";
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const body = { title: String(data.get("title") ?? "").trim(), text: String(data.get("text") ?? "").trim() };
    this.error = this.message = "";
    if (!body.title || !body.text) {
      this.error = t("console.canned.required");
      return;
    }
    try {
      if (this.editing) await this.api!.patch(`/api/v1/chat/canned-answers/${this.editing.id}`, body);
      else await this.api!.post("/api/v1/chat/canned-answers", body);
      this.message = t("console.saved");
      this.editing = null;
      form.reset();
      this.dispatchEvent(new HdCannedChangedEvent());
    } catch (error) {
      this.error = apiErrorText(error, t("console.saveError"));
    }
  }

  private async removeItem(item: CannedAnswer): Promise<void> {
    this.error = this.message = "";
    try {
      await this.api!.delete(`/api/v1/chat/canned-answers/${item.id}`);
      this.message = t("console.canned.removed", { title: item.title });
      this.dispatchEvent(new HdCannedChangedEvent());
    } catch (error) {
      this.error = apiErrorText(error, t("console.saveError"));
    }
  }

  protected override render() {
    const e = this.editing;
    return html`<h2 class="utrecht-heading-2">${t("console.canned.heading")}</h2>
      ${this.items.length === 0
        ? html`<p class="utrecht-paragraph">${t("console.canned.empty")}</p>`
        : html`<table>
            <thead><tr><th scope="col">${t("console.canned.title")}</th><th scope="col">${t("console.canned.text")}</th><th scope="col"><span class="hd-sr-only">${t("console.actions")}</span></th></tr></thead>
            <tbody>${this.items.map((item) => html`<tr>
              <td>${item.title}</td><td>${item.text}</td>
              <td>
                <button type="button" class="utrecht-button utrecht-button--subtle" aria-label=${t("console.canned.editLabel", { title: item.title })} @click=${() => (this.editing = item)}>${t("console.edit")}</button>
                <button type="button" class="utrecht-button utrecht-button--subtle" aria-label=${t("console.canned.removeLabel", { title: item.title })} @click=${() => void this.removeItem(item)}>${t("console.remove")}</button>
              </td>
            </tr>`)}</tbody>
          </table>`}
      <h3 class="utrecht-heading-3">${e ? t("console.canned.editHeading", { title: e.title }) : t("console.canned.add")}</h3>
      <form @submit=${this.save}>
        <div class="hd-field"><label class="utrecht-form-label" for="hd-canned-title">${t("console.canned.title")}</label>
          <input id="hd-canned-title" name="title" class="utrecht-textbox" maxlength=${CANNED_ANSWER_LIMITS.titleMax} .value=${e?.title ?? ""} /></div>
        <div class="hd-field hd-field--wide"><label class="utrecht-form-label" for="hd-canned-text">${t("console.canned.text")}</label>
          <textarea id="hd-canned-text" name="text" class="utrecht-textarea" rows="3" maxlength=${CANNED_ANSWER_LIMITS.textMax} .value=${e?.text ?? ""}></textarea></div>
        <button class="utrecht-button utrecht-button--primary-action">${t("console.save")}</button>
        ${e ? html`<button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${() => (this.editing = null)}>${t("console.cancel")}</button>` : nothing}
      </form>
      <p role="status" class="hd-ok">${this.message}</p>
      ${this.error ? html`<p role="alert" class="hd-agent-error">${this.error}</p>` : nothing}`;
  }
}

define("hd-agent-canned", HdAgentCanned);

declare global {
  interface HTMLElementTagNameMap {
    "hd-agent-canned": HdAgentCanned;
  }
  interface HTMLElementEventMap {
    "hd-canned-changed": HdCannedChangedEvent;
  }
}
