import { existsSync } from "node:fs";
import path from "node:path";
import express, { Router } from "express";

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
    router.use(express.static(publicDir, { index: "index.html", maxAge: 0 }));
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
