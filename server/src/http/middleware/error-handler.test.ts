import type { AddressInfo } from "node:net";
import express from "express";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, pickLocale } from "../../contracts/errors.js";
import { createHttpLogger, createLogger } from "../../infra/logger.js";
import { errorHandler } from "./error-handler.js";

const app = express();
app.use(createHttpLogger(createLogger({ level: "silent" })));
app.get("/app-error", () => {
  throw new AppError("forbidden", { detail: "not a member of org 12" });
});
app.get("/app-fields", () => {
  throw new AppError("validation_failed", { fields: { email: { code: "invalid_format", message: "bad" } } });
});
app.get("/zod", () => {
  z.object({ name: z.string(), age: z.number().min(18) }).parse({ age: 3 });
});
const Thing = mongoose.model("ErrorHandlerThing", new mongoose.Schema({ title: { type: String, required: true } }));
app.get("/mongoose-validation", async () => {
  await new Thing({}).validate();
});
app.get("/mongoose-cast", () => {
  throw new mongoose.Error.CastError("ObjectId", "nope", "_id");
});
app.get("/duplicate", () => {
  throw Object.assign(new Error("E11000 duplicate key"), {
    code: 11000,
    keyPattern: { email: 1 },
    keyValue: { email: "someone@school.nl" },
  });
});
app.get("/param/:id", (req, res) => {
  res.json({ id: req.params.id });
});
app.get("/boom", () => {
  throw new Error("database password is hunter2");
});
app.use(errorHandler);

let base: string;
let server: ReturnType<typeof app.listen>;
beforeAll(async () => {
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function get(path: string, lang?: string) {
  const res = await fetch(base + path, lang ? { headers: { "accept-language": lang } } : {});
  return { status: res.status, body: (await res.json()) as { error: Record<string, unknown> }, res };
}

describe(errorHandler.name, () => {
  it("presents an AppError with its catalogue status and Dutch text", async () => {
    const { status, body } = await get("/app-error");
    expect(status).toBe(403);
    expect(body.error).toMatchObject({ id: "forbidden", message: "U hebt geen toegang tot dit onderdeel." });
    expect(JSON.stringify(body)).not.toContain("org 12");
  });

  it("keeps per-field errors", async () => {
    const { body } = await get("/app-fields", "en");
    expect(body.error.fields).toEqual({ email: { code: "invalid_format", message: "bad" } });
  });

  it("answers a malformed percent-encoding in a path parameter with 400 bad_request", async () => {
    const { status, body } = await get("/param/%E0%A4%A", "en");
    expect(status).toBe(400);
    expect(body.error.id).toBe("bad_request");
  });

  it("turns a ZodError into validation_failed with fields", async () => {
    const { status, body } = await get("/zod");
    expect(status).toBe(400);
    expect(body.error.id).toBe("validation_failed");
    const fields = body.error.fields as Record<string, { code: string }>;
    expect(fields.name?.code).toBe("required");
    expect(fields.age?.code).toBe("too_small");
  });

  it("turns mongoose ValidationError and CastError into 400", async () => {
    const validation = await get("/mongoose-validation");
    expect(validation.status).toBe(400);
    expect(validation.body.error.fields).toMatchObject({ title: { code: "required" } });
    const cast = await get("/mongoose-cast");
    expect(cast.status).toBe(400);
    expect(cast.body.error.fields).toMatchObject({ _id: { code: "invalid_type" } });
  });

  it("turns duplicate key 11000 into 409 conflict without echoing the value", async () => {
    const { status, body } = await get("/duplicate");
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ id: "conflict", fields: { email: { code: "duplicate" } } });
    expect(JSON.stringify(body)).not.toContain("someone@school.nl");
  });

  it("hides unknown errors behind 500 internal_error with a correlation id", async () => {
    const { status, body, res } = await get("/boom", "en");
    expect(status).toBe(500);
    expect(body.error.id).toBe("internal_error");
    expect(body.error.message).toBe("Something went wrong on our side. Please try again later.");
    expect(body.error.correlationId).toBe(res.headers.get("x-request-id"));
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(JSON.stringify(body)).not.toContain("at ");
  });
});

describe(pickLocale.name, () => {
  it.each([
    [undefined, "nl"],
    ["", "nl"],
    ["nl-NL,nl;q=0.9,en;q=0.8", "nl"],
    ["en-GB,en;q=0.9,nl;q=0.8", "en"],
    ["de-DE,en;q=0.5", "en"],
    ["fr", "nl"],
    ["en;q=0,nl", "nl"],
  ])("%s → %s", (header, expected) => {
    expect(pickLocale(header)).toBe(expected);
  });
});
