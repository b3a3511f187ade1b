import { describe, expect, it } from 'vitest';
import { intentDraft, intentOf, intentProblem } from './bot-form';

describe('rule bot intents', () => {
  const intent = { name: 'Order status', keywords: ['order', 'parcel'], pattern: 'where.*(order|parcel)', reply: 'Let me check.', buttons: ['Yes', 'No'], handoff: true, variables: { intent: 'order', tier: 'gold' } };

  it('round-trips through the editor', () => {
    expect(intentDraft(intent)).toEqual({ name: 'Order status', keywords: 'order, parcel', pattern: 'where.*(order|parcel)', reply: 'Let me check.', buttons: 'Yes, No', handoff: true, variables: 'intent=order, tier=gold' });
    expect(intentOf(intentDraft(intent))).toEqual(intent);
  });

  it('needs keywords or a pattern, a valid pattern, at most three short buttons and named variables', () => {
    const draft = intentDraft(intent);
    expect(intentProblem(draft)).toBeNull();
    expect(intentProblem({ ...draft, keywords: ' , ', pattern: '' })).toBe('admin.errors.intentTrigger');
    expect(intentProblem({ ...draft, pattern: '(' })).toBe('admin.errors.pattern');
    expect(intentProblem({ ...draft, buttons: 'a, b, c, d' })).toBe('admin.errors.buttons');
    expect(intentProblem({ ...draft, variables: '1x=2' })).toBe('admin.errors.variableName');
  });
});
