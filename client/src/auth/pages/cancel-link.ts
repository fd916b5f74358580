import { html, type TemplateResult } from "lit";
import type { SessionResponse } from "../../../../server/src/contracts/api/auth.js";
import { t } from "../../../../widgets/shared/i18n/index.js";
import { api } from "../../shared/api.js";
import { go, portalPath } from "../routes.js";

/** Ends the half-finished link (the eHerkenning login and any PIN are forgotten) and goes to /inloggen. */
async function cancelAndLogOut(): Promise<void> {
  try {
    const session = await api.post<SessionResponse>("/api/v1/auth/logout");
    api.setCsrfToken(session?.csrfToken);
  } finally {
    go("/inloggen?uitgelogd=1");
  }
}

/**
 * The way out of linking: someone adding a second account goes back to the portal (still logged in); someone
 * who only logged in at eHerkenning stops and is logged out, so the next person at this computer starts clean.
 */
export function cancelLink(adding: boolean): TemplateResult {
  return adding
    ? html`<p class="utrecht-paragraph hd-link-cancel"><a class="utrecht-link utrecht-link--html-a" href=${portalPath}>${t("link.cancelAdd")}</a></p>`
    : html`<p class="utrecht-paragraph hd-link-cancel">
        <button type="button" class="utrecht-button utrecht-button--subtle" @click=${() => void cancelAndLogOut()}>${t("link.cancel")}</button>
      </p>`;
}
