import { html, nothing, type TemplateResult } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import { live } from "lit/directives/live.js";

/** Options for {@link textField}. */
export interface TextFieldOptions {
  /** Element id of the input; hint, warning and error ids derive from it. */
  id: string;
  /** Form field name (also the key in the server's `fields` map). */
  name: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** Input type; default "text". */
  type?: "text" | "email" | "password";
  autocomplete?: string;
  inputmode?: "text" | "numeric" | "email";
  /** Help text shown between label and input, referenced by aria-describedby. */
  hint?: string | undefined;
  /** Error text; marks the field invalid and is referenced by aria-describedby. */
  error?: string | undefined;
  /** Non-blocking advice shown as you type (polite live region). */
  warning?: string | undefined;
  required?: boolean;
  /** Shown but not editable (e.g. a value only someone else may change; the hint says who). */
  readonly?: boolean;
  maxlength?: number;
  /** Extra CSS class for the input (e.g. a narrow size). */
  inputClass?: string;
  /** Content after the input, e.g. a "Wachtwoord vergeten?" link. */
  after?: TemplateResult | undefined;
}

/** The ids of the hint, error and warning of the field with input id `id`. */
export const fieldIds = (id: string) => ({ hint: `${id}-hint`, error: `${id}-error`, warning: `${id}-warning` });

/**
 * An NL Design System (Utrecht) form field rendered into light DOM: label, optional hint, error message and
 * as-you-type warning, all tied to the input with `for`/`aria-describedby`, `aria-invalid` when in error.
 */
export function textField(o: TextFieldOptions): TemplateResult {
  const ids = fieldIds(o.id);
  const describedBy = [o.hint ? ids.hint : "", o.error ? ids.error : "", o.warning ? ids.warning : ""]
    .filter(Boolean)
    .join(" ");
  const invalid = Boolean(o.error);
  return html`
    <div class="utrecht-form-field utrecht-form-field--text ${invalid ? "utrecht-form-field--invalid" : ""}">
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for=${o.id}>${o.label}</label>
      </div>
      ${o.hint
        ? html`<div class="utrecht-form-field__description utrecht-form-field-description" id=${ids.hint}>${o.hint}</div>`
        : nothing}
      ${o.error
        ? html`<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id=${ids.error}>
            ${o.error}
          </div>`
        : nothing}
      <div class="utrecht-form-field__input">
        <input
          class="utrecht-textbox utrecht-textbox--html-input ${invalid ? "utrecht-textbox--invalid" : ""} ${o.inputClass ?? ""}"
          id=${o.id}
          name=${o.name}
          type=${o.type ?? "text"}
          autocomplete=${ifDefined(o.autocomplete)}
          inputmode=${ifDefined(o.inputmode)}
          maxlength=${ifDefined(o.maxlength)}
          ?required=${o.required ?? false}
          ?readonly=${o.readonly ?? false}
          aria-invalid=${invalid ? "true" : "false"}
          aria-describedby=${ifDefined(describedBy || undefined)}
          .value=${live(o.value)}
          @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="hd-field-warning" id=${ids.warning} aria-live="polite">
        ${o.warning
          ? html`<p class="utrecht-form-field-description utrecht-form-field-description--warning hd-field-warning__text">
              ${o.warning}
            </p>`
          : nothing}
      </div>
      ${o.after ?? nothing}
    </div>
  `;
}

/** A primary submit button; shows busy text and is aria-disabled (still focusable) while a request runs. */
export function submitButton(label: string, busy: boolean, busyLabel: string): TemplateResult {
  return html`<button
    type="submit"
    class="utrecht-button utrecht-button--primary-action utrecht-button--submit ${busy ? "utrecht-button--busy" : ""}"
    aria-disabled=${busy ? "true" : "false"}
  >
    ${busy ? busyLabel : label}
  </button>`;
}
