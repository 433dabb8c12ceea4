import type { Config } from '../config/load-config.js';

/** What every WebAuthn ceremony of this server is checked against. */
export interface RelyingParty {
  id: string;
  name: string;
  /** The origins the browser may report in clientDataJSON. */
  origin: string[];
}

/**
 * The relying party: the configured RP ID, and the origins the request guard accepts (PUBLIC_ORIGIN,
 * or localhost when it is unset), never one taken from the request's Host header.
 */
export function relyingParty(config: Config): RelyingParty {
  return { id: config.rpId, name: config.rpName, origin: config.allowedOrigins };
}
