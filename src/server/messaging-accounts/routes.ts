import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth/plugin.js';
import { AccountView, CreateAccountBody, CreateNumberBody, NumberView, UpdateAccountBody, UpdatedAccountView, UpdateNumberBody, ValidateAnswer, ValidateCredentialsBody } from './schema.js';
import { accountImpact, createAccount, deleteAccount, dependentWorkstreams, getAccount, updateAccount } from './manage-accounts.js';
import { Impact } from '../lifecycle/impact.js';
import { addNumber, getNumber, removeNumber, updateNumber } from './manage-numbers.js';
import { listAccountRows, listNumbers, presentAccount } from './store.js';
import { validateAccount, validateUnsavedCredentials } from './validate-account.js';
import { configurationWarnings } from './configuration-warnings.js';
import { accountHealthWarnings } from './health-warnings.js';
import { recordAudit, type AuditActor } from '../audit/record-audit.js';
import { changesBetween, settingsOf } from '../audit/changes.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const NumberParams = Type.Object({ id: Type.String({ format: 'uuid' }), numberId: Type.String({ format: 'uuid' }) });
const tags = ['messaging accounts'];
const DetachQuery = Type.Object(
  { detachWorkstreams: Type.Optional(Type.Boolean({ description: 'Leave the workstreams that use the number(s) without one, instead of refusing.' })) },
  { additionalProperties: false },
);

