import { existsSync } from "node:fs";
import path from "node:path";
import express, { Router } from "express";
import { AUTH_PAGE_PATHS } from "../contracts/api/auth.js";

/**
 * Serves the Vite build (`dist/public`) when it exists. Without a build (`npm start` on a fresh clone) `/`
 * answers with a small placeholder page, so the server never depends on a client build to start.
 */
export function createStaticRouter(publicDir: string): Router {
  const router = Router();
  if (existsSync(path.join(publicDir, "index.html"))) {
    // Vite puts content-hashed files under assets/: cache them for a year; HTML is always revalidated.
    router.use(
      "/assets",
      express.static(path.join(publicDir, "assets"), { immutable: true, maxAge: "365d", fallthrough: false }),
    );
    // The embeddable chat (`/widgets/chat.js` and its chunks) is loaded by schools' own sites: a module script
    // from another origin needs CORS, and helmet's default Cross-Origin-Resource-Policy (same-origin) would block it.
    router.use("/widgets", (_req, res, next) => {
      res.set({ "Access-Control-Allow-Origin": "*", "Cross-Origin-Resource-Policy": "cross-origin" });
      next();
    });
    router.use(express.static(publicDir, { index: "index.html", maxAge: 0 }));
    // History fallback: each client-side path gets its Vite entry (the page picks its view from the path).
    const sendEntry = (file: string) => (_req: express.Request, res: express.Response) => {
      // `root`, not an absolute path: send() refuses any path with a dot-directory in it (e.g. /srv/.releases/…).
      res.set("Cache-Control", "no-cache").sendFile(file, { root: publicDir });
    };
    if (existsSync(path.join(publicDir, "auth.html"))) router.get([...AUTH_PAGE_PATHS], sendEntry("auth.html"));
    if (existsSync(path.join(publicDir, "portal.html"))) router.get(["/portaal", "/portaal/{*rest}"], sendEntry("portal.html"));
    // The agent console; `/medewerker/inloggen` is an identity page and was routed to auth.html above.
    if (existsSync(path.join(publicDir, "agent.html"))) router.get(["/medewerker", "/medewerker/{*rest}"], sendEntry("agent.html"));
    return router;
  }
  router.get("/", (_req, res) => {
    res.type("html").set("Cache-Control", "no-store").send(PLACEHOLDER_HTML);
  });
  return router;
}

/** No inline styles or scripts: the CSP allows only our own files. */
const PLACEHOLDER_HTML = `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Balie — helpdesk voor scholen</title>
</head>
<body>
<header><p>Balie</p></header>
<main id="main">
<h1>Balie — helpdesk voor scholen</h1>
<p>De server draait. De portal is nog niet gebouwd: voer <code>npm run build</code> uit om de volledige
pagina te zien.</p>
</main>
</body>
</html>
`;
