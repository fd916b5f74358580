/**
 * zod issues as the error envelope's per-field errors, one function for REST (error-handler, defineRoute) and
 * socket acks (realtime/handlers/command.ts), so both name a field's problem the same way.
 */
import type { ZodError } from "zod";
import type { FieldError } from "./errors.js";

/**
 * Per-field errors from zod issues, keyed by dotted path (prefixed with `params`/`query` when given). A schema
 * message that is a snake_case id (e.g. `invalid_postcode`) becomes the field's code; otherwise zod's issue code.
 */
export function zodFields(err: ZodError, prefix?: string): Record<string, FieldError> {
  const fields: Record<string, FieldError> = {};
  for (const issue of err.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "_root";
    if (fields[path]) continue;
    const required = issue.code === "invalid_type" && /received undefined/.test(issue.message);
    const code = required ? "required" : /^[a-z][a-z0-9_]*$/.test(issue.message) ? issue.message : issue.code;
    fields[path] = { code, message: issue.message };
  }
  return fields;
}

