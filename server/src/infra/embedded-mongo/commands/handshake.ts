/** Handshake and server-info commands: what drivers, mongoose, mongosh and Compass ask on connect. */
import { Long, ObjectId } from "bson";
import { nowMs } from "../../clock.js";
import { MAX_BSON_SIZE, MAX_MESSAGE_SIZE } from "../wire.js";
import type { Doc } from "../query.js";
import type { CommandContext, Handler } from "./context.js";

/** MongoDB 7.0's wire version; the bundled driver needs >= 9. */
export const MAX_WIRE_VERSION = 21;

/**
 * hello/isMaster. No `setName` (standalone) and no `topologyVersion`, so drivers poll instead of using the
 * streaming (awaitable) hello protocol.
 */
function hello(legacyName: boolean): Handler {
  return (cmd: Doc, ctx: CommandContext) => ({
    ...(cmd.helloOk === true ? { helloOk: true } : {}),
    ...(legacyName ? { ismaster: true } : { isWritablePrimary: true }),
    maxBsonObjectSize: MAX_BSON_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: 100_000,
    localTime: new Date(nowMs()),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  });
}

const buildInfo: Handler = () => ({
  version: "7.0.0",
  gitVersion: "embedded-mongo",
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_SIZE,
  storageEngines: ["embedded"],
  modules: [],
  javascriptEngine: "none",
  openssl: { running: "disabled" },
  ok: 1,
});

export const handshakeCommands: Record<string, Handler> = {
  hello: hello(false),
  isMaster: hello(true),
  ismaster: hello(true),
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  getParameter: (cmd) => {
    const out: Doc = { ok: 1 };
    if (cmd.featureCompatibilityVersion !== undefined || cmd.getParameter === "*") out.featureCompatibilityVersion = { version: "7.0" };
    return out;
  },
  getCmdLineOpts: () => ({ argv: ["embedded-mongo"], parsed: {}, ok: 1 }),
  hostInfo: () => ({ system: { currentTime: new Date(nowMs()), hostname: "localhost" }, os: { type: process.platform }, extra: {}, ok: 1 }),
  whatsmyuri: () => ({ you: "127.0.0.1", ok: 1 }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  serverStatus: (_cmd, ctx) => ({
    host: "localhost",
    version: "7.0.0",
    process: "embedded-mongo",
    pid: Long.fromNumber(process.pid),
    uptime: Math.floor((nowMs() - ctx.startedAt) / 1000),
    uptimeMillis: Long.fromNumber(nowMs() - ctx.startedAt),
    localTime: new Date(nowMs()),
    connections: { current: 0, available: 1000 },
    ok: 1,
  }),
  endSessions: () => ({ ok: 1 }),
  killSessions: () => ({ ok: 1 }),
  killAllSessions: () => ({ ok: 1 }),
  killAllSessionsByPattern: () => ({ ok: 1 }),
  refreshSessions: () => ({ ok: 1 }),
  startSession: () => ({ id: { id: new ObjectId() }, timeoutMinutes: 30, ok: 1 }),
  getLog: () => ({ totalLinesWritten: 0, log: [], ok: 1 }),
  getFreeMonitoringStatus: () => ({ state: "disabled", ok: 1 }),
  logout: () => ({ ok: 1 }),
};

