import { describe, expect, it } from 'vitest';
import { renderTranscriptText } from './render-transcript.js';
import type { TranscriptView } from './schema.js';

const base: TranscriptView = {
  conversationId: 'c1',
  state: 'closed',
  customer: { id: 'k1', name: 'Ada', phone: '+15550001' },
  channel: 'sms',
  businessNumber: '+14155238886',
  queue: 'Support',
  agents: ['Grace'],
  createdAt: '2025-01-01T10:00:00.000Z',
  closedAt: '2025-01-01T10:30:00.000Z',
  wrapUp: { reason: null, summary: null, labels: [] },
  messages: [
    { at: '2025-01-01T10:00:00.000Z', direction: 'inbound', author: 'Ada', kind: 'image', body: 'Broken box', status: 'received', errorCode: null, purged: false, media: [{ url: '/api/v1/media/m1', contentType: 'image/png', filename: 'box.png' }] },
    { at: '2025-01-01T10:01:00.000Z', direction: 'outbound', author: 'Grace', kind: 'text', body: 'Sorry!', status: 'failed', errorCode: 63016, purged: false, media: [] },
    { at: '2025-01-01T10:02:00.000Z', direction: 'inbound', author: 'Ada', kind: 'text', body: '', status: 'received', errorCode: null, purged: true, media: [] },
  ],
};

describe('transcript as text', () => {
  it('names the customer, the people, each message with its time and media as absolute links', () => {
    const text = renderTranscriptText(base, 'https://sb.example/');
    expect(text).toContain('Customer: Ada (+15550001)');
    expect(text).toContain('Channel: sms');
    expect(text).toContain('[2025-01-01T10:00:00.000Z] Ada: Broken box\n    attachment box.png: https://sb.example/api/v1/media/m1');
    expect(text).toContain('Grace: Sorry! [not delivered: error 63016]');
    expect(text).toContain('Ada: (removed by the data retention policy)');
  });

  it('gives the wrap-up reason, labels and summary under the header, and leaves out what was not given', () => {
    const text = renderTranscriptText({ ...base, wrapUp: { reason: 'Refund issued', summary: 'Box arrived broken; refunded.', labels: ['Billing', 'VIP'] } }, 'http://x');
    expect(text).toContain('Closed: 2025-01-01T10:30:00.000Z\nWrap-up reason: Refund issued\nLabels: Billing, VIP\nSummary: Box arrived broken; refunded.\n\n');
    expect(renderTranscriptText(base, 'http://x')).not.toMatch(/Wrap-up reason|Labels:|Summary:/);
  });

  it('says a live conversation is not closed yet', () => {
    expect(renderTranscriptText({ ...base, state: 'active', closedAt: null }, 'http://x')).toContain('Closed: (still active)');
  });
});
