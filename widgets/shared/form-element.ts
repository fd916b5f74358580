import { html, type PropertyValues, type TemplateResult } from "lit";
import "./hd-error-summary/hd-error-summary.js";
import type { HdErrorSummary, SummaryFieldError } from "./hd-error-summary/hd-error-summary.js";
import { errorText, fieldErrorText, LocaleController, t } from "./i18n/index.js";
import { LightElement } from "./light-element.js";

/**
 * What a form needs to show a failed request: structurally the `ApiError` of `client/src/shared/api.ts`
 * (widgets do not import client code).
 */
export interface DisplayError {
  readonly id: string;
  readonly message?: string;
  /** Field name → error code. */
  readonly fields?: Readonly<Record<string, string>>;
  /** Facts such as `blockedUntil`. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** One input of a form: its element id and its visible label, keyed by field name. */
export type FieldMap = Readonly<Record<string, { readonly inputId: string; readonly label: string }>>;

/**
 * Base for Balie's light-DOM forms: `busy` and `error` come down as properties, the form validates what it can
 * on submit, lists problems in an `hd-error-summary` (role=alert) and moves focus there, and fires its own typed
 * submit event when the input is complete. The page that owns the form calls the API and sets `busy`/`error`.
 */
export abstract class FormElement extends LightElement {
  static override properties = {
    busy: { type: Boolean },
    error: { attribute: false },
    clientFields: { state: true },
  };

  /** A request is running: the submit button says so and a second submit is ignored. */
  declare busy: boolean;
  /** The last failed request, or null. */
  declare error: DisplayError | null;
  /** Field name → code from the form's own checks on the last submit. */
  declare clientFields: Record<string, string>;

  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.busy = false;
    this.error = null;
    this.clientFields = {};
  }

  /** Field name → input id and label, for error links and messages. */
  protected abstract fields(): FieldMap;

  /** Checks the input; returns field name → error code (empty when fine). */
  protected abstract validate(): Record<string, string>;

  /** Fires the element's submit event with the collected input. */
  protected abstract submitValid(): void;

  /** The error text for field `name`, from the form's own checks or the server. */
  protected fieldError(name: string): string | undefined {
    const code = this.clientFields[name] ?? this.error?.fields?.[name];
    return code ? fieldErrorText(code) : undefined;
  }

  /** Submit handler for the `<form>`. */
  protected onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy) return;
    const problems = this.validate();
    this.clientFields = problems;
    if (Object.keys(problems).length > 0) {
      void this.focusSummary();
      return;
    }
    this.submitValid();
  }

  /** Moves focus to the error summary once it has rendered. */
  protected async focusSummary(): Promise<void> {
    await this.updateComplete;
    await this.querySelector<HdErrorSummary>("hd-error-summary")?.focus();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has("error") && this.error && this.showsErrorInSummary(this.error)) void this.focusSummary();
  }

  /** Errors a page renders as its own state (blocked, expired) return false here. */
  protected showsErrorInSummary(_error: DisplayError): boolean {
    return true;
  }

  /** The summary for the current problems. */
  protected renderSummary(): TemplateResult {
    const map = this.fields();
    const names = Object.keys(map).filter((name) => this.fieldError(name));
    const fieldErrors: SummaryFieldError[] = names.map((name) => ({
      inputId: map[name]!.inputId,
      label: map[name]!.label,
      message: this.fieldError(name)!,
    }));
    let message = "";
    if (Object.keys(this.clientFields).length > 0) message = t("error.validation_failed");
    else if (this.error && this.showsErrorInSummary(this.error)) message = errorText(this.error);
    return html`<hd-error-summary .message=${message} .fieldErrors=${fieldErrors}></hd-error-summary>`;
  }
}
