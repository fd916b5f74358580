import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CREDENTIALS_FILE, loadOrCreateCredentials } from "./credentials.js";

const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "balie-cred-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the data folder's credentials file", () => {
  it("is created on first use with mode 0600 and read back unchanged afterwards", () => {
    const dir = dataDir();
    const first = loadOrCreateCredentials(dir);
    const file = join(dir, CREDENTIALS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(first);
    expect(first.password).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(loadOrCreateCredentials(dir)).toEqual(first);
    expect(loadOrCreateCredentials(dataDir()).password).not.toBe(first.password);
  });

  it("is refused when other users can read it, or when it is not valid", () => {
    const dir = dataDir();
    loadOrCreateCredentials(dir);
    const file = join(dir, CREDENTIALS_FILE);
    chmodSync(file, 0o644);
    expect(() => loadOrCreateCredentials(dir)).toThrow(/readable by other users \(mode 644\)/);
    chmodSync(file, 0o600);
    writeFileSync(file, '{"username":"balie","password":"with space"}');
    expect(() => loadOrCreateCredentials(dir)).toThrow(/is not valid/);
  });
});
