import type { AppContext } from '../context.js';
import { loadBehaviors } from '../automation/settings.js';
import { askHttpBot } from './http-bot.js';
import { resolveNumberedChoice, ruleBotAnswer, ruleInLanguage, type BotAnswer } from './rule-bot.js';

/**
 * What the workstream's bot answers to one customer message: the HTTP bot within its time budget,
 * or the rule bot (a tapped button by its id, else the text or the number of an option); a bot
 * turned off meanwhile hands off. Null when the bot no longer has the conversation.
 */
export async function askBot(ctx: AppContext, conversationId: string, messageId: string): Promise<BotAnswer | null> {
  const c = await ctx.db
    .selectFrom('conversations as c')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .leftJoin('workstreams as w', 'w.id', 'c.workstream_id')
    .select(['c.workstream_id', 'c.bot_state', 'c.state', 'c.routing_variables', 'ct.phone', 'ct.name', 'ct.profile_name', 'ct.language', 'w.language as workstreamLanguage'])
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!c || c.bot_state !== 'active' || c.state === 'closed') return null;
  const message = await ctx.db.selectFrom('messages').select(['id', 'body', 'kind', 'button_payload', 'button_text']).where('id', '=', messageId).executeTakeFirstOrThrow();
  const { bot, botSecretSealed } = await loadBehaviors(ctx.db, c.workstream_id);
  const turnedOff: BotAnswer = { replies: [], handoff: { reason: 'the bot was turned off', variables: {} } };
  if (bot.kind === 'http') {
    if (!bot.http.url || !botSecretSealed) return turnedOff;
    return askHttpBot(ctx.outboundFetch, {
      url: bot.http.url,
      secret: ctx.secrets.open(botSecretSealed),
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
  if (bot.kind !== 'rule') return turnedOff;
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
  return ruleBotAnswer(ruleInLanguage(bot.rule, c.language ?? c.workstreamLanguage), text, { firstTurn: !earlier, buttonId: message.button_payload });
}
