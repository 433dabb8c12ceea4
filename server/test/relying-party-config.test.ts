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
