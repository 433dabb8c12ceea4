import * as z from 'zod/mini';
import { StartupError } from '../startup/startup-error.js';

export interface Config {
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The origin browsers use to reach Tapin, from PUBLIC_ORIGIN. */
  publicOrigin: string | undefined;
  /**
   * The only origins mutating requests and WebAuthn ceremonies are accepted from: PUBLIC_ORIGIN, or
   * localhost on PORT when it is unset. Never the request's Host header, which a DNS-rebinding page
   * chooses itself.
   */
  allowedOrigins: string[];
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

const optionalText = z.optional(z.string().check(z.trim()));
const flag = z.optional(z.enum(['0', '1', 'true', 'false', '']));

/** Every setting the environment may hold, checked before anything is written. */
const Environment = z.object({
  PORT: z.optional(z.string().check(z.regex(/^\d{1,5}$/, 'must be a port number'))),
  DATA_DIR: optionalText,
  DATABASE_URL: z.optional(
    z
      .string()
      .check(z.regex(/^$|^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL (unset: SQLite in DATA_DIR)')),
  ),
  PUBLIC_ORIGIN: z.optional(
    z
      .string()
      .check(z.regex(/^https?:\/\/[^/\s]+\/?$/, 'must be an origin such as https://tapin.example.com')),
  ),
  TRUST_PROXY: flag,
  RP_ID: optionalText,
  CLIENT_DIR: optionalText,
  TAPIN_PIN_PEPPER: optionalText,
  TAPIN_PIN_PEPPER_PREVIOUS: optionalText,
  TAPIN_SIGNING_KEY: optionalText,
});

/** Reads and checks the configuration; a bad setting throws a StartupError naming it. */
export function loadConfig(env: NodeJS.ProcessEnv, defaults: { clientDir?: string } = {}): Config {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StartupError(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'invalid');
  }
  const e = parsed.data;
  const port = Number(e.PORT ?? 3000);
  if (port > 65535) throw new StartupError('PORT', `must be a port number, got ${e.PORT}`);
  const publicOrigin = e.PUBLIC_ORIGIN?.replace(/\/$/, '') || undefined;
  return {
    port,
    dataDir: e.DATA_DIR || './data',
    databaseUrl: e.DATABASE_URL || undefined,
    publicOrigin,
    allowedOrigins: publicOrigin ? [publicOrigin] : loopbackOrigins(port),
    trustProxy: e.TRUST_PROXY === '1' || e.TRUST_PROXY === 'true',
    clientDir: e.CLIENT_DIR || defaults.clientDir,
    secureCookies: publicOrigin?.startsWith('https://') ?? false,
    rpId: relyingPartyId(e.RP_ID, publicOrigin),
    rpName: 'Tapin',
  };
}

/** The origins of this server on the machine itself, as a browser writes them. */
function loopbackOrigins(port: number): string[] {
  const suffix = port === 80 ? '' : `:${port}`;
  return ['localhost', '127.0.0.1', '[::1]'].map((host) => `http://${host}${suffix}`);
}

/** RP_ID, or the host of PUBLIC_ORIGIN, or localhost; refused when browsers would refuse it. */
function relyingPartyId(rpIdSetting: string | undefined, publicOrigin: string | undefined): string {
  const host = publicOrigin ? new URL(publicOrigin).hostname : undefined;
  const rpId = rpIdSetting?.toLowerCase() || host || 'localhost';
  if (!/^[a-z0-9.-]+$/.test(rpId))
    throw new StartupError('RP_ID', `must be a domain name, got ${rpIdSetting}`);
  if (host && host !== rpId && !host.endsWith(`.${rpId}`)) {
    throw new StartupError(
      'RP_ID',
      `${rpId} must be the host of PUBLIC_ORIGIN (${host}) or a parent domain of it`,
    );
  }
  return rpId;
}
