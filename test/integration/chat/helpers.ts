/**
 * Chat test helpers: log in school persons and agents over HTTP (real simulator / agent login), then talk to
 * Balie with a real socket.io-client, recording every server event so tests can wait for them.
 */
import { randomUUID } from "node:crypto";
import { io as connectIo, type Socket } from "socket.io-client";
import type { Types } from "mongoose";
import type {
  Ack,
  ClientToServerEvents,
  CommandName,
  CommandPayload,
  CommandResults,
  ServerToClientEvents,
} from "../../../server/src/contracts/realtime.js";
import { createAgent, FACTORY_PASSWORD } from "../../factories/index.js";
import { HttpClient } from "../../harness/http-client.js";
import { loginAsContactWithIdentity, type ServerLike } from "../../harness/login.js";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type EventName = keyof ServerToClientEvents;
type EventPayload<K extends EventName> = Parameters<ServerToClientEvents[K]>[0];

/** A socket.io-client with a log of received events and typed commands. */
export class ChatClient {
  readonly received: { [K in EventName]?: EventPayload<K>[] } = {};
  private waiters: Array<{ name: EventName; pred: (p: unknown) => boolean; resolve: (p: unknown) => void }> = [];
  /** Set false to stop acknowledging `message.created` (a frozen tab). */
  ackMessages = true;

  constructor(readonly socket: ClientSocket) {
    socket.onAny((name: string, ...args: unknown[]) => {
      const payload = args[0];
      const list = ((this.received as Record<string, unknown[]>)[name] ??= []);
      list.push(payload);
      const ack = args.at(-1);
      if (name === "message.created" && typeof ack === "function" && this.ackMessages) (ack as () => void)();
      this.waiters = this.waiters.filter((w) => {
        if (w.name !== name || !w.pred(payload)) return true;
        w.resolve(payload);
        return false;
      });
    });
  }

  /** Sends a command and resolves with its ack. */
  async cmd<K extends CommandName>(name: K, payload: CommandPayload<K>, timeoutMs = 10_000): Promise<Ack<CommandResults[K]>> {
    const emit = this.socket.timeout(timeoutMs).emitWithAck as unknown as (n: string, p: unknown) => Promise<Ack<CommandResults[K]>>;
    return emit.call(this.socket.timeout(timeoutMs), name, payload);
  }

  /** Like {@link cmd} but throws unless ok. */
  async ok<K extends CommandName>(name: K, payload: CommandPayload<K>): Promise<CommandResults[K]> {
    const ack = await this.cmd(name, payload);
    if (!ack.ok) throw new Error(`${name} failed: ${JSON.stringify(ack.error)}`);
    return ack.data;
  }

  /** Resolves with the first (already received or future) event `name` matching `pred`. */
  waitFor<K extends EventName>(name: K, pred: (p: EventPayload<K>) => boolean = () => true, timeoutMs = 10_000): Promise<EventPayload<K>> {
    const seen = (this.received[name] as EventPayload<K>[] | undefined)?.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${name}`)), timeoutMs);
      this.waiters.push({
        name,
        pred: pred as (p: unknown) => boolean,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p as EventPayload<K>);
        },
      });
    });
  }

  /** Forget what was received so far. */
  clear(): void {
    for (const k of Object.keys(this.received)) delete (this.received as Record<string, unknown>)[k];
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** Options of {@link connectChat}. */
export interface ConnectOptions {
  /** Session cookie source (portal / console). */
  http?: HttpClient;
  /** Chat token instead of a cookie. */
  token?: string;
  /** Let socket.io-client reconnect by itself (default false). */
  reconnection?: boolean;
  origin?: string;
}

/** Connects a socket and waits for `connect`; rejects with the `connect_error` message. */
export async function connectChat(url: string, options: ConnectOptions = {}): Promise<ChatClient> {
  const cookie = options.http ? options.http.cookieHeader() : undefined;
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (options.origin) headers.origin = options.origin;
  const socket: ClientSocket = connectIo(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: options.reconnection ?? false,
    extraHeaders: headers,
    auth: options.token ? { token: options.token } : {},
  });
  const client = new ChatClient(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => {
      socket.disconnect();
      reject(err);
    });
  });
  return client;
}

/** A school person logged in to the portal: HTTP client and identity. */
export interface SchoolPerson {
  http: HttpClient;
  name: string;
  pseudonym: string;
}

export async function loginSchoolPerson(server: ServerLike, organisationId: Types.ObjectId): Promise<SchoolPerson> {
  const { client, identity } = await loginAsContactWithIdentity(server, [organisationId]);
  return { http: client, name: identity.name, pseudonym: identity.pseudonym };
}

/** A logged-in agent: HTTP client and id. */
export interface TestAgent {
  http: HttpClient;
  agentId: string;
  name: string;
}

/** Creates an agent (through the factories; mongoose must reach the store) and logs in over HTTP. */
export async function loginAgent(server: ServerLike, overrides: { role?: "agent" | "supervisor"; maxConcurrentChats?: number } = {}): Promise<TestAgent> {
  const agent = await createAgent(overrides);
  const http = new HttpClient(server.url);
  await http.session();
  const res = await http.post<{ principal?: { type?: string; agentId?: string } | null }>("/api/v1/auth/agent/login", {
    username: agent.username,
    password: FACTORY_PASSWORD,
  });
  if (res.status !== 200) throw new Error(`agent login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { http, agentId: String(agent._id), name: agent.displayName };
}

/** Same login on another server (the session lives in the shared store). */
export function sameLoginOn(http: HttpClient, url: string): HttpClient {
  const copy = new HttpClient(url);
  for (const [k, v] of http.cookies) copy.cookies.set(k, v);
  copy.csrfToken = http.csrfToken;
  return copy;
}

export const uuid = () => randomUUID();

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `fn` until it returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, stepMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("eventually: condition not met in time");
    await sleep(stepMs);
  }
}
