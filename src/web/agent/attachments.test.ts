import { describe, expect, it } from 'vitest';
import { attachmentProblem } from './attachments.js';

describe('attachmentProblem', () => {
  it('accepts what WhatsApp accepts', () => {
    expect(attachmentProblem({ type: 'image/png', size: 1000 })).toBeNull();
    expect(attachmentProblem({ type: 'application/pdf', size: 15 * 1048576 })).toBeNull();
  });

  it('refuses unknown types and files over the limit of their kind', () => {
    expect(attachmentProblem({ type: 'image/gif', size: 10 })).toEqual({ kind: 'type', type: 'image/gif' });
    expect(attachmentProblem({ type: '', size: 10 })).toEqual({ kind: 'type', type: 'application/octet-stream' });
    expect(attachmentProblem({ type: 'image/jpeg', size: 6 * 1048576 })).toEqual({ kind: 'size', limitMb: 5, sizeMb: '6.0' });
  });
});
