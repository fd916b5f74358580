/**
 * MongoDB wire protocol framing: the 16-byte header, legacy OP_QUERY/OP_REPLY (only for the handshake,
 * as drivers still send their first `hello` that way) and OP_MSG with kind-0 body and kind-1 document
 * sequences. Parsing never trusts lengths: anything inconsistent throws {@link WireError}, which the server
 * answers by closing that one connection.
 */
import { serialize, type Document } from "bson";
import { crc32c } from "./crc32c.js";
import { decodeDocument } from "./decode.js";

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

/** Largest message accepted or sent (mongod's maxMessageSizeBytes). */
export const MAX_MESSAGE_SIZE = 48_000_000;
/** Largest document (mongod's maxBsonObjectSize). */
export const MAX_BSON_SIZE = 16 * 1024 * 1024;

export const MSG_CHECKSUM_PRESENT = 1 << 0;
export const MSG_MORE_TO_COME = 1 << 1;
export const MSG_EXHAUST_ALLOWED = 1 << 16;

/** A framing error: the connection is no longer in a known state. */
export class WireError extends Error {}

export interface MessageHeader {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

/** A parsed request: the command document plus what is needed to answer it. */
export type Request =
  | { kind: "query"; header: MessageHeader; fullCollectionName: string; command: Document }
  | { kind: "msg"; header: MessageHeader; flags: number; command: Document }
  | { kind: "unsupported"; header: MessageHeader };

/**
 * Reads the length of the next message from `buf` if its header is complete. Throws on an impossible length,
 * since nothing after it can be framed.
 */
export function peekMessageLength(buf: Buffer): number | null {
  if (buf.length < 4) return null;
  const len = buf.readInt32LE(0);
  if (len < 16 || len > MAX_MESSAGE_SIZE) throw new WireError(`invalid message length ${len}`);
  return len;
}

function readCString(buf: Buffer, at: number, end: number): [string, number] {
  const zero = buf.indexOf(0, at);
  if (zero < 0 || zero >= end) throw new WireError("unterminated cstring");
  return [buf.toString("utf8", at, zero), zero + 1];
}

function readDocument(buf: Buffer, at: number, end: number): [Document, number] {
  if (at + 5 > end) throw new WireError("truncated document");
  const size = buf.readInt32LE(at);
  if (size < 5 || at + size > end) throw new WireError("document length out of bounds");
  if (size > MAX_BSON_SIZE + 16 * 1024) throw new WireError("document too large");
  let doc: Document;
  try {
    doc = decodeDocument(buf.subarray(at, at + size));
  } catch (err) {
    throw new WireError(`invalid BSON: ${(err as Error).message}`);
  }
  return [doc, at + size];
}

/** Parses one complete message (exactly `length` bytes). */
export function parseMessage(msg: Buffer): Request {
  const header: MessageHeader = {
    length: msg.readInt32LE(0),
    requestId: msg.readInt32LE(4),
    responseTo: msg.readInt32LE(8),
    opCode: msg.readInt32LE(12),
  };
  if (header.length !== msg.length) throw new WireError("length mismatch");
  if (header.opCode === OP_QUERY) return parseQuery(msg, header);
  if (header.opCode === OP_MSG) return parseMsg(msg, header);
  return { kind: "unsupported", header };
}

function parseQuery(msg: Buffer, header: MessageHeader): Request {
  const end = msg.length;
  if (end < 16 + 4 + 1 + 8 + 5) throw new WireError("truncated OP_QUERY");
  let at = 20; // skip flags
  const [fullCollectionName, next] = readCString(msg, at, end);
  at = next + 8; // numberToSkip, numberToReturn
  const [command] = readDocument(msg, at, end);
  return { kind: "query", header, fullCollectionName, command };
}

function parseMsg(msg: Buffer, header: MessageHeader): Request {
  if (msg.length < 16 + 4 + 1 + 5) throw new WireError("truncated OP_MSG");
  const flags = msg.readUInt32LE(16);
  // Bits 0-15 are "required": an unknown one means we cannot interpret the message.
  if (flags & 0xfffc) throw new WireError(`unsupported OP_MSG flag bits ${flags}`);
  let end = msg.length;
  if (flags & MSG_CHECKSUM_PRESENT) {
    end -= 4;
    if (end < 21) throw new WireError("truncated OP_MSG checksum");
    const expected = msg.readUInt32LE(end);
    if (crc32c(msg, 0, end) !== expected) throw new WireError("OP_MSG checksum mismatch");
  }
  let at = 20;
  let body: Document | null = null;
  const sequences: Array<[string, Document[]]> = [];
  while (at < end) {
    const kind = msg[at++];
    if (kind === 0) {
      if (body) throw new WireError("more than one body section");
      [body, at] = readDocument(msg, at, end);
    } else if (kind === 1) {
      if (at + 4 > end) throw new WireError("truncated document sequence");
      const size = msg.readInt32LE(at);
      const seqEnd = at + size;
      if (size < 5 || seqEnd > end) throw new WireError("document sequence length out of bounds");
      const [id, docsAt] = readCString(msg, at + 4, seqEnd);
      const docs: Document[] = [];
      let p = docsAt;
      while (p < seqEnd) {
        const [doc, nextP] = readDocument(msg, p, seqEnd);
        docs.push(doc);
        p = nextP;
      }
      sequences.push([id, docs]);
      at = seqEnd;
    } else {
      throw new WireError(`unknown OP_MSG section kind ${String(kind)}`);
    }
  }
  if (!body) throw new WireError("OP_MSG without body section");
  for (const [id, docs] of sequences) {
    if (id in body) throw new WireError(`duplicate field ${id} in body and document sequence`);
    body[id] = docs;
  }
  return { kind: "msg", header, flags, command: body };
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.allocUnsafe(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

/** Builds an OP_MSG reply with a single body section. */
export function buildMsg(requestId: number, responseTo: number, doc: Document): Buffer {
  const body = serialize(doc);
  const length = 16 + 4 + 1 + body.length;
  const flags = Buffer.alloc(5); // flagBits 0, section kind 0
  return Buffer.concat([header(length, requestId, responseTo, OP_MSG), flags, body], length);
}

/** Builds an OP_REPLY with one document (the answer to a legacy OP_QUERY command). */
export function buildReply(requestId: number, responseTo: number, doc: Document): Buffer {
  const body = serialize(doc);
  const length = 16 + 20 + body.length;
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(8, 0); // responseFlags: AwaitCapable, like mongod
  // cursorID (8 bytes) = 0, startingFrom = 0
  fields.writeInt32LE(1, 16); // numberReturned
  return Buffer.concat([header(length, requestId, responseTo, OP_REPLY), fields, body], length);
}

/** Builds an OP_MSG request (used by tests to speak raw wire protocol). */
export function buildMsgRequest(
  requestId: number,
  doc: Document,
  options: { flags?: number; sequences?: Record<string, Document[]>; checksum?: boolean } = {},
): Buffer {
  const parts: Uint8Array[] = [Buffer.from([0]), serialize(doc)];
  for (const [id, docs] of Object.entries(options.sequences ?? {})) {
    const docsBuf = Buffer.concat(docs.map((d) => serialize(d)));
    const idBuf = Buffer.from(id + "\0", "utf8");
    const size = Buffer.allocUnsafe(4);
    size.writeInt32LE(4 + idBuf.length + docsBuf.length, 0);
    parts.push(Buffer.from([1]), size, idBuf, docsBuf);
  }
  let flags = options.flags ?? 0;
  if (options.checksum) flags |= MSG_CHECKSUM_PRESENT;
  const flagBuf = Buffer.allocUnsafe(4);
  flagBuf.writeUInt32LE(flags >>> 0, 0);
  const payload = Buffer.concat([flagBuf, ...parts]);
  const length = 16 + payload.length + (options.checksum ? 4 : 0);
  const out = Buffer.concat([header(length, requestId, 0, OP_MSG), payload, Buffer.alloc(options.checksum ? 4 : 0)]);
  if (options.checksum) out.writeUInt32LE(crc32c(out, 0, length - 4), length - 4);
  return out;
}
