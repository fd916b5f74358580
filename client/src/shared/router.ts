/**
 * A tiny history router for a multi-path Vite entry: the server serves the same HTML for each of the entry's
 * paths, the page picks what to render from `location.pathname`, and same-origin links to those paths switch
 * view without a reload (links to other paths, e.g. `/portaal` or `/auth/eherkenning/start`, load normally).
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";

/** Fired on `window` after an in-page navigation. */
const navigationEvent = "hd-navigate";

/** Normalises a pathname: no trailing slash (except "/"), lower case. */
export function normalisePath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, "");
  return (trimmed || "/").toLowerCase();
}

/** Navigates within the page (pushState) when `path` is handled here, else with a full page load. */
export function navigate(url: string, handled: (path: string) => boolean, options: { replace?: boolean } = {}): void {
  const target = new URL(url, location.href);
  if (target.origin !== location.origin || !handled(normalisePath(target.pathname))) {
    location.assign(target.href);
    return;
  }
  const next = target.pathname + target.search + target.hash;
  if (options.replace) history.replaceState(null, "", next);
  else history.pushState(null, "", next);
  window.dispatchEvent(new Event(navigationEvent));
}

/**
 * Re-renders its host on back/forward and in-page navigation, and turns clicks on same-origin links to handled
 * paths into in-page navigations. Links marked `data-full-navigation`, with a target, a download attribute, a
 * modifier key or a hash-only href keep the browser's behaviour.
 */
export class RouterController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** True for the paths this entry renders. */
    readonly handles: (path: string) => boolean,
    /** Called after the view changed (focus management, title). */
    private readonly onChange: () => void = () => {},
  ) {
    host.addController(this);
  }

  /** The current normalised path. */
  get path(): string {
    return normalisePath(location.pathname);
  }

  /** The current query parameters. */
  get query(): URLSearchParams {
    return new URLSearchParams(location.search);
  }

  /** Navigates to `url` (in-page when handled here). */
  go(url: string, options: { replace?: boolean } = {}): void {
    navigate(url, this.handles, options);
  }

  private readonly update = (): void => {
    this.host.requestUpdate();
    void this.host.updateComplete.then(this.onChange);
  };

  private readonly onClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.hasAttribute("download") || anchor.hasAttribute("data-full-navigation")) return;
    const href = anchor.getAttribute("href");
    if (!href || href.startsWith("#") || href.startsWith("mailto:")) return;
    const target = new URL(anchor.href, location.href);
    if (target.origin !== location.origin || !this.handles(normalisePath(target.pathname))) return;
    event.preventDefault();
    this.go(target.href);
  };

  hostConnected(): void {
    window.addEventListener("popstate", this.update);
    window.addEventListener(navigationEvent, this.update);
    this.host.addEventListener("click", this.onClick);
  }

  hostDisconnected(): void {
    window.removeEventListener("popstate", this.update);
    window.removeEventListener(navigationEvent, this.update);
    this.host.removeEventListener("click", this.onClick);
  }
}
