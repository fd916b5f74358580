/**
 * The store's one user and its password. Generated on the first start of a data folder and kept in
 * `credentials.json` there with mode 0600, so only the account that owns the data can read it; Balie (in the
 * same process) and `npm run db` (which prints them in its URI) read it from there. An in-memory store gets
 * fresh credentials per instance.
 *
 * Passwords are ASCII letters and digits only: they need no escaping in a mongodb:// URI and SASLprep (which
 * the driver applies to SCRAM-SHA-256 passwords) leaves them unchanged.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { randomInt } from "node:crypto";
import { join } from "node:path";

export interface StoreCredentials {
  readonly username: string;
  readonly password: string;
}

export const CREDENTIALS_FILE = "credentials.json";
const USERNAME = "balie";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** 40 characters of 62: about 238 bits. */
const PASSWORD_LENGTH = 40;
const VALID = /^[A-Za-z0-9]{1,128}$/;

/** Fresh random credentials (randomInt is uniform, unlike a byte modulo 62). */
export function generateCredentials(): StoreCredentials {
  let password = "";
  for (let i = 0; i < PASSWORD_LENGTH; i++) password += ALPHABET[randomInt(ALPHABET.length)];
  return { username: USERNAME, password };
}

/**
 * Reads the data folder's credentials, creating them on first use. Call it while holding the folder lock, so
 * two processes never generate different passwords for one folder. Refuses a file that others can read,
 * as ssh does with a private key: its password may have leaked, so the operator should look (and may delete
 * the file to get a new one).
 */
export function loadOrCreateCredentials(dir: string): StoreCredentials {
  const file = join(dir, CREDENTIALS_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    const created = generateCredentials();
    writePrivate(file, `${JSON.stringify(created, null, 2)}\n`);
    return created;
  }
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    throw new Error(`${file} is readable by other users (mode ${mode.toString(8)}); check who read it, then chmod 600 it or delete it to get new credentials`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const { username, password } = (parsed ?? {}) as Partial<StoreCredentials>;
  if (typeof username !== "string" || typeof password !== "string" || !VALID.test(username) || !VALID.test(password)) {
    throw new Error(`${file} is not valid (expected {"username", "password"}, letters and digits); delete it to get new credentials`);
  }
  return { username, password };
}

/** Writes a new file with mode 0600 from the start (no window where it is readable), then renames it into place. */
function writePrivate(file: string, content: string): void {
  const tmp = `${file}.tmp`;
  rmSync(tmp, { force: true }); // a leftover could have another mode; 'wx' below would also refuse it
  const fd = openSync(tmp, "wx", 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
