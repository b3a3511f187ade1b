import { describe, expect, it } from 'vitest';
import { changesBetween, settingsOf } from './changes.js';

describe('audit changes', () => {
  it('lists the settings of a new thing, hiding secrets', () => {
    expect(settingsOf({ name: 'Acme', accountSid: 'AC1', authToken: 's3cret', whatsapp: { language: 'ko' } })).toEqual([
      { field: 'name', to: 'Acme' },
      { field: 'accountSid', to: 'AC1' },
      { field: 'authToken', secret: true },
      { field: 'whatsapp.language', to: 'ko' },
    ]);
  });

  it('reports only what changed, with old and new values, nested fields dotted', () => {
    const before = { id: 'w1', name: 'Support', capacity: 10, whatsapp: { language: 'en', agentAttachments: true }, createdAt: 'x' };
    const after = { id: 'w1', name: 'Support', capacity: 20, whatsapp: { language: 'ko', agentAttachments: true }, createdAt: 'y' };
    expect(changesBetween(before, after)).toEqual([
      { field: 'capacity', from: 10, to: 20 },
      { field: 'whatsapp.language', from: 'en', to: 'ko' },
    ]);
  });

  it('compares lists as a whole and treats a field that appears as a change from null', () => {
    expect(changesBetween({ agentIds: ['a'] }, { agentIds: ['a', 'b'], priority: 3 })).toEqual([
      { field: 'agentIds', from: ['a'], to: ['a', 'b'] },
      { field: 'priority', from: null, to: 3 },
    ]);
    expect(changesBetween({ agentIds: ['a', 'b'] }, { agentIds: ['a', 'b'] })).toEqual([]);
  });

  it('names a rotated secret from the input without its value', () => {
    const changes = changesBetween({ name: 'A' }, { name: 'A' }, { authToken: 'new-token-value' });
    expect(changes).toEqual([{ field: 'authToken', secret: true }]);
    expect(JSON.stringify(changes)).not.toContain('new-token-value');
  });

  it('never copies a secret that a view happens to carry', () => {
    const changes = changesBetween({ password: 'old' }, { password: 'new' });
    expect(JSON.stringify(changes)).not.toMatch(/old|new/);
  });
});
