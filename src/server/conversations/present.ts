import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { ConversationView, MessageView } from './schema.js';
import { isWindowOpen, windowExpiresAt } from './window.js';
import { unreadInboundCount } from './store.js';
import { snippetAround } from './search-snippet.js';
import { containsPattern } from '../transcripts/search-conversations.js';
import { languageFromPhone } from '../contacts/language.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type ConversationFilter = {
  ids?: string[];
  states?: string[];
  queueId?: string;
  assigneeId?: string | null;
  /** Agents see their queues' conversations, the ones assigned to them and the ones they are consulted on. */
  visibleTo?: { userId: string; queueIds: string[] };
  /** Conversations this user is consulted on or takes part in. */
  participantId?: string;
  /** Whose read marks count the unread messages (unreadCount is left out without one). */
  viewerId?: string;
  channels?: string[];
  search?: string;
  /** Closed conversations, most recently closed first, from after this cursor (the closed view's pages). */
  closed?: { before?: ClosedCursor };
  /** Only conversations with this label. */
  labelId?: string;
  limit?: number;
};

/** A place in the closed view: when a conversation closed (its last message without a close time) and its id. */
export type ClosedCursor = { closedAt: Date; id: string };
const closedOrder = sql<Date>`coalesce(c.closed_at, c.last_message_at)`;

