import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { AuditActor } from '../audit/record-audit.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { recordAudit } from '../audit/record-audit.js';
import { NotFoundError } from '../http/errors.js';
import { refreshCapacityPresence } from '../users/presence.js';
import { assignForAgent, assignSafely } from '../routing/assign-work.js';
import { storedMediaKeys } from './store.js';
import type { ErasureResultView } from './schema.js';

/**
 * Erases one customer on request (GDPR): their media files, their conversations with every
 * message, event, offer and delivery callback, webhooks kept for unknown numbers, and the contact.
 * The audit entry names only the contact's id and counts, never the person.
 */
export async function eraseCustomer(ctx: AppContext, actor: AuditActor, contactId: string): Promise<ErasureResultView> {
  const events: RealtimeEvent[] = [];
  // The contact row stays locked throughout: a message arriving meanwhile waits, then starts afresh.
  const erased = await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    const contact = await tx.selectFrom('contacts').select(['id', 'phone', 'wa_id']).where('id', '=', contactId).forUpdate().executeTakeFirst();
    if (!contact) throw new NotFoundError('The customer');
    const conversations = await tx.selectFrom('conversations').select(['id', 'assigned_agent_id']).where('contact_id', '=', contactId).execute();
    const conversationIds = conversations.map((c) => c.id);
    const messages = conversationIds.length ? await tx.selectFrom('messages').select(['id', 'twilio_sid']).where('conversation_id', 'in', conversationIds).execute() : [];
    // Files first: if one cannot be removed the transaction fails and nothing claims to be erased.
    const keys = await storedMediaKeys(tx, messages.map((m) => m.id));
    for (const key of keys) await ctx.media.remove(key);

    const sids = messages.map((m) => m.twilio_sid).filter((sid): sid is string => sid !== null);
    if (sids.length) await tx.deleteFrom('early_status_callbacks').where('message_sid', 'in', sids).execute();
    const address = `whatsapp:${contact.phone}`;
    await tx.deleteFrom('unmatched_inbound').where(sql<boolean>`params->>'From' = ${address} OR params->>'WaId' = ${contact.wa_id}`).execute();
    // Conversations take their messages, media rows, outbox rows, events, offers, participants and surveys with them.
    if (conversationIds.length) await tx.deleteFrom('conversations').where('id', 'in', conversationIds).execute();
    await tx.deleteFrom('contacts').where('id', '=', contactId).execute();
    const agents = [...new Set(conversations.map((c) => c.assigned_agent_id).filter((id): id is string => id !== null))];
    for (const agentId of agents) {
      const presence = await refreshCapacityPresence(tx, agentId, now);
      if (presence) events.push(presence);
    }
    await recordAudit(tx, actor, {
      verb: 'erased',
      entityType: 'customer',
      entityId: contactId,
      changes: [{ field: 'conversations', to: conversationIds.length }, { field: 'messages', to: messages.length }, { field: 'mediaFiles', to: keys.length }],
    });
    return { conversationIds, agents, messages: messages.length, mediaFiles: keys.length };
  });
  for (const e of events) ctx.events.publish(e);
  for (const id of erased.conversationIds) ctx.events.publish({ type: 'conversation.removed', audience: { queueId: null, agentId: null }, data: { conversationId: id } });
  for (const agentId of erased.agents) await assignSafely(ctx, () => assignForAgent(ctx, agentId, 'capacity freed (customer erased)'));
  return { contactId, conversations: erased.conversationIds.length, messages: erased.messages, mediaFiles: erased.mediaFiles };
}
