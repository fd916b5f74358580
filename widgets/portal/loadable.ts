import { html, nothing, type TemplateResult } from "lit";
import { errorText, t } from "../shared/i18n/index.js";
import type { PortalApiError } from "./portal-api.js";

/**
 * The three states of a tile's data: loading (a status line), failed (an error alert with "Opnieuw proberen")
 * or loaded (`render(data)`).
 */
export function loadable<T>(
  data: T | null,
  error: PortalApiError | null,
  retry: () => void,
  render: (data: T) => TemplateResult | typeof nothing,
): TemplateResult | typeof nothing {
  if (data) return render(data);
  if (error) {
    return html`<div class="utrecht-alert utrecht-alert--error"><div class="utrecht-alert__content"><div class="utrecht-alert__message">
      <p class="utrecht-paragraph">${t("details.loadError")} ${errorText(error)}</p>
      <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${retry}>${t("portal.retry")}</button>
    </div></div></div>`;
  }
  return html`<p class="utrecht-paragraph" role="status">${t("details.loading")}</p>`;
}
