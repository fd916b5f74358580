/**
 * What one client may make the store hold. Without these, five half-sent 40 MB messages added 165 MB to
 * the process, and nothing capped the number of connections. The per-message cap is mongod's
 * maxMessageSizeBytes (48 MB, enforced while framing, see wire.ts).
 */
export interface WireLimits {
  /** Open connections; beyond it a new socket is closed at once (mongod's net.maxIncomingConnections). */
  maxConnections: number;
  /**
   * A message whose first bytes arrived but whose last did not, or a reply the client does not read, for
   * this long drops the connection (a slow or stalled client cannot hold its buffer forever).
   */
  messageTimeoutMs: number;
  /**
   * Bytes received and not yet answered, over all connections together. The connection whose data would
   * exceed it is dropped; the others carry on.
   */
  maxBufferedBytes: number;
}

export const DEFAULT_LIMITS: WireLimits = {
  maxConnections: 1_000,
  messageTimeoutMs: 30_000,
  maxBufferedBytes: 256 * 1024 * 1024,
};

/** A shared byte allowance: connections take what they buffer and give it back when answered or closed. */
export class ByteBudget {
  private used = 0;
  constructor(private readonly limit: number) {}

  /** Takes `n` bytes if they fit; false (and nothing taken) if not. */
  take(n: number): boolean {
    if (this.used + n > this.limit) return false;
    this.used += n;
    return true;
  }

  give(n: number): void {
    this.used -= n;
  }
}
