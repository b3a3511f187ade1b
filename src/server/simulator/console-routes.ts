import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AccountCreate, AccountCreated, AccountView, ContentCreate, NumberUpdate, NumberView, Settings, SettingsUpdate } from './schema.js';
import { presentNumber } from './phone-routes.js';
import { configureSimulatorNumber, createSimulatorAccount, createSimulatorContent } from './provision.js';
import type { Simulator } from './simulator.js';
import { findNumber, listAccounts } from './store.js';
import { ValidationError } from '../http/errors.js';
import { webhookUrlProblem } from './own-urls.js';

const tags = ['simulator'];

/**
 * The simulator's "Twilio console" and its behaviour: accounts, numbers and their webhook,
 * Content templates, callback timing and injected faults. For signed-in users, like the phone API
 * (auth/plugin.ts closes /simulator/api); a number's webhook can only be one of this Switchboard's.
 */
export function consoleRoutes(sim: Simulator): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/settings', { schema: { tags, summary: 'Callback timing, auto-read and faults to inject', response: { 200: Settings } } }, async () => sim.settings.get());

    app.put(
      '/settings',
      { schema: { tags, summary: 'Change settings: the fields given replace theirs, the rest stay', body: SettingsUpdate, response: { 200: Settings } } },
      async (request) => sim.settings.update(request.body),
    );

    app.get('/accounts', { schema: { tags, summary: 'Simulated Twilio accounts', response: { 200: Type.Object({ items: Type.Array(AccountView) }) } } }, async () => ({
      items: (await listAccounts(sim.db)).map((a) => ({ accountSid: a.sid, friendlyName: a.friendly_name, dateCreated: a.date_created.toISOString() })),
    }));

    app.post(
      '/accounts',
      { schema: { tags, summary: 'Create a simulated Twilio account: its Account SID and Auth Token go into a messaging account', body: AccountCreate, response: { 201: AccountCreated } } },
      async (request, reply) => reply.status(201).send(await createSimulatorAccount(sim.ctx.db, request.body)),
    );

    app.put(
      '/numbers/:phoneNumber',
      {
        schema: {
          tags,
          summary: 'Give an account a number and set its "When a message comes in" URL (a messaging account\'s inbound URL)',
          params: Type.Object({ phoneNumber: Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$' }) }),
          body: NumberUpdate,
          response: { 200: NumberView },
        },
      },
      async (request) => {
        const { phoneNumber } = request.params;
        const problem = request.body.smsUrl ? webhookUrlProblem(sim.ctx.config.publicUrl, request.body.smsUrl) : null;
        if (problem) throw new ValidationError(problem, 'smsUrl');
        await configureSimulatorNumber(sim.ctx.db, { phoneNumber, ...request.body });
        return presentNumber((await findNumber(sim.db, phoneNumber))!);
      },
    );

    app.post(
      '/content',
      {
        schema: {
          tags,
          summary: 'Create a text Content template (HX…), approved at once; also reachable as POST /simulator/twilio/v1/Content',
          body: ContentCreate,
          response: { 201: Type.Object({ sid: Type.String() }) },
        },
      },
      async (request, reply) => reply.status(201).send(await createSimulatorContent(sim.ctx.db, request.body)),
    );
  };
}
