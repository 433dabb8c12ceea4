import type { PasskeyJSON } from '@tapin/shared';
import type { Passkey } from '../db/schema.js';

export function passkeyJSON(p: Pick<Passkey, 'id' | 'name' | 'created_at' | 'last_used_at'>): PasskeyJSON {
  return {
    id: p.id,
    name: p.name,
    createdAt: new Date(p.created_at).toISOString(),
    lastUsedAt: p.last_used_at === null ? null : new Date(p.last_used_at).toISOString(),
  };
}
