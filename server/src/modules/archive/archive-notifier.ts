/**
 * "Er staat een nieuw bericht in uw Digitaal archief": when the helpdesk puts a document or e-mail in an
 * organisation's archive, its gemachtigde(n) get a short mail. The mail names the organisation and where to
 * read the message, nothing else: not the subject, not the text, not who sent it, because mail leaves Balie.
 *
 * The mailer is configured once at start-up with {@link configureArchiveNotifications} (the same mailer the
 * identity module uses). Until then notifications are skipped and reported as `mail_not_configured`.
 */
import type { Mailer } from "../../infra/mailer.js";
import type { Organisation } from "../organisations/organisation.model.js";

/** Options of {@link configureArchiveNotifications}. */
export interface ArchiveNotificationOptions {
  mailer: Mailer;
  /** Public base URL of Balie (`https://balie.example.nl`), for the link to the portal. */
  publicUrl: string;
}

let options: ArchiveNotificationOptions | null = null;

/** Sets (or with null, clears) the mailer used for archive notifications. */
export function configureArchiveNotifications(next: ArchiveNotificationOptions | null): void {
  options = next;
}

/** Subject of the notification mail. */
export const ARCHIVE_NOTIFICATION_SUBJECT = "Er staat een nieuw bericht in uw Digitaal archief";

/** The mail text for `org`. */
export function archiveNotificationText(org: Pick<Organisation, "name" | "code">, publicUrl: string): string {
  return [
    "Geachte heer/mevrouw,",
    "",
    `Er staat een nieuw bericht van de Helpdesk primair onderwijs in het Digitaal archief van ${org.name} (${org.code}).`,
    "",
    `U leest het na inloggen op ${publicUrl.replace(/\/$/, "")}/portaal, tabblad Digitaal archief.`,
    "",
    "Met vriendelijke groet,",
    "",
    "Helpdesk primair onderwijs",
    "",
    "Dit is een automatisch bericht. U kunt hierop niet antwoorden.",
  ].join("\n");
}

/** What happened to the notification. */
export type NotificationOutcome = { sent: boolean; reason: "sent" | "no_authorised_contact" | "mail_not_configured" | "mail_failed" };

/** Mails every gemachtigde of `org`. Never throws: the archive item exists either way. */
export async function notifyNewArchiveItem(org: Pick<Organisation, "name" | "code" | "contacts">): Promise<NotificationOutcome> {
  const recipients = [...new Set(org.contacts.filter((c) => c.roles.includes("authorised")).map((c) => c.email))];
  if (recipients.length === 0) return { sent: false, reason: "no_authorised_contact" };
  if (!options) return { sent: false, reason: "mail_not_configured" };
  const { mailer, publicUrl } = options;
  try {
    for (const to of recipients) await mailer.send({ to, subject: ARCHIVE_NOTIFICATION_SUBJECT, text: archiveNotificationText(org, publicUrl) });
    return { sent: true, reason: "sent" };
  } catch {
    return { sent: false, reason: "mail_failed" };
  }
}
