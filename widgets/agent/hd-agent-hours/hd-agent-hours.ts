import { html, nothing, type TemplateResult } from "lit";
import { WEEKDAYS, type Closure, type ClosureInput, type ClosureList, type WeeklySchedule, type WeeklyScheduleInput } from "../../../server/src/contracts/api/availability.js";
import { define } from "../../shared/define.js";
import { fieldErrorText, LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { formatBlockedUntil } from "../../shared/time-format.js";
import { apiErrorText, type ConsoleApi } from "../console-api.js";
import { supervisorStyles } from "../supervisor-styles.js";
import { readPeriods, type PeriodProblem } from "./periods.js";
import { styles } from "./hd-agent-hours.styles.js";

/**
 * @summary Supervisors: the weekly opening hours (per day one or more periods, plus the phone number and e-mail
 * address shown when the chat is closed) and closures (a whole day or a time range, with a reason).
 */
export class HdAgentHours extends LightElement {
  static override styles = [supervisorStyles, styles];
  static override properties = {
    api: { attribute: false },
    schedule: { state: true },
    closures: { state: true },
    scheduleMessage: { state: true },
    closureMessage: { state: true },
    error: { state: true },
    fieldErrors: { state: true },
  };

  declare api: ConsoleApi | undefined;
  declare schedule: WeeklySchedule | null;
  declare closures: Closure[];
  declare scheduleMessage: string;
  declare closureMessage: string;
  declare error: string;
  /** Schedule field name (a weekday, `phone`, `email`) → what is wrong with it. */
  declare fieldErrors: Record<string, string>;

  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.schedule = null;
    this.closures = [];
    this.scheduleMessage = this.closureMessage = this.error = "";
    this.fieldErrors = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [schedule, closures] = await Promise.all([
        this.api!.get<WeeklySchedule>("/api/v1/opening-hours/schedule"),
        this.api!.get<ClosureList>("/api/v1/opening-hours/closures"),
      ]);
      this.schedule = schedule;
      this.closures = closures.closures;
    } catch (error) {
      this.error = apiErrorText(error, t("console.context.loadError"));
    }
  }

  private async saveSchedule(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.error = this.scheduleMessage = "";
    const days: Record<string, { from: string; to: string }[]> = {};
    const problems: Record<string, string> = {};
    for (const day of WEEKDAYS) {
      const read = readPeriods(String(data.get(day) ?? ""));
      if ("problem" in read) problems[day] = problemText(read.problem);
      else days[day] = read.periods;
    }
    this.fieldErrors = problems;
    if (Object.keys(problems).length > 0) return this.focusFirstProblem();
    const body: WeeklyScheduleInput = {
      timeZone: this.schedule?.timeZone ?? "Europe/Amsterdam",
      days: days as WeeklyScheduleInput["days"],
      phone: String(data.get("phone") ?? ""),
      email: String(data.get("email") ?? ""),
    };
    try {
      this.schedule = await this.api!.put<WeeklySchedule>("/api/v1/opening-hours/schedule", body);
      this.scheduleMessage = t("console.saved");
    } catch (error) {
      // The server's field errors ("days.monday.0.to", "phone") go to the field they are about.
      const fields = (error as { fields?: Record<string, string> }).fields ?? {};
      for (const [path, code] of Object.entries(fields)) {
        const [first, second] = path.split(".");
        const name = first === "days" && second ? second : (first ?? "");
        problems[name] ??= fieldErrorText(code);
      }
      this.fieldErrors = { ...problems };
      if (Object.keys(problems).length > 0) return this.focusFirstProblem();
      this.error = apiErrorText(error, t("console.saveError"));
    }
  }

  /** Moves focus to the first field in error, whose message its aria-describedby reads out. */
  private async focusFirstProblem(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLInputElement>('form.hd-hours input[aria-invalid="true"]')?.focus();
  }

  /** One schedule field: label, hint/error tied to the input, marked invalid when it has a problem. */
  private scheduleField(name: string, label: string, value: string, type = "text", hint = ""): TemplateResult {
    const id = `hd-hours-${name}`;
    const problem = this.fieldErrors[name];
    const describedBy = [hint, problem ? `${id}-error` : ""].filter(Boolean).join(" ");
    return html`<label class="utrecht-form-label" for=${id}>${label}</label>
      <div class="hd-hours__input">
        ${problem ? html`<p class="utrecht-form-field-error-message hd-hours__error" id="${id}-error">${problem}</p>` : nothing}
        <input id=${id} name=${name} type=${type} class="utrecht-textbox ${problem ? "utrecht-textbox--invalid" : ""}"
          aria-invalid=${problem ? "true" : "false"} aria-describedby=${describedBy || nothing} .value=${value} />
      </div>`;
  }

  private async addClosure(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const reason = String(data.get("reason") ?? "").trim();
    const date = String(data.get("date") ?? "");
    const from = String(data.get("from") ?? "");
    const to = String(data.get("to") ?? "");
    this.error = this.closureMessage = "";
    let body: ClosureInput;
    if (from && to && date) body = { startsAt: new Date(`${date}T${from}`).toISOString(), endsAt: new Date(`${date}T${to}`).toISOString(), reason };
    else body = { date, reason };
    if (!date || !reason) {
      this.error = t("console.hours.closureRequired");
      return;
    }
    try {
      await this.api!.post<Closure>("/api/v1/opening-hours/closures", body);
      form.reset();
      this.closureMessage = t("console.saved");
      await this.load();
    } catch (error) {
      this.error = apiErrorText(error, t("console.saveError"));
    }
  }

  private async removeClosure(closure: Closure): Promise<void> {
    try {
      await this.api!.delete(`/api/v1/opening-hours/closures/${closure.id}`);
      this.closureMessage = t("console.hours.closureRemoved");
      await this.load();
    } catch (error) {
      this.error = apiErrorText(error, t("console.saveError"));
    }
  }

  /** "2026-03-11" → "woensdag 11 maart 2026" / "Wednesday 11 March 2026". */
  private day(date: string): string {
    const at = new Date(`${date}T12:00:00Z`);
    if (Number.isNaN(at.getTime())) return date;
    const locale = this.localeController.locale === "nl" ? "nl-NL" : "en-GB";
    return new Intl.DateTimeFormat(locale, { timeZone: "Europe/Amsterdam", weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(at);
  }

  private when(iso: string): string {
    return formatBlockedUntil(iso, this.localeController.locale, new Date(0)) ?? iso;
  }

  protected override render() {
    const s = this.schedule;
    return html`<h2 class="utrecht-heading-2">${t("console.hours.heading")}</h2>
      ${this.error ? html`<p role="alert" class="hd-agent-error">${this.error}</p>` : nothing}
      ${s
        ? html`<form class="hd-hours" novalidate @submit=${this.saveSchedule}>
            <p class="utrecht-paragraph hd-hours__hint" id="hd-hours-hint">${t("console.hours.hint")}</p>
            ${Object.keys(this.fieldErrors).length > 0
              ? html`<p class="hd-agent-error hd-hours__summary" role="alert">${t("console.hours.checkFields")}</p>`
              : nothing}
            ${WEEKDAYS.map((day) =>
              this.scheduleField(day, t(`console.day.${day}`), s.days[day].map((p) => `${p.from}-${p.to}`).join(", "), "text", "hd-hours-hint"),
            )}
            ${this.scheduleField("phone", t("console.hours.phone"), s.phone, "tel")}
            ${this.scheduleField("email", t("console.hours.email"), s.email, "email")}
            <div class="hd-hours__actions">
              <button class="utrecht-button utrecht-button--primary-action">${t("console.save")}</button>
              <p role="status" class="hd-ok">${this.scheduleMessage}</p>
            </div>
          </form>`
        : html`<p class="utrecht-paragraph">${t("console.loading")}</p>`}
      <h3 class="utrecht-heading-3">${t("console.hours.closures")}</h3>
      ${this.closures.length === 0
        ? html`<p class="utrecht-paragraph">${t("console.hours.noClosures")}</p>`
        : html`<table>
            <thead><tr><th scope="col">${t("console.hours.period")}</th><th scope="col">${t("console.hours.reason")}</th><th scope="col"><span class="hd-sr-only">${t("console.actions")}</span></th></tr></thead>
            <tbody>${this.closures.map((c) => html`<tr>
              <td>${c.date ? this.day(c.date) : `${this.when(c.startsAt)} – ${this.when(c.endsAt)}`}</td><td>${c.reason}</td>
              <td><button type="button" class="utrecht-button utrecht-button--subtle" aria-label=${t("console.hours.removeLabel", { reason: c.reason })} @click=${() => void this.removeClosure(c)}>${t("console.remove")}</button></td>
            </tr>`)}</tbody>
          </table>`}
      <form @submit=${this.addClosure}>
        <div class="hd-field"><label class="utrecht-form-label" for="hd-closure-date">${t("console.hours.date")}</label>
          <input id="hd-closure-date" name="date" type="date" class="utrecht-textbox" /></div>
        <div class="hd-field"><label class="utrecht-form-label" for="hd-closure-from">${t("console.hours.from")}</label>
          <input id="hd-closure-from" name="from" type="time" class="utrecht-textbox" /></div>
        <div class="hd-field"><label class="utrecht-form-label" for="hd-closure-to">${t("console.hours.to")}</label>
          <input id="hd-closure-to" name="to" type="time" class="utrecht-textbox" /></div>
        <div class="hd-field"><label class="utrecht-form-label" for="hd-closure-reason">${t("console.hours.reason")}</label>
          <input id="hd-closure-reason" name="reason" class="utrecht-textbox" maxlength="200" /></div>
        <button class="utrecht-button utrecht-button--primary-action">${t("console.hours.addClosure")}</button>
        <p role="status" class="hd-ok">${this.closureMessage}</p>
      </form>`;
  }
}

/** What is wrong with a day's periods, in the console's language. */
function problemText(problem: PeriodProblem): string {
  switch (problem.kind) {
    case "format":
      return t("console.hours.problem.format", { detail: problem.detail });
    case "time":
      return t("console.hours.problem.time", { detail: problem.detail });
    case "order":
      return t("console.hours.problem.order", { from: problem.from, to: problem.to });
    case "overlap":
      return t("console.hours.problem.overlap", { first: problem.first, second: problem.second });
  }
}

define("hd-agent-hours", HdAgentHours);

declare global {
  interface HTMLElementTagNameMap {
    "hd-agent-hours": HdAgentHours;
  }
}
