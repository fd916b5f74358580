/**
 * Development outbox: without SMTP_URL, mails are kept in memory (last 100) and listed at `GET /dev/mail`,
 * so a newcomer can read the PIN of a demo link. Never mounted in production.
 */
import { escapeHtml } from "./html.js";
import { localDateTimeInWords } from "./local-time.js";
import { Router } from "express";

/** One captured mail. */
export interface OutboxMessage {
  to: string;
  from: string;
  subject: string;
  text: string;
  at: Date;
}

/** In-memory ring buffer of mails. */
export class DevOutbox {
  private readonly messages: OutboxMessage[] = [];
  constructor(private readonly capacity = 100) {}
  add(message: OutboxMessage): void {
    this.messages.unshift(message);
    this.messages.length = Math.min(this.messages.length, this.capacity);
  }
  /** Newest first. */
  list(): readonly OutboxMessage[] {
    return this.messages;
  }
  clear(): void {
    this.messages.length = 0;
  }
}


const OUTBOX_CSS = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
ul{padding:0}li{list-style:none;border-bottom:1px solid #ccc;padding:1rem 0}h2{font-size:1.125rem;margin:0 0 .25rem}
pre{white-space:pre-wrap;background:#f5f5f5;padding:.75rem;border-radius:4px}`;

/** `GET /dev/mail` (HTML), `GET /dev/mail.css` and `GET /dev/mail.json`. Mount only outside production. */
export function devOutboxRouter(outbox: DevOutbox): Router {
  const router = Router();
  router.get("/dev/mail.json", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ messages: outbox.list() });
  });
  // A stylesheet of its own: the site's Content-Security-Policy (style-src 'self') blocks inline <style>.
  router.get("/dev/mail.css", (_req, res) => {
    res.set("Cache-Control", "no-store").type("css").send(OUTBOX_CSS);
  });
  router.get("/dev/mail", (_req, res) => {
    const items = outbox
      .list()
      .map(
        (m) => `<li><article><h2>${escapeHtml(m.subject)}</h2>
<p>Aan: ${escapeHtml(m.to)} · Van: ${escapeHtml(m.from)} · <time datetime="${m.at.toISOString()}">${escapeHtml(localDateTimeInWords(m.at, "nl"))}</time></p>
<pre>${escapeHtml(m.text)}</pre></article></li>`,
      )
      .join("\n");
    res
      .set("Cache-Control", "no-store")
      .type("html")
      .send(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Balie – ontwikkel-postvak</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/dev/mail.css">
</head><body><main><h1>Ontwikkel-postvak</h1><p>Verstuurde e-mails (alleen in ontwikkeling; nieuwste eerst).</p>
${items ? `<ul>${items}</ul>` : "<p>Nog geen e-mails.</p>"}</main></body></html>`);
  });
  return router;
}
