/**
 * Command dispatch: finds the handler for the command's first field, refuses transactions like a standalone
 * mongod, and turns anything thrown into a mongod-style error reply.
 */
import { ErrorCodes, mongoError, toMongoError, TRANSACTIONS_UNSUPPORTED } from "../errors.js";
import type { Doc } from "../query.js";
import { adminCommands } from "./admin.js";
import { aggregateCommands } from "./aggregate.js";
import type { CommandContext, Handler } from "./context.js";
import { crudCommands } from "./crud.js";
import { handshakeCommands } from "./handshake.js";

export type { CommandContext } from "./context.js";

const handlers: Record<string, Handler> = {
  ...handshakeCommands,
  ...crudCommands,
  ...aggregateCommands,
  ...adminCommands,
};

/** Commands that change data: their reply waits for the journal. */
export const WRITE_COMMANDS = new Set([
  "insert",
  "update",
  "delete",
  "findAndModify",
  "findandmodify",
  "create",
  "drop",
  "dropDatabase",
  "createIndexes",
  "dropIndexes",
  "deleteIndexes",
  "aggregate",
]);

/** Runs one command and always returns a reply document (never throws). */
export async function runCommand(cmd: Doc, ctx: CommandContext): Promise<Doc> {
  const name = Object.keys(cmd)[0];
  try {
    if (!name) throw mongoError(ErrorCodes.FailedToParse, "Empty command object");
    if (name === "commitTransaction" || name === "abortTransaction" || cmd.startTransaction !== undefined || cmd.txnNumber !== undefined || cmd.autocommit !== undefined) {
      throw mongoError(ErrorCodes.IllegalOperation, TRANSACTIONS_UNSUPPORTED);
    }
    const handler = Object.prototype.hasOwnProperty.call(handlers, name) ? handlers[name] : undefined;
    if (!handler) throw mongoError(ErrorCodes.CommandNotFound, `no such command: '${name}'`);
    return await handler(cmd, ctx);
  } catch (err) {
    return toMongoError(err, ErrorCodes.InternalError).toReply();
  }
}
