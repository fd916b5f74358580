/**
 * The one way a client → server command is handled: parse with its zod schema, check the principal's kind,
 * run, and answer the ack with `{ ok: true, data }` or `{ ok: false, error }`. Nothing a client sends can crash the
 * process: a missing or non-function ack, a payload of the wrong type, extra arguments, a throwing handler are all
 * answered (or dropped) here.
 */
import type { Socket } from "socket.io";
import { ZodError, type z } from "zod";
import { AppError, errorMessage } from "../../contracts/errors.js";
import { zodFields } from "../../contracts/zod-fields.js";
import {
  AGENT_COMMANDS,
  commandSchemas,
  CONTACT_COMMANDS,
  type Ack,
  type AckError,
  type ClientToServerEvents,
  type CommandName,
  type CommandResults,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from "../../contracts/realtime.js";
import type { Logger } from "../../infra/logger.js";
import { CommandBudget } from "../limits.js";

export type BalieSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

type Parsed<K extends CommandName> = z.output<(typeof commandSchemas)[K]>;

/** Each socket's command budget (see limits.ts); goes away with the socket. */
const budgets = new WeakMap<BalieSocket, CommandBudget>();
function budgetOf(socket: BalieSocket): CommandBudget {
  let budget = budgets.get(socket);
  if (!budget) budgets.set(socket, (budget = new CommandBudget()));
  return budget;
}

const agentOnly = new Set<CommandName>(AGENT_COMMANDS);
const contactOnly = new Set<CommandName>(CONTACT_COMMANDS);

/** Registers command `name` on `socket`. */
export function onCommand<K extends CommandName>(
  socket: BalieSocket,
  name: K,
  log: Logger,
  run: (payload: Parsed<K>) => Promise<CommandResults[K]>,
): void {
  const listener = async (...args: unknown[]) => {
    const last = args.at(-1);
    const ack = typeof last === "function" ? (last as (result: Ack<CommandResults[K]>) => void) : undefined;
    const payload = typeof args[0] === "function" ? undefined : args[0];
    const reply = (result: Ack<CommandResults[K]>) => {
      if (!ack) return;
      try {
        ack(result);
      } catch (err) {
        log.debug({ err, command: name }, "ack failed");
      }
    };
    try {
      const kind = socket.data.principal.kind;
      if ((agentOnly.has(name) && kind !== "agent") || (contactOnly.has(name) && kind !== "contact")) throw new AppError("forbidden");
      const waitMs = budgetOf(socket).take(name);
      if (waitMs > 0) throw new AppError("rate_limited", { details: { retryAfterMs: waitMs } });
      const parsed = commandSchemas[name].safeParse(payload ?? {});
      if (!parsed.success) throw parsed.error;
      const data = await run(parsed.data as Parsed<K>);
      reply({ ok: true, data });
    } catch (err) {
      const error = toAckError(err, socket.data.locale);
      if (error.id === "internal_error") log.error({ err, command: name }, "socket command failed");
      else log.debug({ command: name, error: error.id }, "socket command refused");
      reply({ ok: false, error });
    }
  };
  // The typed `on` wants the contract's listener signature; ours accepts anything a client may send instead.
  (socket as unknown as { on(event: string, fn: (...args: unknown[]) => void): void }).on(name, (...args) => void listener(...args));
}

/** The ack error for anything thrown. */
export function toAckError(err: unknown, locale: "nl" | "en"): AckError {
  if (err instanceof AppError) {
    return {
      id: err.id,
      message: errorMessage(err.id, locale),
      ...(err.fields ? { fields: err.fields } : {}),
      ...(err.details ? { details: err.details } : {}),
    };
  }
  if (err instanceof ZodError) {
    const fields = zodFields(err);
    const tooLong = err.issues.some((i) => i.code === "too_big" && i.path.at(-1) === "text");
    const id = tooLong ? "message_too_long" : "validation_failed";
    return { id, message: errorMessage(id, locale), fields };
  }
  return { id: "internal_error", message: errorMessage("internal_error", locale) };
}
