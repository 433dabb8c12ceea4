import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';

describe('RP_ID, the domain passkeys are bound to', () => {
  it('defaults to localhost without PUBLIC_ORIGIN', () => {
    expect(loadConfig({}).rpId).toBe('localhost');
  });

  it('defaults to the host of PUBLIC_ORIGIN', () => {
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://tapin.example.com:8443/' }).rpId).toBe('tapin.example.com');
  });

  it('may be a parent domain of the PUBLIC_ORIGIN host', () => {
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://tapin.example.com', RP_ID: 'Example.com' }).rpId).toBe(
      'example.com',
    );
  });

  it('is refused at start when browsers would refuse it for PUBLIC_ORIGIN', () => {
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'https://tapin.example.com', RP_ID: 'other.example' })).toThrow(
      /RP_ID/,
    );
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'https://tapin.example.com', RP_ID: 'ample.com' })).toThrow(
      /RP_ID/,
    );
    expect(() => loadConfig({ RP_ID: 'https://tapin.example.com' })).toThrow(/RP_ID/);
  });
});

describe('the origins requests and passkeys are accepted from', () => {
  it('are localhost on PORT without PUBLIC_ORIGIN, never a name taken from the request', () => {
    expect(loadConfig({ PORT: '3000' }).allowedOrigins).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
    ]);
    expect(loadConfig({ PORT: '80' }).allowedOrigins).toContain('http://localhost');
  });

  it('are PUBLIC_ORIGIN alone when it is set', () => {
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://tapin.example.com/' }).allowedOrigins).toEqual([
      'https://tapin.example.com',
    ]);
  });
});
