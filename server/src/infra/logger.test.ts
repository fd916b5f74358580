import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, redactUrl } from "./logger.js";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, logger: createLogger({ level: "info", destination }) };
}

describe(createLogger.name, () => {
  it("redacts personal data at any listed depth", () => {
    const { lines, logger } = capture();
    logger.info(
      {
        email: "a@school.nl",
        contact: { name: "Jan Jansen", phone: "0612345678", org: { members: { pin: "1234", role: "gemachtigde" } } },
        activationCode: "ABCD-1234",
        req: { headers: { authorization: "Bearer x", cookie: "sid=1" } },
      },
      "hello",
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of ["a@school.nl", "Jan Jansen", "0612345678", "1234", "ABCD-1234", "Bearer x", "sid=1"]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain("gemachtigde");
  });
});

describe(redactUrl.name, () => {
  it("replaces sensitive query values", () => {
    expect(redactUrl("/activate?token=abc&lang=nl")).toBe("/activate?token=%5BRedacted%5D&lang=nl");
    expect(redactUrl("/plain")).toBe("/plain");
  });
});
