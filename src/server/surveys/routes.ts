import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth/plugin.js';
import { DomainError } from '../http/errors.js';
import { csatBy } from './csat.js';
import { answerByLink, surveyForPage } from './record-answer.js';
import { missingRating, pageLanguage, surveyForm, surveyMessage, SURVEY_STYLESHEET, SURVEY_STYLESHEET_PATH } from './page.js';

const CsatQuery = Type.Object(
  {
    by: Type.Union([Type.Literal('agent'), Type.Literal('queue'), Type.Literal('workstream')], { default: 'workstream' }),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
const CsatRowView = Type.Object({
  id: Type.Union([Type.String(), Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
  sent: Type.Integer(),
  responses: Type.Integer(),
  averageRating: Type.Union([Type.Number(), Type.Null()]),
  csatPercent: Type.Union([Type.Number(), Type.Null()], { description: 'Share of answers rated 4 or 5.' }),
});

/** CSAT for supervisors (API) and the customer's survey page (public, by signed token). */
export const surveyApiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  app.get('/surveys/csat', { schema: { tags: ['surveys'], summary: 'CSAT per agent, queue or workstream', querystring: CsatQuery, response: { 200: Type.Object({ by: Type.String(), items: Type.Array(CsatRowView) }) } } }, async (request) => {
    requireRole(request, 'admin', 'supervisor');
    const { by, from, to } = request.query;
    return { by, items: await csatBy(ctx.db, by, { from: from ? new Date(from) : null, to: to ? new Date(to) : null }) };
  });
};

const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 500 }) });
const AnswerForm = Type.Object({ rating: Type.Optional(Type.String()), comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: true });

export const surveyPageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  const html = (reply: { type(t: string): unknown }) => reply.type('text/html; charset=utf-8');
  app.get(SURVEY_STYLESHEET_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SURVEY_STYLESHEET),
  );
  app.get('/survey/:token', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const survey = await surveyForPage(ctx, request.params.token);
    const lang = pageLanguage(survey?.language ?? survey?.workstreamLanguage ?? null);
    html(reply);
    if (!survey) return reply.status(404).send(surveyMessage(lang, 'closed'));
    if (survey.status !== 'sent' || survey.expires_at.getTime() <= ctx.now().getTime()) return reply.status(410).send(surveyMessage(lang, 'closed'));
    return reply.send(surveyForm(lang, `/survey/${request.params.token}`));
  });
  app.post('/survey/:token', { schema: { hide: true, params: TokenParams, body: AnswerForm } }, async (request, reply) => {
    const survey = await surveyForPage(ctx, request.params.token);
    const lang = pageLanguage(survey?.language ?? survey?.workstreamLanguage ?? null);
    html(reply);
    const rating = Number(request.body.rating);
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) return reply.status(422).send(surveyForm(lang, `/survey/${request.params.token}`, missingRating(lang)));
    try {
      await answerByLink(ctx, request.params.token, { rating, comment: request.body.comment?.trim() || null });
    } catch (err) {
      if (err instanceof DomainError) return reply.status(err.status === 404 ? 404 : 410).send(surveyMessage(lang, 'closed'));
      throw err;
    }
    return reply.send(surveyMessage(lang, 'thanks'));
  });
};
