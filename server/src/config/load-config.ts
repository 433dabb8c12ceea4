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
  /** Offer POST /api/test/reset, which empties the database: end-to-end test servers only. */
  e2eReset: boolean;
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
    e2eReset: env.TAPIN_E2E_RESET === '1',
  };
}
