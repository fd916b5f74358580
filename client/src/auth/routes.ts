import { navigate, normalisePath } from "../shared/router.js";

/** Every path the identity entry (`auth.html`) renders. The server must answer each with `auth.html`. */
export const authPaths = [
  "/inloggen",
  "/koppelen",
  "/koppelen/pincode",
  "/wachtwoord-vergeten",
  "/wachtwoord-herstellen",
  "/account-kiezen",
  "/medewerker/inloggen",
] as const;
export type AuthPath = (typeof authPaths)[number];

export function isAuthPath(path: string): path is AuthPath {
  return (authPaths as readonly string[]).includes(normalisePath(path));
}

/** Navigates: in-page for identity paths, a full load for anything else (`/portaal`, `/auth/eherkenning/start`). */
export function go(url: string, options: { replace?: boolean } = {}): void {
  navigate(url, isAuthPath, options);
}

/** Where people land after logging in. */
export const portalPath = "/portaal";
/** Where agents land after logging in (the agent console). */
export const agentConsolePath = "/medewerker";