export const messagingAccountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  /** A workstream left without a number changed too: the audit log says so for each. */
  const recordDetached = async (me: AuditActor, workstreams: { id: string; name: string; number_id: string | null }[]) => {
    for (const w of workstreams) {
      await recordAudit(ctx.db, me, { verb: 'updated', entityType: 'workstream', entityId: w.id, entityName: w.name, changes: [{ field: 'numberId', from: w.number_id, to: null }] });
    }
  };

  app.get('/messaging-accounts', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(AccountView) }) } } }, async (request) => {
    requireRole(request, 'admin', 'supervisor');
    const rows = await listAccountRows(ctx.db);
    const numbers = await listNumbers(ctx.db, rows.map((r) => r.id));
    return { items: rows.map((r) => presentAccount(ctx.config, r, numbers)) };
  });

  app.get(
    '/configuration-warnings',
    {
      schema: {
        tags,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                code: Type.String(),
                message: Type.String(),
                fix: Type.Optional(Type.String()),
                severity: Type.Optional(Type.Union([Type.Literal('problem'), Type.Literal('todo')])),
                params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
                accountId: Type.Optional(Type.String()),
                numberId: Type.Optional(Type.String()),
                workstreamId: Type.Optional(Type.String()),
                count: Type.Optional(Type.Integer()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      requireRole(request, 'admin', 'supervisor');
      return { items: [...(await accountHealthWarnings(ctx)), ...(await configurationWarnings(ctx.db))] };
    },
  );

  app.post('/messaging-accounts', { schema: { tags, body: CreateAccountBody, response: { 201: AccountView } } }, async (request, reply) => {
    const me = requireRole(request, 'admin');
    const account = await createAccount(ctx, request.body);
    await recordAudit(ctx.db, me, { verb: 'created', entityType: 'messaging-account', entityId: account.id, entityName: account.name, changes: settingsOf(request.body) });
    return reply.status(201).send(account);
  });

  app.get('/messaging-accounts/:id', { schema: { tags, params: IdParams, response: { 200: AccountView } } }, async (request) => {
    requireRole(request, 'admin', 'supervisor');
    return getAccount(ctx, request.params.id);
  });

  app.patch(
    '/messaging-accounts/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateAccountBody,
        description: 'New credentials are checked with Twilio before they are saved: 422 CREDENTIALS_REFUSED with twilioCode when Twilio refuses them, 502 CREDENTIALS_NOT_CHECKED when Twilio cannot be asked (unless saveUnvalidated); nothing is saved then.',
        response: { 200: UpdatedAccountView },
      },
    },
    async (request) => {
      const me = requireRole(request, 'admin');
      const before = await getAccount(ctx, request.params.id);
      const after = await updateAccount(ctx, request.params.id, request.body);
      const { saveUnvalidated: _flag, ...settings } = request.body;
      const onlyToken = 'authToken' in settings && Object.keys(settings).every((k) => k === 'authToken');
      const changes = changesBetween(before, { ...after, credentials: undefined }, settings);
      if (after.credentials?.status === 'saved-unvalidated') changes.push({ field: 'credentials', to: 'saved unvalidated' });
      await recordAudit(ctx.db, me, { verb: onlyToken ? 'token-rotated' : 'updated', entityType: 'messaging-account', entityId: after.id, entityName: after.name, changes });
      return after;
    },
  );

  app.get(
    '/messaging-accounts/:id/impact',
    { schema: { tags, params: IdParams, description: 'What deleting the account would do: its numbers stop taking messages, the workstreams on them are left without a number; history stays.', response: { 200: Impact } } },
    async (request) => {
      requireRole(request, 'admin');
      return accountImpact(ctx, request.params.id);
    },
  );

  app.delete('/messaging-accounts/:id', { schema: { tags, params: IdParams, querystring: DetachQuery, description: '409 ACCOUNT_IN_USE while workstreams use its numbers, unless detachWorkstreams leaves them without one.' } }, async (request, reply) => {
    const me = requireRole(request, 'admin');
    const account = await getAccount(ctx, request.params.id);
    const detached = await dependentWorkstreams(ctx, account.numbers.map((n) => n.id));
    await deleteAccount(ctx, request.params.id, request.query);
    await recordDetached(me, detached);
    await recordAudit(ctx.db, me, { verb: 'deleted', entityType: 'messaging-account', entityId: account.id, entityName: account.name });
    return reply.status(204).send();
  });

  app.post(
    '/messaging-accounts/:id/validate',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: ValidateAnswer },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return validateAccount(ctx, request.params.id);
    },
  );

  app.post(
    '/messaging-accounts/validate',
    {
      schema: {
        tags,
        body: ValidateCredentialsBody,
        description: 'Asks Twilio whether credentials work before an account is saved; saves nothing. refused: false means Twilio could not be reached.',
        response: { 200: ValidateAnswer },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return validateUnsavedCredentials(ctx, request.body);
    },
  );

  app.post('/messaging-accounts/:id/numbers', { schema: { tags, params: IdParams, body: CreateNumberBody, response: { 201: NumberView } } }, async (request, reply) => {
    const me = requireRole(request, 'admin');
    const number = await addNumber(ctx, request.params.id, request.body);
    await recordAudit(ctx.db, me, { verb: 'added', entityType: 'whatsapp-number', entityId: number.id, entityName: `${number.name} (${number.number})`, changes: settingsOf({ accountId: number.accountId, ...request.body, number: number.number }) });
    return reply.status(201).send(number);
  });

  app.patch('/messaging-accounts/:id/numbers/:numberId', { schema: { tags, params: NumberParams, body: UpdateNumberBody, response: { 200: NumberView } } }, async (request) => {
    const me = requireRole(request, 'admin');
    const before = await getNumber(ctx, request.params.id, request.params.numberId);
    const after = await updateNumber(ctx, request.params.id, request.params.numberId, request.body);
    await recordAudit(ctx.db, me, { verb: 'updated', entityType: 'whatsapp-number', entityId: after.id, entityName: `${after.name} (${after.number})`, changes: changesBetween(before, after) });
    return after;
  });

  app.delete('/messaging-accounts/:id/numbers/:numberId', { schema: { tags, params: NumberParams, querystring: DetachQuery, description: '409 NUMBER_IN_USE while a workstream uses it, unless detachWorkstreams leaves that workstream without a number.' } }, async (request, reply) => {
    const me = requireRole(request, 'admin');
    const number = await getNumber(ctx, request.params.id, request.params.numberId);
    const detached = await dependentWorkstreams(ctx, [number.id]);
    await removeNumber(ctx, request.params.id, request.params.numberId, request.query);
    await recordDetached(me, detached);
    await recordAudit(ctx.db, me, { verb: 'removed', entityType: 'whatsapp-number', entityId: number.id, entityName: `${number.name} (${number.number})` });
    return reply.status(204).send();
  });
};
