import type { AppContext } from '../context.js';
import type { Tx } from '../db/database.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import type { WorkstreamRow } from '../workstreams/store.js';
import { addConversationEvent } from '../conversations/store.js';
import { queueAutomatedMessage } from '../conversations/send-automated.js';
import { conversationEvent, messageEvent } from '../conversations/realtime-events.js';
import { loadBehaviors } from '../automation/settings.js';
import { assignConversation } from '../routing/assign-conversation.js';
import { assignSafely } from '../routing/assign-work.js';
import { askHttpBot } from './http-bot.js';
import { resolveNumberedChoice, ruleBotAnswer, withButtons, type BotAnswer } from './rule-bot.js';
import { handOff } from './hand-off.js';

/**
 * A new conversation on a workstream with a bot stays with the bot: not routed, in no queue (so
 * no agent is offered it) until the bot hands off. Answers whether the bot took it.
 */
export async function startBot(tx: Tx, conversationId: string, workstream: WorkstreamRow | null): Promise<boolean> {
  if (!workstream) return false;
  const { bot, botSecretSealed } = await loadBehaviors(tx, workstream.id);
  const ready = bot.kind === 'rule' || (bot.kind === 'http' && bot.http.url !== null && botSecretSealed !== null);
  if (!ready) return false;
  await tx.updateTable('conversations').set({ bot_state: 'active', queue_id: null }).where('id', '=', conversationId).execute();
  await addConversationEvent(tx, conversationId, 'bot.started', { kind: bot.kind });
  return true;
}

export async function isWithBot(tx: Tx, conversationId: string): Promise<boolean> {
  const row = await tx.selectFrom('conversations').select('bot_state').where('id', '=', conversationId).executeTakeFirst();
  return row?.bot_state === 'active';
}

/**
 * The bot's turn after a customer's message was stored: ask the bot (outside any transaction: an
 * HTTP bot may take its whole time budget), then send its replies and, on hand-off, route the
 * conversation with the bot's variables. Errors and timeouts hand off.
 */
export async function runBotTurn(ctx: AppContext, conversationId: string, messageId: string): Promise<void> {
  const answer = await askBot(ctx, conversationId, messageId).catch((err: Error): BotAnswer => ({ replies: [], handoff: { reason: `the bot failed (${err.message})`, variables: { botError: err.message } } }));
  if (!answer) return;
  const events: RealtimeEvent[] = [];
  const routed = await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    const c = await tx.selectFrom('conversations').select(['bot_state', 'state', 'number_id']).where('id', '=', conversationId).forUpdate().executeTakeFirst();
    if (!c || c.bot_state !== 'active' || c.state === 'closed') return false;
    for (const reply of answer.replies) {
      const id = await queueAutomatedMessage(tx, { conversationId, numberId: c.number_id, body: withButtons(reply), trigger: 'bot', now });
      await addConversationEvent(tx, conversationId, 'bot.reply', { messageId: id, buttons: reply.buttons });
      events.push(await messageEvent(tx, id, 'message.created'));
    }
    const handedOff = answer.handoff ? await handOff(tx, { conversationId, ...answer.handoff, now }) : false;
    events.push(await conversationEvent(tx, conversationId, 'conversation.updated'));
    return handedOff;
  });
  for (const e of events) ctx.events.publish(e);
  ctx.signals.outboxQueued();
  if (routed) await assignSafely(ctx, () => assignConversation(ctx, conversationId, { trigger: 'bot hand-off', recordWaiting: true }));
}

async function askBot(ctx: AppContext, conversationId: string, messageId: string): Promise<BotAnswer | null> {
  const c = await ctx.db
    .selectFrom('conversations as c')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .select(['c.workstream_id', 'c.bot_state', 'c.routing_variables', 'ct.phone', 'ct.name', 'ct.profile_name', 'ct.language'])
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!c || c.bot_state !== 'active') return null;
  const message = await ctx.db.selectFrom('messages').select(['id', 'body', 'kind', 'button_payload', 'button_text']).where('id', '=', messageId).executeTakeFirstOrThrow();
  const { bot, botSecretSealed } = await loadBehaviors(ctx.db, c.workstream_id);
  if (bot.kind === 'http') {
    return askHttpBot(ctx.fetch, {
      url: bot.http.url!,
      secret: ctx.secrets.open(botSecretSealed!),
      timeoutMs: bot.http.timeoutMs,
      now: ctx.now(),
      request: {
        conversationId,
        message: { id: message.id, body: message.body, kind: message.kind, buttonPayload: message.button_payload },
        customer: { phone: c.phone, name: c.name ?? c.profile_name, language: c.language },
        variables: c.routing_variables,
      },
    });
  }
  const earlier = await ctx.db
    .selectFrom('conversation_events')
    .select('data')
    .where('conversation_id', '=', conversationId)
    .where('type', '=', 'bot.reply')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const lastButtons = (earlier?.data.buttons as string[] | undefined) ?? [];
  const text = resolveNumberedChoice(message.button_text ?? message.button_payload ?? message.body, lastButtons);
  return ruleBotAnswer(bot.rule, text, { firstTurn: !earlier });
}
