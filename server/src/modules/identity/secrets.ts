/**
 * Random values and hashes used by identity: session ids, CSRF tokens, PINs, activation codes, reset tokens.
 * All randomness comes from `node:crypto`.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

/** 32 random bytes, base64url (session ids, CSRF tokens, reset tokens). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** sha256 hex of a string. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** A 6-digit PIN, uniformly random, e.g. `042917`. */
export function randomPin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/**
 * Hash of a PIN: HMAC-sha256 keyed with the server secret (pepper) over a per-PIN salt and the PIN, stored as
 * `salt:hex`. A 6-digit PIN has only 10^6 values; the pepper keeps a database dump from revealing it.
 */
export function hashPin(pin: string, pepper: string): string {
  const salt = randomBytes(16).toString("hex");
  return `${salt}:${createHmac("sha256", pepper).update(`${salt}:${pin}`).digest("hex")}`;
}

/** True when `pin` matches a {@link hashPin} value. */
export function verifyPin(pin: string, stored: string, pepper: string): boolean {
  const [salt, hex] = stored.split(":");
  if (!salt || !hex) return false;
  return safeEqual(createHmac("sha256", pepper).update(`${salt}:${pin}`).digest("hex"), hex);
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A 16-character activation code (80 bits) in groups of four: `K7QM-2XPA-9DHT-4RWC`. */
export function randomActivationCode(): string {
  let raw = "";
  for (let i = 0; i < 16; i++) raw += CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)];
  return raw.match(/.{4}/g)!.join("-");
}

/** Normalised form of a typed activation code (no spaces or dashes, upper case). */
export function normaliseActivationCode(code: string): string {
  return code.replace(/[\s-]/g, "").toUpperCase();
}

/** Stored hash of an activation code (sha256 of the normalised code). */
export function hashActivationCode(code: string): string {
  return sha256(`activation:${normaliseActivationCode(code)}`);
}

/** `jan.jansen@school.nl` → `j***@school.nl`. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}

/**
 * A valid argon2id hash of a random string, with the parameters our real hashes use: verifying a password against
 * it costs as much as a real verify, so an unknown name takes as long as a known one (no timing oracle).
 */
export const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$YTm1fr5LdEYQrBKlRcHtfw$cdQSfHup4nWQFkoT1/QKvI0k8N4UV5lrKstgXgbK9Ss";
