/**
 * Outgoing mail. With `smtpUrl`, nodemailer sends over SMTP; without it, mails go to the {@link DevOutbox}
 * (development and demo). Commands depend on the small {@link Mailer} interface only.
 */
import nodemailer from "nodemailer";
import { now } from "./clock.js";
import { DevOutbox } from "./dev-outbox.js";

/** One plain-text mail. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link createMailer}. */
export interface MailerOptions {
  /** `smtp://host:port` or `smtps://user:pass@host:port`; absent → dev outbox. */
  smtpUrl?: string | undefined;
  /** Sender, e.g. `Balie <noreply@balie.example>`. */
  from: string;
  /** The outbox to use without SMTP (one is created when absent). */
  outbox?: DevOutbox;
}

/** A mailer plus its outbox (present when mails are kept in memory). */
export interface MailerHandle extends Mailer {
  readonly outbox: DevOutbox | undefined;
}

export function createMailer(options: MailerOptions): MailerHandle {
  if (!options.smtpUrl) {
    const outbox = options.outbox ?? new DevOutbox();
    return {
      outbox,
      async send(message) {
        outbox.add({ ...message, from: options.from, at: now() });
      },
      async close() {},
    };
  }
  const url = new URL(options.smtpUrl);
  // Plain smtp:// is for local relays and the test capture; no STARTTLS upgrade is forced there.
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === "smtps:" ? 465 : 25)),
    secure: url.protocol === "smtps:",
    ignoreTLS: url.protocol === "smtp:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost"),
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
  });
  return {
    outbox: undefined,
    async send(message) {
      await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text });
    },
    async close() {
      transport.close();
    },
  };
}
