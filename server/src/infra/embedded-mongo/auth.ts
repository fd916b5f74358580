/**
 * Authentication per connection, as mongod with `--auth` does it: until a connection has completed SCRAM
 * (saslStart/saslContinue, or speculatively inside its first hello), it may only run the handshake. Without
 * this, any process on the machine could connect to 127.0.0.1 and write, say, a session with a role of its
 * choice. Driver monitoring connections never authenticate; they only send hello, which stays open.
 */
import { Binary } from "bson";
import { ErrorCodes, mongoError, toMongoError } from "./errors.js";
import type { Doc } from "./query.js";
import { SCRAM_MECHANISM, ScramError, scramFinish, scramStart, type ScramPending, type ScramVerifier } from "./scram.js";

/**
 * Commands an unauthenticated connection may run: the handshake and SASL, plus ping, which mongod also
 * allows without authentication (it says nothing about the data).
 */
const OPEN_COMMANDS = new Set(["hello", "isMaster", "ismaster", "saslStart", "saslContinue", "ping"]);
const HANDSHAKE = new Set(["hello", "isMaster", "ismaster"]);
/** The only authentication database, like a user created in mongod's admin database. */
const AUTH_DB = "admin";
/** One conversation at a time per connection, so a constant id is enough (mongod also uses 1). */
const CONVERSATION_ID = 1;

const authFailed = () => mongoError(ErrorCodes.AuthenticationFailed, "Authentication failed.");

function payloadText(value: unknown): string {
  if (value instanceof Binary) return Buffer.from(value.buffer.subarray(0, value.position)).toString("utf8");
  if (value instanceof Uint8Array) return Buffer.from(value).toString("utf8");
  throw mongoError(ErrorCodes.TypeMismatch, "BSON field 'payload' is the wrong type, expected type 'binData'");
}

const payload = (text: string) => new Binary(Buffer.from(text, "utf8"));

export class ConnectionAuth {
  private authenticated = false;
  private pending: ScramPending | null = null;
  /** Server-final was sent without done:true; the client's empty saslContinue completes the conversation. */
  private awaitingEmpty = false;
  /** saslStart's options.skipEmptyExchange (the driver sends it): answer done:true with server-final, like mongod. */
  private skipEmpty = false;

  constructor(private readonly verifier: ScramVerifier) {}

  /**
   * Answers authentication commands and refuses what this connection may not run yet; returns null when
   * the command should run normally.
   */
  intercept(name: string, cmd: Doc): Doc | null {
    try {
      if (name === "saslStart") return this.start(cmd, cmd.$db);
      if (name === "saslContinue") return this.continue(cmd);
      if (name === "logout") {
        this.authenticated = false;
        return { ok: 1 };
      }
    } catch (err) {
      return toMongoError(err, ErrorCodes.AuthenticationFailed).toReply();
    }
    if (this.authenticated || OPEN_COMMANDS.has(name)) return null;
    return mongoError(ErrorCodes.Unauthorized, `command ${name} requires authentication`).toReply();
  }

  /** Fields to add to a hello reply: the mechanisms for `saslSupportedMechs`, the first SCRAM step for `speculativeAuthenticate`. */
  helloExtras(name: string, cmd: Doc): Doc {
    if (!HANDSHAKE.has(name)) return {};
    const out: Doc = {};
    if (cmd.saslSupportedMechs === `${AUTH_DB}.${this.verifier.user}`) out.saslSupportedMechs = [SCRAM_MECHANISM];
    const spec = cmd.speculativeAuthenticate;
    if (spec && typeof spec === "object" && (spec as Doc).saslStart !== undefined) {
      // Like mongod: a speculative attempt that fails is left out of the reply, and the driver starts over.
      try {
        out.speculativeAuthenticate = this.start(spec as Doc, (spec as Doc).db);
        delete (out.speculativeAuthenticate as Doc).ok;
      } catch {
        this.pending = null;
      }
    }
    return out;
  }

  private start(cmd: Doc, db: unknown): Doc {
    this.pending = null;
    this.awaitingEmpty = false;
    if (cmd.mechanism !== SCRAM_MECHANISM) {
      throw mongoError(ErrorCodes.MechanismUnavailable, `Received authentication for mechanism ${String(cmd.mechanism)} which is not enabled`);
    }
    if (db !== AUTH_DB) throw authFailed();
    this.skipEmpty = (cmd.options as Doc | undefined)?.skipEmptyExchange === true;
    try {
      this.pending = scramStart(this.verifier, payloadText(cmd.payload));
    } catch (err) {
      if (err instanceof ScramError) throw authFailed();
      throw err;
    }
    return { conversationId: CONVERSATION_ID, done: false, payload: payload(this.pending.serverFirst), ok: 1 };
  }

  private continue(cmd: Doc): Doc {
    if (cmd.conversationId !== CONVERSATION_ID || (!this.pending && !this.awaitingEmpty)) {
      throw mongoError(ErrorCodes.ProtocolError, "No SASL session state found");
    }
    if (this.awaitingEmpty) {
      this.awaitingEmpty = false;
      return { conversationId: CONVERSATION_ID, done: true, payload: payload(""), ok: 1 };
    }
    const pending = this.pending!;
    this.pending = null;
    let serverFinal: string;
    try {
      serverFinal = scramFinish(this.verifier, pending, payloadText(cmd.payload));
    } catch (err) {
      if (err instanceof ScramError) throw authFailed();
      throw err;
    }
    this.authenticated = true;
    this.awaitingEmpty = !this.skipEmpty;
    return { conversationId: CONVERSATION_ID, done: this.skipEmpty, payload: payload(serverFinal), ok: 1 };
  }
}
