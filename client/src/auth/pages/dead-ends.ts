import type { ApiError } from "../../shared/api.js";

/** A failed request that ends the flow with an explanation instead of a form error. */
export type DeadEnd = { kind: "blocked"; blockedUntil: string } | { kind: "code-expired" };

/** `account_blocked` → blocked (with `details.blockedUntil`); expired or used activation code → code-expired. */
export function stateForError(error: ApiError): DeadEnd | null {
  if (error.id === "account_blocked") {
    const until = error.details["blockedUntil"];
    return { kind: "blocked", blockedUntil: typeof until === "string" ? until : "" };
  }
  if (error.id === "activation_code_expired" || error.id === "activation_code_used") return { kind: "code-expired" };
  return null;
}
