import type { AppContext } from '../context.js';
import type { Tx } from '../db/database.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import { queueAutomatedMessage } from '../conversations/send-automated.js';
import { addConversationEvent, findConversation, type ConversationRow } from '../conversations/store.js';
import { textFor } from '../automation/render.js';
import { loadBehaviors } from '../automation/settings.js';
import { parseSurveyAnswer } from './parse-answer.js';
import { surveyIdOf } from './survey-token.js';
import type { ChannelId } from '../channels/registry.js';

/** How long after a rating given in the conversation a free-text message is read as its comment. */
export const COMMENT_WITHIN_MS = 30 * 60_000;

/**
 * A customer's message that belongs to their last conversation's survey: its answer (a rating), or,
 * just after a rating given without one, the comment on it.
 */
export type SurveyReply =
  | { kind: 'answer'; surveyId: string; conversation: ConversationRow; rating: number; comment: string | null }
  | { kind: 'comment'; surveyId: string; conversation: ConversationRow; comment: string };

/**
 * A customer's message that answers the survey of their last, closed conversation: only when no
 * other conversation of theirs is live on this number, the survey still waits for its answer and
 * the text reads as a rating. Customers often add a sentence after the rating: text that is not a
 * rating, sent soon after a rating that came without a comment, is that comment. Either way the
 * message belongs to the closed conversation; no new one opens.
 */
export async function findSurveyReply(tx: Tx, input: { contactId: string; numberId: string; channel: ChannelId; text: string; now: Date }): Promise<SurveyReply | null> {
  const answer = parseSurveyAnswer(input.text);
  const comment = answer ? null : commentOf(input.text);
  if (!answer && !comment) return null;
  const live = await tx.selectFrom('conversations').select('id').where('contact_id', '=', input.contactId).where('number_id', '=', input.numberId).where('channel', '=', input.channel).where('state', '<>', 'closed').executeTakeFirst();
  if (live) return null;
  let q = tx
    .selectFrom('survey_requests as s')
    .innerJoin('conversations as c', 'c.id', 's.conversation_id')
    .select(['s.id', 's.conversation_id'])
    .where('s.contact_id', '=', input.contactId)
    .where('s.number_id', '=', input.numberId)
    .where('c.channel', '=', input.channel)
    .where('s.channel', '=', 'chat');
  q = answer
    ? q.where('s.status', '=', 'sent').where('s.expires_at', '>', input.now)
    : q
        .where('s.status', '=', 'answered')
        .where('s.answered_via', '=', 'chat')
        .where('s.comment', 'is', null)
        .where('s.answered_at', '>', new Date(input.now.getTime() - COMMENT_WITHIN_MS));
  const survey = await q.orderBy('s.created_at', 'desc').limit(1).forUpdate('s').executeTakeFirst();
  if (!survey) return null;
  const conversation = await findConversation(tx, survey.conversation_id, { forUpdate: true });
  if (!conversation) return null;
  return answer ? { kind: 'answer', surveyId: survey.id, conversation, ...answer } : { kind: 'comment', surveyId: survey.id, conversation, comment: comment! };
}

function commentOf(text: string): string | null {
  const trimmed = text.trim();
  return trimmed ? trimmed.slice(0, 2000) : null;
}

/** Stores the answer written in the conversation once and thanks the customer (their message just opened any window); a comment is stored without another thanks. */
export async function recordChatAnswer(tx: Tx, reply: SurveyReply, now: Date): Promise<void> {
  if (reply.kind === 'comment') {
    const row = await tx.updateTable('survey_requests').set({ comment: reply.comment }).where('id', '=', reply.surveyId).where('comment', 'is', null).returning(['conversation_id']).executeTakeFirst();
    if (row) await addConversationEvent(tx, row.conversation_id, 'survey.commented', { surveyId: reply.surveyId, comment: reply.comment });
    return;
  }
  const saved = await saveAnswer(tx, reply.surveyId, { rating: reply.rating, comment: reply.comment, via: 'chat', now });
  if (!saved) return;
  const c = await tx
    .selectFrom('conversations as c')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .leftJoin('workstreams as w', 'w.id', 'c.workstream_id')
    .select(['ct.language', 'w.language as workstreamLanguage'])
    .where('c.id', '=', reply.conversation.id)
    .executeTakeFirstOrThrow();
  const { automatedMessages } = await loadBehaviors(tx, reply.conversation.workstream_id);
  const body = textFor('survey-thanks', automatedMessages, c.language ?? c.workstreamLanguage).text;
  await queueAutomatedMessage(tx, { conversationId: reply.conversation.id, numberId: reply.conversation.number_id, body, trigger: 'survey-thanks', now });
}

/** The survey page's answer: a valid token, a survey still open, answered only once. */
export async function answerByLink(ctx: AppContext, token: string, answer: { rating: number; comment: string | null }): Promise<void> {
  const surveyId = surveyIdOf(ctx, token);
  if (!surveyId) throw new NotFoundError('The survey');
  const saved = await ctx.db.transaction().execute((tx) => saveAnswer(tx, surveyId, { ...answer, via: 'link', now: ctx.now() }));
  if (!saved) throw new ConflictError('SURVEY_CLOSED', 'This survey was already answered or has expired.');
}

/** Conditional update: of two answers arriving at once, exactly one is kept. */
async function saveAnswer(tx: Tx, surveyId: string, a: { rating: number; comment: string | null; via: 'chat' | 'link'; now: Date }): Promise<boolean> {
  const row = await tx
    .updateTable('survey_requests')
    .set({ status: 'answered', rating: a.rating, comment: a.comment, answered_at: a.now, answered_via: a.via })
    .where('id', '=', surveyId)
    .where('status', '=', 'sent')
    .where('expires_at', '>', a.now)
    .returning(['conversation_id'])
    .executeTakeFirst();
  if (!row) return false;
  await addConversationEvent(tx, row.conversation_id, 'survey.answered', { surveyId, rating: a.rating, comment: a.comment, via: a.via });
  return true;
}

/** What the survey page shows before answering. */
export async function surveyForPage(ctx: AppContext, token: string) {
  const surveyId = surveyIdOf(ctx, token);
  if (!surveyId) return null;
  return ctx.db
    .selectFrom('survey_requests as s')
    .innerJoin('contacts as ct', 'ct.id', 's.contact_id')
    .leftJoin('workstreams as w', 'w.id', 's.workstream_id')
    .select(['s.id', 's.status', 's.expires_at', 's.rating', 'ct.language', 'w.language as workstreamLanguage'])
    .where('s.id', '=', surveyId)
    .executeTakeFirst();
}
