import { html, nothing } from "lit";
import { WEEKDAYS, type Closure, type ClosureInput, type ClosureList, type WeeklySchedule, type WeeklyScheduleInput } from "../../../server/src/contracts/api/availability.js";
import { define } from "../../shared/define.js";
import { LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { formatBlockedUntil } from "../../shared/time-format.js";
import { apiErrorText, type ConsoleApi } from "../console-api.js";
import { supervisorStyles } from "../supervisor-styles.js";

/** "09:00-12:00, 13:00-16:00" → periods; undefined when a part does not parse. */
export function parsePeriods(text: string): { from: string; to: string }[] | undefined {
  const parts = text.split(",").map((p) => p.trim()).filter(Boolean);
  const periods = parts.map((p) => /^(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})$/.exec(p));
  if (periods.some((m) => !m)) return undefined;
  return periods.map((m) => ({ from: m![1]!, to: m![2]! }));
}

/**
 * @summary Supervisors: the weekly opening hours (per day one or more periods, plus the phone number and e-mail
 * address shown when the chat is closed) and closures (a whole day or a time range, with a reason).
 */
export class HdAgentHours extends LightElement {
  static override styles = supervisorStyles;
  static override properties = {
    api: { attribute: false },
    schedule: { state: true },
    closures: { state: true },
    scheduleMessage: { state: true },
    closureMessage: { state: true },
    error: { state: true },
  };

  declare api: ConsoleApi | undefined;
  declare schedule: WeeklySchedule | null;
  declare closures: Closure[];
  declare scheduleMessage: string;
  declare closureMessage: string;
  declare error: string;

  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.schedule = null;
    this.closures = [];
    this.scheduleMessage = this.closureMessage = this.error = "";
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
    for (const day of WEEKDAYS) {
      const periods = parsePeriods(String(data.get(day) ?? ""));
      if (!periods) {
        this.error = t("console.hours.invalid", { day: t(`console.day.${day}`) });
        return;
      }
      days[day] = periods;
    }
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
      this.error = apiErrorText(error, t("console.saveError"));
    }
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

  private when(iso: string): string {
    return formatBlockedUntil(iso, this.localeController.locale, new Date(0)) ?? iso;
  }

  protected override render() {
    const s = this.schedule;
    return html`<h2 class="utrecht-heading-2">${t("console.hours.heading")}</h2>
      ${this.error ? html`<p role="alert" class="hd-agent-error">${this.error}</p>` : nothing}
      ${s
        ? html`<form @submit=${this.saveSchedule}>
            <p class="utrecht-paragraph hd-field--wide" id="hd-hours-hint">${t("console.hours.hint")}</p>
            ${WEEKDAYS.map((day) => html`<div class="hd-field"><label class="utrecht-form-label" for="hd-hours-${day}">${t(`console.day.${day}`)}</label>
              <input id="hd-hours-${day}" name=${day} class="utrecht-textbox" size="14" aria-describedby="hd-hours-hint"
                .value=${s.days[day].map((p) => `${p.from}-${p.to}`).join(", ")} /></div>`)}
            <div class="hd-field"><label class="utrecht-form-label" for="hd-hours-phone">${t("console.hours.phone")}</label>
              <input id="hd-hours-phone" name="phone" type="tel" class="utrecht-textbox" .value=${s.phone} /></div>
            <div class="hd-field"><label class="utrecht-form-label" for="hd-hours-email">${t("console.hours.email")}</label>
              <input id="hd-hours-email" name="email" type="email" class="utrecht-textbox" .value=${s.email} /></div>
            <button class="utrecht-button utrecht-button--primary-action">${t("console.save")}</button>
            <p role="status" class="hd-ok">${this.scheduleMessage}</p>
          </form>`
        : html`<p class="utrecht-paragraph">${t("console.loading")}</p>`}
      <h3 class="utrecht-heading-3">${t("console.hours.closures")}</h3>
      ${this.closures.length === 0
        ? html`<p class="utrecht-paragraph">${t("console.hours.noClosures")}</p>`
        : html`<table>
            <thead><tr><th scope="col">${t("console.hours.period")}</th><th scope="col">${t("console.hours.reason")}</th><th scope="col"><span class="hd-sr-only">${t("console.actions")}</span></th></tr></thead>
            <tbody>${this.closures.map((c) => html`<tr>
              <td>${c.date ?? `${this.when(c.startsAt)} – ${this.when(c.endsAt)}`}</td><td>${c.reason}</td>
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

define("hd-agent-hours", HdAgentHours);

declare global {
  interface HTMLElementTagNameMap {
    "hd-agent-hours": HdAgentHours;
  }
}
