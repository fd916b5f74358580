/**
 * The server side of SCRAM-SHA-256 (RFC 5802 with RFC 7677's hash), the mechanism mongod and the Node driver
 * use by default. The store keeps only the verifier (salt, StoredKey, ServerKey), never compares passwords,
 * and answers every failure the same way, so a client learns nothing but "no".
 *
 * Messages are the RFC's text: client-first `n,,n=user,r=cnonce`, server-first `r=cnonce+snonce,s=salt,i=n`,
 * client-final `c=biws,r=cnonce+snonce,p=proof`, server-final `v=signature`.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";

export const SCRAM_MECHANISM = "SCRAM-SHA-256";
/** mongod's default scramSHA256IterationCount (the driver refuses fewer than 4096). */
const ITERATIONS = 15_000;
/** Longer client messages are not SCRAM (ours are ~100 bytes); refusing them bounds the work per attempt. */
const MAX_CLIENT_MESSAGE = 2048;

/** What the store knows about its one user. */
export interface ScramVerifier {
  readonly user: string;
  readonly salt: Buffer;
  readonly iterations: number;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

/** State between server-first and client-final. */
export interface ScramPending {
  readonly gs2Header: string;
  readonly clientFirstBare: string;
  readonly serverFirst: string;
  readonly nonce: string;
}

/** Any SCRAM failure; the caller answers mongod's AuthenticationFailed without detail. */
export class ScramError extends Error {}

const hmac = (key: Buffer, text: string) => createHmac("sha256", key).update(text, "utf8").digest();
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest();

/**
 * Derives the verifier. The password must already be SASLprep'd; Balie's generated passwords are ASCII
 * alphanumeric, for which SASLprep changes nothing.
 */
export function makeVerifier(user: string, password: string, salt: Buffer = randomBytes(28), iterations = ITERATIONS): ScramVerifier {
  const salted = pbkdf2Sync(Buffer.from(password, "utf8"), salt, iterations, 32, "sha256");
  return { user, salt, iterations, storedKey: sha256(hmac(salted, "Client Key")), serverKey: hmac(salted, "Server Key") };
}

/** Splits `k=v,k=v` into pairs, keeping order (RFC 5802 fixes the order of the leading attributes). */
function attributes(text: string): Array<[string, string]> {
  return text.split(",").map((part) => {
    const m = /^([A-Za-z])=(.*)$/s.exec(part);
    if (!m) throw new ScramError("malformed attribute");
    return [m[1]!, m[2]!];
  });
}

/** saslname decoding: `=2C` is ',' and `=3D` is '='; any other '=' is malformed. */
function decodeName(name: string): string {
  if (/=(?!2C|3D)/.test(name)) throw new ScramError("malformed username");
  return name.replace(/=2C/g, ",").replace(/=3D/g, "=");
}

/** Checks the client-first message and builds server-first. */
export function scramStart(verifier: ScramVerifier, clientFirst: string): ScramPending {
  if (clientFirst.length > MAX_CLIENT_MESSAGE) throw new ScramError("message too long");
  // gs2 header: "n" (no channel binding) or "y" (client could but thinks we cannot), no authzid.
  const m = /^([ny]),,(.*)$/s.exec(clientFirst);
  if (!m) throw new ScramError("unsupported gs2 header");
  const clientFirstBare = m[2]!;
  const attrs = attributes(clientFirstBare);
  if (attrs[0]?.[0] !== "n" || attrs[1]?.[0] !== "r") throw new ScramError("expected n= and r=");
  const clientNonce = attrs[1][1];
  if (!/^[\x21-\x2b\x2d-\x7e]{8,256}$/.test(clientNonce)) throw new ScramError("bad nonce");
  if (decodeName(attrs[0][1]) !== verifier.user) throw new ScramError("unknown user");
  const nonce = clientNonce + randomBytes(24).toString("base64");
  const serverFirst = `r=${nonce},s=${verifier.salt.toString("base64")},i=${verifier.iterations}`;
  return { gs2Header: `${m[1]},,`, clientFirstBare, serverFirst, nonce };
}

/** Verifies client-final's proof; returns server-final (`v=...`), which proves to the client that we know the verifier. */
export function scramFinish(verifier: ScramVerifier, pending: ScramPending, clientFinal: string): string {
  if (clientFinal.length > MAX_CLIENT_MESSAGE) throw new ScramError("message too long");
  const proofAt = clientFinal.lastIndexOf(",p=");
  if (proofAt < 0) throw new ScramError("no proof");
  const withoutProof = clientFinal.slice(0, proofAt);
  const attrs = attributes(withoutProof);
  if (attrs[0]?.[0] !== "c" || attrs[1]?.[0] !== "r") throw new ScramError("expected c= and r=");
  if (attrs[0][1] !== Buffer.from(pending.gs2Header).toString("base64")) throw new ScramError("channel binding mismatch");
  if (attrs[1][1] !== pending.nonce) throw new ScramError("nonce mismatch");
  const proof = Buffer.from(clientFinal.slice(proofAt + 3), "base64");
  if (proof.length !== 32) throw new ScramError("bad proof");
  const authMessage = `${pending.clientFirstBare},${pending.serverFirst},${withoutProof}`;
  const signature = hmac(verifier.storedKey, authMessage);
  const clientKey = Buffer.alloc(32);
  for (let i = 0; i < 32; i++) clientKey[i] = proof[i]! ^ signature[i]!;
  if (!timingSafeEqual(sha256(clientKey), verifier.storedKey)) throw new ScramError("wrong proof");
  return `v=${hmac(verifier.serverKey, authMessage).toString("base64")}`;
}
