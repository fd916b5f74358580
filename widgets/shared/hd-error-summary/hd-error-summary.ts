import { html, nothing } from "lit";
import { define } from "../define.js";
import { LocaleController, t } from "../i18n/index.js";
import { LightElement } from "../light-element.js";
import { styles } from "./hd-error-summary.styles.js";

/** One field problem listed in the summary; `inputId` is the id of the input it links to. */
export interface SummaryFieldError {
  readonly inputId: string;
  readonly label: string;
  readonly message: string;
}

/**
 * @summary Error summary at the top of a form (NL Design System alert, error variant): a title, the general
 * message and links to each invalid field. It is a `role="alert"` region, and `focus()` moves focus to it so a
 * keyboard or screen reader user lands on the problem after a failed submit.
 */
export class HdErrorSummary extends LightElement {
  static override styles = styles;
  static override properties = {
    message: { type: String },
    fieldErrors: { attribute: false },
  };

  /** General message (e.g. the text for the error id); empty for none. */
  declare message: string;
  /** Field problems, each linking to its input. */
  declare fieldErrors: readonly SummaryFieldError[];

  // Re-render the title on a language switch.
  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.message = "";
    this.fieldErrors = [];
  }

  /** True when there is something to show. */
  get hasErrors(): boolean {
    return Boolean(this.message) || this.fieldErrors.length > 0;
  }

  /** Moves focus to the summary (after render). */
  override async focus(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(".hd-error-summary__alert")?.focus();
  }

  private onLinkClick(event: Event, inputId: string): void {
    // Fragment navigation would scroll but not always focus; focus the input directly.
    event.preventDefault();
    document.getElementById(inputId)?.focus();
  }

  protected override render() {
    if (!this.hasErrors) return html`<div role="alert" class="hd-error-summary__empty"></div>`;
    return html`
      <div class="utrecht-alert utrecht-alert--error hd-error-summary__alert" role="alert" tabindex="-1">
        <div class="utrecht-alert__content">
          <div class="utrecht-alert__message">
            <p class="hd-error-summary__title">${t("common.errorSummaryTitle")}</p>
            ${this.message ? html`<p class="utrecht-paragraph hd-error-summary__message">${this.message}</p>` : nothing}
            ${this.fieldErrors.length > 0
              ? html`<ul class="hd-error-summary__list">
                  ${this.fieldErrors.map(
                    (f) =>
                      html`<li>
                        <a class="utrecht-link" href=${`#${f.inputId}`} @click=${(e: Event) => this.onLinkClick(e, f.inputId)}
                          >${f.label}: ${f.message}</a
                        >
                      </li>`,
                  )}
                </ul>`
              : nothing}
          </div>
        </div>
      </div>
    `;
  }
}

define("hd-error-summary", HdErrorSummary);

declare global {
  interface HTMLElementTagNameMap {
    "hd-error-summary": HdErrorSummary;
  }
}
