import { describe, expect, it } from 'vitest';
import { accountSidProblem, authTokenProblem, e164Problem, messagingServiceSidProblem, normalizeE164 } from './validation';

describe('account checks as the admin types', () => {
  it('wants an Account SID of AC and 32 hex digits, saying which part is wrong', () => {
    expect(accountSidProblem('')).toBe('admin.errors.required');
    expect(accountSidProblem('SK' + 'a'.repeat(32))).toBe('admin.errors.accountSidPrefix');
    expect(accountSidProblem('AC' + 'a'.repeat(31))).toBe('admin.errors.accountSidFormat');
    expect(accountSidProblem('AC' + 'g'.repeat(32))).toBe('admin.errors.accountSidFormat');
    expect(accountSidProblem(' AC' + '0a'.repeat(16) + ' ')).toBeNull();
  });

  it('wants an auth token of 8 to 128 characters', () => {
    expect(authTokenProblem('')).toBe('admin.errors.required');
    expect(authTokenProblem('short')).toBe('admin.errors.authTokenLength');
    expect(authTokenProblem('f'.repeat(32))).toBeNull();
  });
});

describe('WhatsApp numbers as the admin types', () => {
  it('wants the international format with a "+"', () => {
    expect(e164Problem('4155238886')).toBe('admin.errors.e164Plus');
    expect(e164Problem('+1 415 abc')).toBe('admin.errors.e164Digits');
  });
  it('knows a number that cannot exist from one that can', () => {
    expect(e164Problem('+1415')).toBe('admin.errors.e164Invalid');
    expect(e164Problem('+14155238886')).toBeNull();
    expect(e164Problem('+82 10-1234-5678')).toBeNull();
  });
  it('stores what the admin typed as E.164', () => {
    expect(normalizeE164('+1 (415) 523-8886')).toBe('+14155238886');
  });
  it('accepts an empty Messaging Service SID or an MG one', () => {
    expect(messagingServiceSidProblem('')).toBeNull();
    expect(messagingServiceSidProblem('MG' + '1'.repeat(32))).toBeNull();
    expect(messagingServiceSidProblem('MG1')).toBe('admin.errors.messagingServiceSid');
  });
});
