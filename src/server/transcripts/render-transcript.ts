import type { TranscriptView } from './schema.js';

/** The transcript as plain text a person can read, mail or archive; media as absolute links. */
export function renderTranscriptText(transcript: TranscriptView, baseUrl: string): string {
  const customer = transcript.customer.name ? `${transcript.customer.name} (${transcript.customer.phone})` : transcript.customer.phone;
  const lines = [
    `Conversation ${transcript.conversationId}`,
    `Customer: ${customer}`,
    `Channel: ${transcript.channel}`,
    `Business number: ${transcript.businessNumber}`,
    `Queue: ${transcript.queue ?? '-'}`,
    `Agents: ${transcript.agents.join(', ') || '-'}`,
    `Started: ${transcript.createdAt}`,
    `Closed: ${transcript.closedAt ?? '(still ' + transcript.state + ')'}`,
    ...(transcript.wrapUp.reason ? [`Wrap-up reason: ${transcript.wrapUp.reason}`] : []),
    ...(transcript.wrapUp.labels.length ? [`Labels: ${transcript.wrapUp.labels.join(', ')}`] : []),
    ...(transcript.wrapUp.summary ? [`Summary: ${transcript.wrapUp.summary}`] : []),
    '',
  ];
  for (const m of transcript.messages) {
    const failed = m.errorCode !== null ? ` [not delivered: error ${m.errorCode}]` : '';
    const body = m.purged ? '(removed by the data retention policy)' : m.body;
    lines.push(`[${m.at}] ${m.author}: ${body}${failed}`.trimEnd());
    for (const file of m.media) {
      const link = file.url ? baseUrl.replace(/\/$/, '') + file.url : '(file not stored)';
      lines.push(`    attachment ${file.filename ?? file.contentType}: ${link}`);
    }
  }
  return lines.join('\n') + '\n';
}