export async function loadConversationViews(db: Executor, filter: ConversationFilter, now: Date): Promise<ConversationView[]> {
  let query = db
    .selectFrom('conversations as c')
    .innerJoin('contacts as k', 'k.id', 'c.contact_id')
    .innerJoin('numbers as n', 'n.id', 'c.number_id')
    .leftJoin('workstreams as w', 'w.id', 'c.workstream_id')
    .leftJoin('users as a', 'a.id', 'c.assigned_agent_id')
    .leftJoin('conversation_reads as r', (join) => join.onRef('r.conversation_id', '=', 'c.id').on('r.user_id', '=', filter.viewerId ?? null))
    .select([
      'c.id', 'c.version', 'c.state', 'c.number_id', 'c.channel', 'c.workstream_id', 'c.queue_id', 'c.assigned_agent_id', 'c.last_inbound_at',
      'c.last_message_at', 'c.created_at', 'c.closed_at', 'c.wrap_up_reason', 'c.wrap_up_summary', 'n.number',
      'k.id as contact_id', 'k.phone', 'k.name', 'k.profile_name', 'k.language', 'w.agent_attachments', 'w.wrap_up_reasons', 'w.wrap_up_reason_required',
      'a.name as assigned_agent_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('messages as m')
        .select(sql<string>`json_build_object('body', m.body, 'direction', m.direction, 'kind', m.kind, 'createdAt', m.created_at, 'senderUserId', m.sender_user_id, 'senderName', (SELECT u.name FROM users u WHERE u.id = m.sender_user_id))::text`.as('j'))
        .whereRef('m.conversation_id', '=', 'c.id')
        .orderBy('m.created_at', 'desc')
        .orderBy('m.seq', 'desc')
        .limit(1)
        .as('last_message'),
    )
    .select(sql<boolean>`EXISTS (SELECT 1 FROM opt_outs o WHERE o.contact_id = c.contact_id AND o.number_id = c.number_id AND o.channel = c.channel)`.as('opted_out'))
    .select(sql<string>`(SELECT coalesce(json_agg(json_build_object('userId', p.user_id, 'name', u.name, 'mode', p.mode) ORDER BY p.created_at), '[]')::text
      FROM conversation_participants p JOIN users u ON u.id = p.user_id WHERE p.conversation_id = c.id)`.as('participants'))
    .select(sql<string>`(SELECT coalesce(json_agg(json_build_object('id', l.id, 'name', l.name, 'color', l.color) ORDER BY lower(l.name)), '[]')::text
      FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id WHERE cl.conversation_id = c.id)`.as('labels'))
    // The customer's messages after the viewer's read mark (all of them when never opened).
    .$if(filter.viewerId !== undefined, (qb) => qb.select(unreadInboundCount().as('unread_count')))
    .limit(filter.limit ?? 200);
  if (filter.closed) {
    query = query.where('c.state', '=', 'closed').orderBy(closedOrder, 'desc').orderBy('c.id', 'desc');
    const before = filter.closed.before;
    if (before) query = query.where(sql<boolean>`(${closedOrder}, c.id) < (${before.closedAt}::timestamptz, ${before.id}::uuid)`);
  } else {
    query = query.orderBy('c.last_message_at', 'desc');
  }
  // = any(array): one statement text (one prepared statement) whatever the number of ids.
  if (filter.ids) query = query.where(sql<boolean>`c.id = any(${filter.ids}::uuid[])`);
  if (filter.states?.length) query = query.where('c.state', 'in', filter.states as never[]);
  if (filter.queueId) query = query.where('c.queue_id', '=', filter.queueId);
  if (filter.channels?.length) query = query.where('c.channel', 'in', filter.channels as never[]);
  if (filter.assigneeId !== undefined) {
    query = filter.assigneeId === null ? query.where('c.assigned_agent_id', 'is', null) : query.where('c.assigned_agent_id', '=', filter.assigneeId);
  }
  if (filter.labelId) {
    const labelId = filter.labelId;
    query = query.where((eb) => eb.exists(eb.selectFrom('conversation_labels as fl').select('fl.label_id').whereRef('fl.conversation_id', '=', 'c.id').where('fl.label_id', '=', labelId)));
  }
  if (filter.visibleTo) {
    const { userId, queueIds } = filter.visibleTo;
    query = query.where((eb) =>
      eb.or([
        eb('c.assigned_agent_id', '=', userId),
        ...(queueIds.length ? [eb('c.queue_id', 'in', queueIds)] : []),
        eb.exists(participationOf(eb, userId)),
      ]),
    );
  }
  if (filter.participantId) {
    const userId = filter.participantId;
    query = query.where((eb) => eb.exists(participationOf(eb, userId)));
  }
  if (filter.search) {
    const like = containsPattern(filter.search);
    query = query.where((eb) =>
      eb.or([
        eb('k.name', 'ilike', like),
        eb('k.profile_name', 'ilike', like),
        eb('k.phone', 'like', like),
        eb.exists(eb.selectFrom('messages as s').select('s.id').whereRef('s.conversation_id', '=', 'c.id').where('s.body', 'ilike', like)),
      ]),
    );
  }
  // A search shows the newest message that matched, not the last one.
  const search = filter.search;
  const searched = search
    ? query.select((eb) =>
        eb
          .selectFrom('messages as s')
          .select(sql<string>`json_build_object('id', s.id, 'body', s.body, 'direction', s.direction, 'createdAt', s.created_at)::text`.as('j'))
          .whereRef('s.conversation_id', '=', 'c.id')
          .where('s.body', 'ilike', containsPattern(search))
          .orderBy('s.created_at', 'desc')
          .orderBy('s.seq', 'desc')
          .limit(1)
          .as('matched'),
      )
    : query;
  const rows = await searched.execute();
  return rows.map((r) => {
    const last = r.last_message ? (JSON.parse(r.last_message) as { body: string; direction: string; kind: string; createdAt: string; senderUserId: string | null; senderName: string | null }) : null;
    const matched = 'matched' in r && typeof r.matched === 'string' ? (JSON.parse(r.matched) as { id: string; body: string; direction: string; createdAt: string }) : null;
    return {
      id: r.id,
      version: r.version,
      state: r.state,
      customer: { id: r.contact_id, phone: r.phone, name: r.name, profileName: r.profile_name, language: r.language, inferredLanguage: languageFromPhone(r.phone) },
      numberId: r.number_id,
      number: r.number,
      channel: r.channel,
      optedOut: r.opted_out,
      workstreamId: r.workstream_id,
      agentAttachments: r.agent_attachments ?? true,
      queueId: r.queue_id,
      assignedAgentId: r.assigned_agent_id,
      assignedAgentName: r.assigned_agent_name,
      participants: JSON.parse(r.participants) as ConversationView['participants'],
      ...(r.unread_count !== undefined ? { unreadCount: r.unread_count } : {}),
      lastInboundAt: iso(r.last_inbound_at),
      lastMessageAt: r.last_message_at.toISOString(),
      windowExpiresAt: iso(windowExpiresAt(r.channel, r.last_inbound_at)),
      windowOpen: isWindowOpen(r.channel, r.last_inbound_at, now),
      createdAt: r.created_at.toISOString(),
      closedAt: iso(r.closed_at),
      labels: JSON.parse(r.labels) as ConversationView['labels'],
      wrapUpReason: r.wrap_up_reason,
      wrapUpSummary: r.wrap_up_summary,
      wrapUpReasons: r.wrap_up_reasons ?? [],
      wrapUpReasonRequired: r.wrap_up_reason_required ?? false,
      lastMessage: last ? { ...last, createdAt: new Date(last.createdAt).toISOString() } : null,
      ...(search
        ? { match: matched ? { messageId: matched.id, direction: matched.direction, createdAt: new Date(matched.createdAt).toISOString(), ...snippetAround(matched.body, search) } : null }
        : {}),
    };
  });
}

function participationOf(eb: ExpressionBuilder<DB & { c: DB['conversations'] }, 'c'>, userId: string) {
  return eb.selectFrom('conversation_participants as cp').select('cp.user_id').whereRef('cp.conversation_id', '=', 'c.id').where('cp.user_id', '=', userId);
}

export async function loadMessageViews(db: Executor, where: { conversationId?: string; messageIds?: string[] }): Promise<MessageView[]> {
  let query = db.selectFrom('messages').selectAll().orderBy('created_at').orderBy('seq');
  if (where.conversationId) query = query.where('conversation_id', '=', where.conversationId);
  // = any(array): one statement text (one prepared statement) whatever the number of ids.
  if (where.messageIds) query = query.where(sql<boolean>`id = any(${where.messageIds}::uuid[])`);
  const messages = await query.execute();
  const ids = messages.map((m) => m.id);
  const media = ids.length
    ? await db.selectFrom('message_media').selectAll().where(sql<boolean>`message_id = any(${ids}::uuid[])`).orderBy('position').execute()
    : [];
  const mediaOf = new Map<string, typeof media>();
  for (const x of media) {
    const list = mediaOf.get(x.message_id);
    if (list) list.push(x);
    else mediaOf.set(x.message_id, [x]);
  }
  return messages.map((m) => toMessageView(m, mediaOf.get(m.id) ?? []));
}

/** A message as the API shows it, from its row and its media rows (in position order). */
export function toMessageView(m: Selectable<DB['messages']>, media: Selectable<DB['message_media']>[]): MessageView {
  return {
    id: m.id,
    conversationId: m.conversation_id,
    direction: m.direction,
    kind: m.kind,
    body: m.body,
    media: media.map((x) => ({
      id: x.id,
      contentType: x.content_type,
      status: x.status,
      filename: x.filename,
      sizeBytes: x.size_bytes === null ? null : Number(x.size_bytes),
      url: x.status === 'stored' ? `/api/v1/media/${x.id}` : null,
      error: x.error,
    })),
    status: m.status,
    errorCode: m.error_code,
    errorMessage: m.error_message,
    twilioSid: m.provider_sid,
    senderUserId: m.sender_user_id,
    templateId: m.template_id,
    contentSid: m.content_sid,
    latitude: m.latitude,
    longitude: m.longitude,
    locationLabel: m.location_label,
    locationAddress: m.location_address,
    buttonText: m.button_text,
    createdAt: m.created_at.toISOString(),
    statusAt: m.status_at.toISOString(),
  };
}
