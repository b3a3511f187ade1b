import type { AppContext } from '../context.js';
import type { Tx } from '../db/database.js';
import { queueOutbound } from '../conversations/queue-outbound.js';
import { OPTED_OUT_REASON, queueAutomatedMessage } from '../conversations/send-automated.js';
import { conversationOptedOut } from '../contacts/opt-outs.js';
import { addConversationEvent } from '../conversations/store.js';
import { isWindowOpen, windowName } from '../conversations/window.js';
import { pickLocalization, placeholdersOf, renderTemplate } from '../templates/render.js';
import { loadTemplate } from '../templates/store.js';
import { fillPlaceholders, textFor } from '../automation/render.js';
import { loadBehaviors } from '../automation/settings.js';
import { surveyLink } from './survey-token.js';

/**
 * Asks the customer of a conversation that just closed for a rating, once per conversation, in the
 * closing transaction. Inside the 24-hour window: a session message (the question, or the link).
 * Outside it: the configured approved template. When neither is possible the reason is recorded
 * on the timeline and on the survey; it is never skipped silently.
 */
export async function requestSurvey(ctx: AppContext, tx: Tx, conversationId: string, now: Date): Promise<void> {
  const c = await tx
    .selectFrom('conversations as c')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .leftJoin('workstreams as w', 'w.id', 'c.workstream_id')
    .select(['c.contact_id', 'c.number_id', 'c.workstream_id', 'c.queue_id', 'c.assigned_agent_id', 'c.last_agent_id', 'c.channel', 'c.last_inbound_at', 'ct.language', 'w.language as workstreamLanguage'])
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!c?.workstream_id) return;
  const { survey, automatedMessages } = await loadBehaviors(tx, c.workstream_id);
  if (!survey.enabled) return;
  const created = await tx
    .insertInto('survey_requests')
    .values({
      conversation_id: conversationId, contact_id: c.contact_id, number_id: c.number_id, workstream_id: c.workstream_id, queue_id: c.queue_id,
      agent_id: c.assigned_agent_id ?? c.last_agent_id, channel: survey.channel, status: 'sent', created_at: now,
      expires_at: new Date(now.getTime() + survey.answerWithinMinutes * 60_000),
    })
    .onConflict((oc) => oc.column('conversation_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!created) return;

  const language = c.language ?? c.workstreamLanguage ?? 'en';
  const link = surveyLink(ctx, created.id);
  let sent: { messageId: string; via: 'session' | 'template' } | { reason: string };
  if (isWindowOpen(c.channel, c.last_inbound_at, now)) {
    const trigger = survey.channel === 'link' ? 'survey-link' : 'survey-question';
    const body = fillPlaceholders(textFor(trigger, automatedMessages, language).text, { SurveyLink: link });
    const messageId = await queueAutomatedMessage(tx, { conversationId, numberId: c.number_id, body, trigger: 'survey', now });
    sent = messageId ? { messageId, via: 'session' } : { reason: OPTED_OUT_REASON };
  } else if (await conversationOptedOut(tx, conversationId)) {
    sent = { reason: OPTED_OUT_REASON };
  } else {
    sent = await sendSurveyTemplate(tx, { conversationId, numberId: c.number_id, windowName: windowName(c.channel), templateId: survey.templateId, languages: [c.language, c.workstreamLanguage], link, now });
  }
  if ('reason' in sent) {
    await tx.updateTable('survey_requests').set({ status: 'not-sent', reason: sent.reason }).where('id', '=', created.id).execute();
    await addConversationEvent(tx, conversationId, 'survey.not-sent', { surveyId: created.id, reason: sent.reason });
    return;
  }
  await tx.updateTable('survey_requests').set({ message_id: sent.messageId }).where('id', '=', created.id).execute();
  await addConversationEvent(tx, conversationId, 'survey.sent', { surveyId: created.id, channel: survey.channel, via: sent.via, messageId: sent.messageId });
}

/** Outside the window only an approved template (with its Content SID) may go; {{1}} gets the link. */
async function sendSurveyTemplate(
  tx: Tx,
  input: { conversationId: string; numberId: string; windowName: string; templateId: string | null; languages: (string | null)[]; link: string; now: Date },
): Promise<{ messageId: string; via: 'template' } | { reason: string }> {
  if (!input.templateId) return { reason: `The ${input.windowName} is closed and the workstream has no survey template to send instead.` };
  const template = await loadTemplate(tx, input.templateId);
  if (!template) return { reason: 'The survey template was deleted.' };
  const localization = pickLocalization(template.localizations, input.languages, template.defaultLanguage);
  if (!localization?.contentSid) {
    return { reason: `The ${input.windowName} is closed and the survey template "${template.name}" has no approved Content SID for ${localization?.language ?? 'any language'}.` };
  }
  const variables = Object.fromEntries(placeholdersOf(localization.text).map((key) => [key, key === '1' ? input.link : '-']));
  const messageId = await queueOutbound(tx, {
    conversationId: input.conversationId, numberId: input.numberId, kind: 'template', body: renderTemplate(localization.text, variables), senderUserId: null,
    templateId: template.id, contentSid: localization.contentSid, contentVariables: variables, now: input.now,
  });
  await addConversationEvent(tx, input.conversationId, 'automated-message', { trigger: 'survey', messageId, templateId: template.id });
  return { messageId, via: 'template' };
}
