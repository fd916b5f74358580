/**
 * The portal's whole-page states besides a loaded organisation (loading, switching, Geen toegang, not found,
 * failed) and the honest empty state of a tab that is not built yet. Each returns the document title and the
 * content of `<main>` (with its own focusable `<h1>`).
 */
import { html, nothing, type TemplateResult } from "lit";
import { errorText, t } from "../../../widgets/shared/i18n/index.js";
import type { ApiError } from "../shared/api.js";
import { portalRoot, type PortalTab } from "./routes.js";

/** A page state: document title and main content. */
export interface PortalView {
  title: string;
  content: TemplateResult;
}

const heading = (text: string) => html`<h1 class="utrecht-heading-1 hd-page-heading" tabindex="-1">${text}</h1>`;

const alert = (type: "error" | "info", content: TemplateResult, live = false) =>
  html`<div class="utrecht-alert utrecht-alert--${type}" role=${live ? "alert" : nothing}>
    <div class="utrecht-alert__content"><div class="utrecht-alert__message">${content}</div></div>
  </div>`;

const backToOwn = () =>
  html`<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href=${portalRoot}>${t("portal.forbidden.back")}</a></p>`;

/** While the session loads, or while switching to `switchingTo`. */
export function loadingView(switchingTo?: string): PortalView {
  const text = switchingTo ? t("portal.switching", { name: switchingTo }) : t("portal.loading");
  return { title: t("portal.tab.details"), content: html`<p class="utrecht-paragraph hd-portal__loading" role="status">${text}</p>` };
}

/** The identity may not act for the organisation in the URL. */
export function forbiddenView(): PortalView {
  return {
    title: t("portal.forbidden.title"),
    content: html`${heading(t("portal.forbidden.title"))}
      ${alert("error", html`<p class="utrecht-paragraph">${t("portal.forbidden.text")}</p>`, true)} ${backToOwn()}`,
  };
}

/** A path under /portaal that means nothing. */
export function notFoundView(): PortalView {
  return {
    title: t("notFound.title"),
    content: html`${heading(t("notFound.title"))}
      <p class="utrecht-paragraph">${t("notFound.text")}</p>
      ${backToOwn()}`,
  };
}

/** The session or the switch failed for another reason (network, server). */
export function errorView(error: ApiError): PortalView {
  return {
    title: t("portal.loadError.title"),
    content: html`${heading(t("portal.loadError.title"))}
      ${alert("error", html`<p class="utrecht-paragraph">${errorText(error)}</p>`, true)}
      <button type="button" class="utrecht-button utrecht-button--primary-action" @click=${() => location.reload()}>${t("portal.retry")}</button>`,
  };
}

/** A tab whose element is not defined (yet): say so, never show made-up data. */
export function notAvailableView(tab: PortalTab): TemplateResult {
  return html`<div class="hd-portal__empty">
    <h2 class="utrecht-heading-2">${t(tab.label)}</h2>
    ${alert("info", html`<p class="utrecht-paragraph">${t("portal.notAvailable")}</p><p class="utrecht-paragraph">${t("portal.notAvailableHint")}</p>`)}
  </div>`;
}
