/**
 * Limits on the real-time channel (issue 16 §4), so that one client cannot hold the server's memory or flood the
 * chat: Socket.IO connections per client address (counted at the engine, before any handshake work — this also
 * caps anonymous polling handshakes), sockets per person, and a per-socket budget for each kind of command.
 * `message.send` keeps its own per-sender limiter (chat-runtime.ts), which is shared across nodes via Redis.
 */
import type { CommandName } from "../contracts/realtime.js";
import { nowMs } from "../infra/clock.js";

export const REALTIME_LIMITS = {
  /** Sockets of one person (agent, or school person in one organisation), per process. Connections per address: config. */
  socketsPerPerson: 20,
} as const;

/** Token buckets per socket, by kind of command: `burst` at once, refilled at `perSecond`. */
const BUDGETS = {
  /** Starting, ending and leaving a message: a person does this a few times an hour; 30 a minute is a script. */
  lifecycle: { burst: 20, perSecond: 0.5 },
  /** typing.set is throttled to one per 2 s by the client; slack for reconnects and several chats. */
  typing: { burst: 10, perSecond: 1 },
  /** Everything else (read receipts, resume, presence, notes, …). */
  other: { burst: 30, perSecond: 5 },
} as const;
type BudgetKind = keyof typeof BUDGETS;

const KIND: Partial<Record<CommandName, BudgetKind>> = {
  "conversation.start": "lifecycle",
  "conversation.end": "lifecycle",
  "conversation.leaveMessage": "lifecycle",
  "typing.set": "typing",
};

/** One socket's buckets (kept in a WeakMap by the command handler, so they go away with the socket). */
export class CommandBudget {
  private readonly buckets = new Map<BudgetKind, { tokens: number; at: number }>();

  /** Takes one token for `command`; returns 0 when allowed, else the milliseconds until the next token. */
  take(command: CommandName): number {
    const kind = KIND[command] ?? "other";
    const { burst, perSecond } = BUDGETS[kind];
    const at = nowMs();
    const bucket = this.buckets.get(kind) ?? { tokens: burst, at };
    const tokens = Math.min(burst, bucket.tokens + (Math.max(0, at - bucket.at) * perSecond) / 1000);
    if (tokens >= 1) {
      this.buckets.set(kind, { tokens: tokens - 1, at });
      return 0;
    }
    this.buckets.set(kind, { tokens, at });
    return Math.ceil(((1 - tokens) * 1000) / perSecond);
  }
}

/** Counts open things per key and refuses beyond a maximum (connections per address, sockets per person). */
export class OpenCounter {
  private readonly open = new Map<string, number>();
  constructor(private readonly max: number) {}

  /** Counts one more for `key`; false (nothing counted) when `key` is at the maximum. */
  tryOpen(key: string): boolean {
    const n = this.open.get(key) ?? 0;
    if (n >= this.max) return false;
    this.open.set(key, n + 1);
    return true;
  }

  close(key: string): void {
    const n = (this.open.get(key) ?? 1) - 1;
    if (n <= 0) this.open.delete(key);
    else this.open.set(key, n);
  }
}
