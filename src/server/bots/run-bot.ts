import type { AppContext } from '../context.js';
import type { Tx } from '../db/database.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import type { WorkstreamRow } from '../workstreams/store.js';
import { addConversationEvent } from '../conversations/store.js';
import { queueAutomatedMessage } from '../conversations/send-automated.js';
import { conversationEvent, messageEvent } from '../conversations/realtime-events.js';
import { behaviorsOnce } from '../automation/settings.js';
import { assignConversation } from '../routing/assign-conversation.js';
import { assignSafely } from '../routing/assign-work.js';
import { failedAnswer, withButtons } from './rule-bot.js';
import { askBot } from './ask-bot.js';
import { handOff } from './hand-off.js';
import { finishBotJob, type ClaimedBotJob } from './bot-jobs.js';
import { prepareReplyButtons } from './reply-buttons.js';

/**
 * A new conversation on a workstream with a bot stays with the bot: not routed, in no queue (so
 * no agent is offered it) until the bot hands off. Answers whether the bot took it.
 */
export async function startBot(tx: Tx, conversationId: string, workstream: WorkstreamRow | null): Promise<boolean> {
  if (!workstream) return false;
  const { bot, botSecretSealed } = await behaviorsOnce(tx, workstream.id);
  const ready = bot.kind === 'rule' || (bot.kind === 'http' && bot.http.url !== null && botSecretSealed !== null);
  if (!ready) return false;
  await tx.updateTable('conversations').set({ bot_state: 'active', queue_id: null }).where('id', '=', conversationId).execute();
  await addConversationEvent(tx, conversationId, 'bot.started', { kind: bot.kind });
  return true;
}

/** A turn that failed this many times (its worker died or threw each time) hands off instead. */
const MAX_ATTEMPTS = 3;

/**
 * The bot's turn for one claimed job (a customer's stored message): ask the bot, outside any
 * transaction since an HTTP bot may take its whole time budget, and make its buttons (a Content
 * template at Twilio, or numbered text with the reason on the timeline). Then, in one transaction
 * and only if this worker still holds the job, queue its replies in the outbox and, on hand-off,
 * route the conversation with the bot's variables. Errors and timeouts hand off.
 */
export async function runBotTurn(ctx: AppContext, job: ClaimedBotJob): Promise<void> {
  const { conversation_id: conversationId } = job;
  const answer =
    job.attempts > MAX_ATTEMPTS
      ? failedAnswer(`the bot's turn failed ${MAX_ATTEMPTS} times`)
      : await askBot(ctx, conversationId, job.message_id).catch((err: Error) => failedAnswer(`the bot failed (${err.message})`));
  if (!answer) {
    await finishBotJob(ctx.db, job, 'skipped', ctx.now());
    return;
  }
  const buttons = await prepareReplyButtons(ctx, conversationId, answer.replies);
  const events: RealtimeEvent[] = [];
  const routed = await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    const c = await tx.selectFrom('conversations').select(['bot_state', 'state', 'number_id']).where('id', '=', conversationId).forUpdate().executeTakeFirst();
    const withBot = c !== undefined && c.bot_state === 'active' && c.state !== 'closed';
    const outcome = !withBot ? 'skipped' : answer.handoff ? 'handed-off' : 'replied';
    if (!(await finishBotJob(tx, job, outcome, now)) || !withBot) return false;
    for (const [i, reply] of answer.replies.entries()) {
      const prepared = buttons[i];
      // The transcript shows the options as numbered lines, whether the customer sees buttons or text.
      const id = await queueAutomatedMessage(tx, { conversationId, numberId: c.number_id, body: withButtons(reply), contentSid: prepared.contentSid, trigger: 'bot', now });
      // The customer opted out: the bot's words are on the timeline as not sent, and it still hands off as it said.
      if (id === null) continue;
      await addConversationEvent(tx, conversationId, 'bot.reply', { messageId: id, buttons: reply.buttons.map((b) => b.title), contentSid: prepared.contentSid });
      if (prepared.contentSid === null && prepared.reason) await addConversationEvent(tx, conversationId, 'bot.buttons-as-text', { messageId: id, reason: prepared.reason });
      events.push(await messageEvent(tx, id, 'message.created'));
    }
    const handedOff = answer.handoff ? await handOff(tx, { conversationId, ...answer.handoff, now }) : false;
    events.push(await conversationEvent(tx, conversationId, 'conversation.updated'));
    return handedOff;
  });
  for (const e of events) ctx.events.publish(e);
  if (events.length) ctx.signals.outboxQueued();
  if (routed) await assignSafely(ctx, () => assignConversation(ctx, conversationId, { trigger: 'bot hand-off', recordWaiting: true }));
}
