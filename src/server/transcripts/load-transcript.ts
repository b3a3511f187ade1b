import type { Executor } from '../db/database.js';
import { NotFoundError } from '../http/errors.js';
import type { TranscriptEntry, TranscriptView } from './schema.js';

/** A conversation from first to last message, authors named, media as links. */
export async function loadTranscript(db: Executor, conversationId: string): Promise<TranscriptView> {
  const conversation = await db
    .selectFrom('conversations as c')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .innerJoin('numbers as n', 'n.id', 'c.number_id')
    .leftJoin('queues as q', 'q.id', 'c.queue_id')
    .select(['c.id', 'c.channel', 'c.state', 'c.created_at', 'c.closed_at', 'c.wrap_up_reason', 'c.wrap_up_summary', 'ct.id as contact_id', 'ct.name', 'ct.profile_name', 'ct.phone', 'n.number', 'q.name as queue_name'])
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) throw new NotFoundError('The conversation');
  const customerName = conversation.name ?? conversation.profile_name;

  const messages = await db
    .selectFrom('messages as m')
    .leftJoin('users as u', 'u.id', 'm.sender_user_id')
    .select(['m.id', 'm.created_at', 'm.direction', 'm.kind', 'm.body', 'm.status', 'm.error_code', 'm.purged_at', 'm.latitude', 'm.longitude', 'm.location_label', 'm.location_address', 'u.name as sender_name'])
    .where('m.conversation_id', '=', conversationId)
    .orderBy('m.created_at')
    .orderBy('m.seq')
    .execute();
  const media = messages.length
    ? await db.selectFrom('message_media').select(['id', 'message_id', 'status', 'content_type', 'filename']).where('message_id', 'in', messages.map((m) => m.id)).orderBy('position').execute()
    : [];

  const entries: TranscriptEntry[] = messages.map((m) => ({
    at: m.created_at.toISOString(),
    direction: m.direction,
    author: m.direction === 'inbound' ? customerName ?? conversation.phone : m.sender_name ?? 'Switchboard',
    kind: m.kind,
    body: m.body || (m.latitude !== null ? `📍 ${[m.location_label, m.location_address, `${m.latitude}, ${m.longitude}`].filter(Boolean).join(' · ')}` : ''),
    status: m.status,
    errorCode: m.error_code,
    purged: m.purged_at !== null,
    media: media
      .filter((x) => x.message_id === m.id)
      .map((x) => ({ url: x.status === 'stored' ? `/api/v1/media/${x.id}` : null, contentType: x.content_type, filename: x.filename })),
  }));
  const labels = await db
    .selectFrom('conversation_labels as cl')
    .innerJoin('labels as l', 'l.id', 'cl.label_id')
    .select('l.name')
    .where('cl.conversation_id', '=', conversationId)
    .orderBy(({ fn }) => fn('lower', ['l.name']))
    .execute();
  const agents = [...new Set(messages.filter((m) => m.direction === 'outbound' && m.sender_name).map((m) => m.sender_name!))];
  return {
    conversationId: conversation.id,
    state: conversation.state,
    customer: { id: conversation.contact_id, name: customerName, phone: conversation.phone },
    channel: conversation.channel,
    businessNumber: conversation.number,
    queue: conversation.queue_name,
    agents,
    createdAt: conversation.created_at.toISOString(),
    closedAt: conversation.closed_at?.toISOString() ?? null,
    wrapUp: { reason: conversation.wrap_up_reason, summary: conversation.wrap_up_summary, labels: labels.map((l) => l.name) },
    messages: entries,
  };
}
