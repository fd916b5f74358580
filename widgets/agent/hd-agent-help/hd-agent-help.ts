import { html } from "lit";
import { define } from "../../shared/define.js";
import { LocaleController, t, type MessageKey } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { styles } from "./hd-agent-help.styles.js";

/** The console's keyboard shortcuts: the keys and what they do (the console app implements them). */
export const shortcuts: readonly { keys: string[]; action: MessageKey }[] = [
  { keys: ["Alt", "1 … 4"], action: "console.help.switchChat" },
  { keys: ["Ctrl", "Enter"], action: "console.help.send" },
  { keys: ["Alt", "Q"], action: "console.help.queue" },
  { keys: ["Alt", "N"], action: "console.help.note" },
  { keys: ["Alt", "C"], action: "console.help.context" },
  { keys: ["Alt", "H"], action: "console.help.help" },
  { keys: ["Esc"], action: "console.help.close" },
];

/**
 * @summary The keyboard shortcuts help: a modal `<dialog>` (focus trapped and restored by the browser, Escape
 * closes it).
 */
export class HdAgentHelp extends LightElement {
  static override styles = styles;
  protected readonly localeController = new LocaleController(this);

  /** Opens the dialog. */
  show(): void {
    this.querySelector("dialog")?.showModal();
  }

  protected override render() {
    return html`<dialog aria-labelledby="hd-agent-help-title">
      <h2 class="utrecht-heading-2" id="hd-agent-help-title">${t("console.help.title")}</h2>
      <table>
        <caption class="hd-sr-only">${t("console.help.title")}</caption>
        <thead><tr><th scope="col">${t("console.help.keys")}</th><th scope="col">${t("console.help.action")}</th></tr></thead>
        <tbody>
          ${shortcuts.map(
            (s) => html`<tr><td>${s.keys.map((k, i) => html`${i ? " + " : ""}<kbd>${k}</kbd>`)}</td><td>${t(s.action)}</td></tr>`,
          )}
        </tbody>
      </table>
      <form method="dialog"><button class="utrecht-button utrecht-button--primary-action">${t("console.help.done")}</button></form>
    </dialog>`;
  }
}

define("hd-agent-help", HdAgentHelp);

declare global {
  interface HTMLElementTagNameMap {
    "hd-agent-help": HdAgentHelp;
  }
}
