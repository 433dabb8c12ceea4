// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/svelte';
import type { AuditEventJSON } from '@tapin/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer } from '../../../test/fake-server';
import { chooseLanguage } from '../../lib/i18n/language.svelte';
import AuditLogPage from './AuditLogPage.svelte';

const EVENT: AuditEventJSON = {
  id: 'evt-0001',
  type: 'device.renamed',
  actor: { id: 'user-0001', name: 'Ada Admin' },
  target: null,
  device: { id: 'd'.repeat(43), name: 'Front till' },
  ip: '203.0.113.7',
  detail: { from: 'Till 1', to: 'Front till' },
  createdAt: '2026-01-05T09:00:00.000Z',
};

afterEach(() => {
  vi.unstubAllGlobals();
  chooseLanguage('en');
});

describe('AuditLogPage', () => {
  it('speaks Dutch: the columns and what each event did', async () => {
    chooseLanguage('nl');
    fakeServer({ 'GET /api/audit': () => [200, { events: [EVENT], nextBefore: 'evt-0001' }] });
    render(AuditLogPage);
    expect(screen.getByRole('heading', { level: 1, name: 'Auditlog' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Auditlog, nieuwste eerst' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Tijd', 'Gebeurtenis', 'Door', 'Gebruiker', 'Apparaat', 'IP-adres']);
    expect(within(table).getByRole('rowheader').textContent).toBe(
      'Naam van apparaat gewijzigd: Till 1 → Front till',
    );
    expect(within(table).getByText(/^\d{1,2} jan 2026, \d{2}:\d{2}:\d{2}$/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Meer laden' })).toBeTruthy();
  });
});
