import { sql } from 'kysely';
import { CHANNELS } from '../channels/registry.js';
import type { AppContext } from '../context.js';
import type { AuditActor } from '../audit/record-audit.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { recordAudit } from '../audit/record-audit.js';
import { NotFoundError } from '../http/errors.js';
import { refreshCapacityPresence } from '../users/presence.js';
import { assignForAgent, assignSafely } from '../routing/assign-work.js';
import { storedMediaKeys } from './store.js';
import { queueTwilioRedactions } from './twilio-redactions.js';
import type { ErasureResultView } from './schema.js';

/**
 * Erases one customer on request (GDPR): everything that says who they are or what they wrote goes
 * (media files, message bodies, locations, buttons, raw webhooks, routing traces, survey comments,
 * webhooks kept for unknown numbers, the contact's number, name and attributes), and their messages
 * at Twilio are queued for redaction. The rows the insights count stay, anonymised: a conversation
 * counted yesterday is still counted, so history does not change when one customer leaves. Live
 * conversations are closed and nothing more is sent to the customer.
 * The audit entry names only the contact's id and counts, never the person.
 */
export async function eraseCustomer(ctx: AppContext, actor: AuditActor, contactId: string): Promise<ErasureResultView> {
  const events: RealtimeEvent[] = [];
  // The contact row stays locked throughout: a message arriving meanwhile waits, then starts afresh.
  const erased = await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    const contact = await tx.selectFrom('contacts').select(['id', 'phone']).where('id', '=', contactId).where('erased_at', 'is', null).forUpdate().executeTakeFirst();
    if (!contact) throw new NotFoundError('The customer');
    const conversations = await tx.selectFrom('conversations').select(['id', 'assigned_agent_id', 'state']).where('contact_id', '=', contactId).execute();
    const conversationIds = conversations.map((c) => c.id);
    const messages = conversationIds.length ? await tx.selectFrom('messages').select(['id', 'provider_sid']).where('conversation_id', 'in', conversationIds).execute() : [];
    const messageIds = messages.map((m) => m.id);
    // Files first: if one cannot be removed the transaction fails and nothing claims to be erased.
    const keys = await storedMediaKeys(tx, messageIds);
    for (const key of keys) await ctx.media.remove(key);

    const sids = messages.map((m) => m.provider_sid).filter((sid): sid is string => sid !== null);
    if (sids.length) await tx.deleteFrom('early_status_callbacks').where('message_sid', 'in', sids).execute();
    // Kept webhooks name the customer by any of their addresses, as each channel writes it to Twilio.
    const addresses = await tx.selectFrom('contact_addresses').select(['channel', 'address']).where('contact_id', '=', contactId).execute();
    const froms = [contact.phone, ...Object.values(CHANNELS).flatMap((c) => (c.twilio ? [c.twilio.address(contact.phone)] : []))];
    await tx
      .deleteFrom('unmatched_inbound')
      .where(sql<boolean>`params->>'From' = ANY(${froms}::text[]) OR params->>'WaId' = ANY(${addresses.map((a) => a.address)}::text[])`)
      .execute();
    await tx.deleteFrom('contact_addresses').where('contact_id', '=', contactId).execute();
    if (messageIds.length) {
      await tx.deleteFrom('message_media').where('message_id', 'in', messageIds).execute();
      // Nothing more goes to this customer: unsent messages and bot turns are dropped.
      await tx.deleteFrom('outbox').where('message_id', 'in', messageIds).execute();
      await tx.deleteFrom('bot_jobs').where('message_id', 'in', messageIds).execute();
      await tx
        .updateTable('messages')
        .set({ body: '', raw: null, content_variables: null, latitude: null, longitude: null, location_label: null, location_address: null, button_text: null, button_payload: null, error_message: null, purged_at: now })
        .where('id', 'in', messageIds)
        .execute();
    }
    if (conversationIds.length) {
      await tx.updateTable('conversations').set({ routing_variables: JSON.stringify({}) }).where('id', 'in', conversationIds).execute();
      // The rule traces record the values the rules saw, the customer's first words among them.
      await tx.updateTable('conversation_events').set({ data: JSON.stringify({ purged: true }) }).where('conversation_id', 'in', conversationIds).where('type', 'like', 'routing.%').execute();
      await tx.updateTable('survey_requests').set({ comment: null }).where('conversation_id', 'in', conversationIds).execute();
      await tx.updateTable('offers').set({ state: 'cancelled', decided_at: now }).where('conversation_id', 'in', conversationIds).where('state', '=', 'pending').execute();
      const live = conversations.filter((c) => c.state !== 'closed').map((c) => c.id);
      if (live.length) await tx.updateTable('conversations').set({ state: 'closed', closed_at: now }).where('id', 'in', live).execute();
    }
    await tx
      .updateTable('contacts')
      .set({ phone: `erased:${contactId}`, name: null, profile_name: null, language: null, attributes: JSON.stringify({}), erased_at: now })
      .where('id', '=', contactId)
      .execute();
    const redactions = await queueTwilioRedactions(tx, { contactId, messageIds, now });
    const agents = [...new Set(conversations.filter((c) => c.state !== 'closed').map((c) => c.assigned_agent_id).filter((id): id is string => id !== null))];
    for (const agentId of agents) {
      const presence = await refreshCapacityPresence(tx, agentId, now);
      if (presence) events.push(presence);
    }
    await recordAudit(tx, actor, {
      verb: 'erased',
      entityType: 'customer',
      entityId: contactId,
      changes: [
        { field: 'conversations', to: conversationIds.length },
        { field: 'messages', to: messages.length },
        { field: 'mediaFiles', to: keys.length },
        { field: 'twilioRedactions', to: redactions },
      ],
    });
    return { conversationIds, agents, messages: messages.length, mediaFiles: keys.length, redactions };
  });
  for (const e of events) ctx.events.publish(e);
  for (const id of erased.conversationIds) ctx.events.publish({ type: 'conversation.removed', audience: { queueId: null, agentId: null }, data: { conversationId: id } });
  if (erased.redactions) ctx.signals.redactionQueued();
  for (const agentId of erased.agents) await assignSafely(ctx, () => assignForAgent(ctx, agentId, 'capacity freed (customer erased)'));
  return { contactId, conversations: erased.conversationIds.length, messages: erased.messages, mediaFiles: erased.mediaFiles, twilioRedactions: erased.redactions };
}
