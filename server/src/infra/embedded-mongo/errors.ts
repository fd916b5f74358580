/**
 * mongod's error codes, as the drivers and mongoose see them. Only the codes the store actually raises are
 * listed; the names are mongod's `codeName`s so driver error classes and retry logic behave the same.
 */
export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  NoSuchKey: 4,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  OperationFailed: 96,
  ProtocolError: 17,
  AuthenticationFailed: 18,
  MechanismUnavailable: 334,
  InvalidIdField: 2,
  DuplicateKey: 11000,
  Location40324: 40324,
} as const;

const codeNames: Record<number, string> = {
  1: "InternalError",
  2: "BadValue",
  4: "NoSuchKey",
  9: "FailedToParse",
  13: "Unauthorized",
  14: "TypeMismatch",
  17: "ProtocolError",
  18: "AuthenticationFailed",
  20: "IllegalOperation",
  26: "NamespaceNotFound",
  27: "IndexNotFound",
  28: "PathNotViable",
  40: "ConflictingUpdateOperators",
  43: "CursorNotFound",
  48: "NamespaceExists",
  59: "CommandNotFound",
  66: "ImmutableField",
  72: "InvalidOptions",
  73: "InvalidNamespace",
  85: "IndexOptionsConflict",
  86: "IndexKeySpecsConflict",
  96: "OperationFailed",
  334: "MechanismUnavailable",
  11000: "DuplicateKey",
  40324: "Location40324",
};

/** The codeName mongod reports for a code (`Location<code>` for codes without a name, like mongod). */
export function codeName(code: number): string {
  return codeNames[code] ?? `Location${code}`;
}

/** An error that becomes an `{ ok: 0, code, codeName, errmsg }` reply (or a `writeErrors` entry). */
export class MongoCommandError extends Error {
  readonly code: number;
  /** Extra fields mongod adds to the error, e.g. keyPattern/keyValue for E11000. */
  readonly extra: Record<string, unknown>;
  constructor(code: number, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.extra = extra;
  }
  get codeName(): string {
    return codeName(this.code);
  }
  /** Fields for a top-level error reply. */
  toReply(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
  /** Fields for a `writeErrors[]` entry. */
  toWriteError(index: number): Record<string, unknown> {
    return { index, code: this.code, codeName: this.codeName, errmsg: this.message, ...this.extra };
  }
}

/** Shorthand constructor. */
export function mongoError(code: number, message: string, extra?: Record<string, unknown>): MongoCommandError {
  return new MongoCommandError(code, message, extra);
}

/** Wraps anything thrown (mingo errors, bugs) as a mongod-style error so a request never kills the store. */
export function toMongoError(err: unknown, fallbackCode: number = ErrorCodes.BadValue): MongoCommandError {
  if (err instanceof MongoCommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new MongoCommandError(fallbackCode, message);
}

/** The message standalone mongod gives for transactions and txnNumbers. */
export const TRANSACTIONS_UNSUPPORTED = "Transaction numbers are only allowed on a replica set member or mongos";
