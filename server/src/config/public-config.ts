import type { Config } from "./env.js";

/**
 * The part of the configuration that may reach the browser (portal, agent console, chat widget).
 * Everything here is public: never add secrets, internal URLs (Mongo, Redis, SMTP) or the data directory.
 */
export interface PublicConfig {
  readonly environment: Config["env"];
  /** Where the portal lives; widgets on school websites connect here. */
  readonly publicUrl: string;
  readonly defaultLocale: "nl";
  readonly locales: readonly ["nl", "en"];
  readonly eherkenning: {
    /** The login page shows the simulator instead of redirecting to a broker. */
    readonly simulator: boolean;
  };
}

/** Builds the browser-safe view of `config`. */
export function toPublicConfig(config: Config): PublicConfig {
  return Object.freeze({
    environment: config.env,
    publicUrl: config.http.publicUrl,
    defaultLocale: "nl",
    locales: Object.freeze(["nl", "en"] as const),
    eherkenning: Object.freeze({ simulator: config.eherkenning.simulator }),
  });
}
