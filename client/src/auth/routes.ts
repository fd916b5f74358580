import { AUTH_PAGE_PATHS, type AuthPagePath } from "../../../server/src/contracts/api/auth.js";
import { navigate, normalisePath } from "../shared/router.js";

/** True for the paths the identity entry renders ({@link AUTH_PAGE_PATHS}). */
export function isAuthPath(path: string): path is AuthPagePath {
  return (AUTH_PAGE_PATHS as readonly string[]).includes(normalisePath(path));
}

/** Navigates: in-page for identity paths, a full load for anything else (`/portaal`, `/auth/eherkenning/start`). */
export function go(url: string, options: { replace?: boolean } = {}): void {
  navigate(url, isAuthPath, options);
}

/** Where people land after logging in. */
export const portalPath = "/portaal";
/** Where agents land after logging in (the agent console). */
export const agentConsolePath = "/medewerker";
