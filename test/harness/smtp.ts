/**
 * A real SMTP server (`smtp-server`) on a free port that captures every message, so tests read the PIN from
 * a mail that really went over SMTP. Point Balie at it with `SMTP_URL: capture.url`.
 */
import { SMTPServer } from "smtp-server";

/** One captured mail (headers decoded, text body decoded from quoted-printable/base64). */
export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  raw: string;
  receivedAt: number;
}

export interface SmtpCapture {
  /** `smtp://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly messages: readonly CapturedMail[];
  /** Resolves with the first mail to `to` received after `since` (default: any), or rejects after `timeoutMs`. */
  waitForMail(to: string, options?: { timeoutMs?: number; since?: number }): Promise<CapturedMail>;
  /** Mails to `to`, oldest first. */
  mailsTo(to: string): CapturedMail[];
  clear(): void;
  close(): Promise<void>;
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        messages.push({
          ...parseMail(raw),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw,
          receivedAt: Date.now(),
        });
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  const find = (to: string, since: number) => messages.find((m) => m.to.includes(to.toLowerCase()) && m.receivedAt >= since);

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    mailsTo: (to) => messages.filter((m) => m.to.includes(to.toLowerCase())),
    clear: () => void (messages.length = 0),
    waitForMail(to, options = {}) {
      const since = options.since ?? 0;
      const timeoutMs = options.timeoutMs ?? 5_000;
      const found = find(to, since);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no mail to ${to} within ${timeoutMs} ms (got ${messages.length} to ${messages.flatMap((m) => m.to).join(", ")})`));
        }, timeoutMs);
        const check = () => {
          const mail = find(to, since);
          if (!mail) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(mail);
        };
        waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Minimal MIME parsing for single-part text mails as nodemailer sends them. */
function parseMail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1]?.trim() ?? "";
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  let text = body;
  if (encoding === "quoted-printable") text = decodeQuotedPrintable(body);
  else if (encoding === "base64") text = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return { subject: decodeEncodedWords(header("Subject")), text: text.replace(/\r\n/g, "\n") };
}

function decodeQuotedPrintable(value: string): string {
  const softBreaksRemoved = value.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < softBreaksRemoved.length; i++) {
    const c = softBreaksRemoved[i]!;
    if (c === "=" && /^[0-9A-F]{2}$/i.test(softBreaksRemoved.slice(i + 1, i + 3))) {
      bytes.push(parseInt(softBreaksRemoved.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** `=?UTF-8?Q?...?=` / `=?UTF-8?B?...?=` in headers. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_m, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")),
    );
}
