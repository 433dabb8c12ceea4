import type { Context } from 'hono';
import type { Config } from '../config/load-config.js';

/** What every WebAuthn ceremony of this server is checked against. */
export interface RelyingParty {
  id: string;
  name: string;
  /** The origin the browser must report in clientDataJSON. */
  origin: string;
}

/**
 * The relying party for this request: the configured RP ID, and PUBLIC_ORIGIN or else the
 * request's own origin, the same origin the request guard accepts for mutating requests.
 */
export function relyingParty(c: Context, config: Config): RelyingParty {
  return {
    id: config.rpId,
    name: config.rpName,
    origin: config.publicOrigin ?? new URL(c.req.url).origin,
  };
}
