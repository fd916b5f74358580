/**
 * The client's address for code that runs outside Express (the SSE stream, the Socket.IO handshake), decided by
 * the same TRUST_PROXY setting as Express's `req.ip`: behind our proxy the address it appended, never one the
 * client wrote into X-Forwarded-For itself.
 */
import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

export type ClientAddress = (req: IncomingMessage) => string;

/** `trust` as in the config: false (the peer), a hop count, or proxy addresses/CIDRs. */
export function clientAddressFor(trust: false | number | readonly string[]): ClientAddress {
  const trusts =
    trust === false ? () => false : typeof trust === "number" ? (_addr: string, hop: number) => hop < trust : proxyaddr.compile([...trust]);
  return (req) => {
    try {
      return proxyaddr(req as Parameters<typeof proxyaddr>[0], trusts);
    } catch {
      return req.socket.remoteAddress ?? "unknown";
    }
  };
}
