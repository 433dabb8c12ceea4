export interface Config {
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * The origin browsers use to reach Tapin (for the CSRF origin check and WebAuthn). When unset,
   * the request's own origin is trusted, which is right for a direct connection.
   */
  publicOrigin: string | undefined;
  /** Use X-Forwarded-For for client IPs: only behind a proxy that sets it. */
  trustProxy: boolean;
  /** Where the built client lives; absent in API-only tests. */
  clientDir: string | undefined;
  /** Mark cookies Secure. Defaults to true when publicOrigin is https. */
  secureCookies: boolean;
  /**
   * The WebAuthn relying party ID that passkeys are bound to: a domain, the host of
   * publicOrigin or a parent domain of it. Changing it makes every registered passkey unusable.
   */
  rpId: string;
  /** The name authenticators may show next to the passkey. */
  rpName: string;
}

export function loadConfig(env: NodeJS.ProcessEnv, defaults: { clientDir?: string } = {}): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a port number, got ${env.PORT}`);
  }
  const publicOrigin = env.PUBLIC_ORIGIN?.replace(/\/$/, '') || undefined;
  return {
    port,
    dataDir: env.DATA_DIR ?? './data',
    databaseUrl: env.DATABASE_URL || undefined,
    publicOrigin,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    clientDir: env.CLIENT_DIR ?? defaults.clientDir,
    secureCookies: publicOrigin?.startsWith('https://') ?? false,
    rpId: relyingPartyId(env.RP_ID, publicOrigin),
    rpName: 'Tapin',
  };
}

/** RP_ID, or the host of PUBLIC_ORIGIN, or localhost; refused when browsers would refuse it. */
function relyingPartyId(rpIdSetting: string | undefined, publicOrigin: string | undefined): string {
  const host = publicOrigin ? new URL(publicOrigin).hostname : undefined;
  const rpId = rpIdSetting?.trim().toLowerCase() || host || 'localhost';
  if (!/^[a-z0-9.-]+$/.test(rpId)) throw new Error(`RP_ID must be a domain name, got ${rpIdSetting}`);
  if (host && host !== rpId && !host.endsWith(`.${rpId}`)) {
    throw new Error(`RP_ID ${rpId} must be the host of PUBLIC_ORIGIN (${host}) or a parent domain of it`);
  }
  return rpId;
}
