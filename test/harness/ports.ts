import { createServer } from "node:net";

/**
 * A TCP port that was free a moment ago on 127.0.0.1 (the OS picks it). Another process could grab it before
 * you bind, which is rare enough for tests; prefer listening on port 0 directly where you can.
 */
export async function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no port assigned"))));
    });
  });
}
