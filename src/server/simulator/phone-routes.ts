import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ConflictError, NotFoundError } from '../http/errors.js';
import { canBeRead, type Carrier } from './carrier.js';
import { MessageSidParam, NumberView, PhoneMessageView, PhoneParam, PhoneSendBody, PhoneSendResult } from './schema.js';
import { sendFromPhone } from './send-from-phone.js';
import type { Simulator } from './simulator.js';
import { E164 } from './sids.js';
import { channelOfMessage } from './channels.js';
import { conversationOf, findMessage, listNumbers, type SimNumber } from './store.js';

const tags = ['simulator'];
const PING_MS = 25_000;
const MAX_PHONE_BODY = 8 * 1024 * 1024; // a 5 MB image in base64, and the rest

export const presentNumber = (n: SimNumber): NumberView => ({
  phoneNumber: n.phone_number,
  accountSid: n.account_sid,
  friendlyName: n.friendly_name,
  sandbox: n.sandbox,
  sandboxKeyword: n.sandbox_keyword,
  smsUrl: n.sms_url,
});

/** "+1555…" arrives as " 1555…" when a query string was not encoded: a space there can only have been a plus. */
const phoneFromQuery = (raw: string | undefined) => (raw ?? '').replace(/^ /, '+').trim();

/**
 * The customer phone behind /simulator: business numbers, sending as a customer, the
 * conversation with a business, reading, and live updates. For signed-in users only (auth/plugin.ts
 * closes /simulator/api, the WebSocket included): it shows any customer's thread. It reaches
 * Switchboard only through the same signed webhooks real Twilio uses.
 */
export function phoneRoutes(sim: Simulator, carrier: Carrier): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/numbers', { schema: { tags, summary: 'Business numbers known to the simulator', response: { 200: Type.Object({ items: Type.Array(NumberView) }) } } }, async () => ({
      items: (await listNumbers(sim.db)).map(presentNumber),
    }));

    app.post(
      '/phone/messages',
      {
        bodyLimit: MAX_PHONE_BODY,
        schema: {
          tags,
          summary: 'Send as a customer on a channel (WhatsApp, SMS): text, an image, a location or a button reply, posted to the number\'s webhook exactly as Twilio does',
          body: PhoneSendBody,
          response: { 201: PhoneSendResult },
        },
      },
      async (request, reply) => reply.status(201).send(await sendFromPhone(sim, request.body)),
    );

    app.get(
      '/phone/:phone/messages',
      {
        schema: {
          tags,
          summary: 'A customer\'s messages, oldest first; with ?with= only those with that business number',
          description:
            'Live updates: open a WebSocket on /simulator/api/live?phone=<customer, URL-encoded>; it pushes {"type":"message","message":…} ' +
            'in this same message shape whenever a message to or from that phone is created or changes status. Needs a session, like every /simulator/api route.',
          params: PhoneParam,
          querystring: Type.Object({ with: Type.Optional(Type.String()) }),
          response: { 200: Type.Object({ items: Type.Array(PhoneMessageView) }) },
        },
      },
      async (request) => {
        const business = request.query.with ? phoneFromQuery(request.query.with) : undefined;
        return { items: await sim.views(await conversationOf(sim.db, request.params.phone, business)) };
      },
    );

    app.post(
      '/messages/:sid/read',
      { schema: { tags, summary: 'The customer reads a business message: Twilio sends the "read" callback', params: MessageSidParam, response: { 200: PhoneMessageView } } },
      async (request) => {
        const message = await findMessage(sim.db, request.params.sid);
        if (!message || message.direction === 'inbound') throw new NotFoundError('A message to the customer with that sid');
        const channel = channelOfMessage(message);
        if (!channel.simulator.readReceipts) {
          throw new ConflictError('SIMULATOR_NO_READ_RECEIPTS', `Phones do not report reading a message on ${channel.id}.`);
        }
        if (!canBeRead(message.status) && message.status !== 'read') {
          throw new ConflictError('SIMULATOR_NOT_DELIVERED', `This message is ${message.status}, not on the customer's phone, so it cannot be read.`);
        }
        await carrier.read(message.sid);
        const [view] = await sim.views([(await findMessage(sim.db, message.sid))!]);
        return view;
      },
    );

    app.get(
      '/live',
      { websocket: true, schema: { tags, summary: 'WebSocket: {type:"message", message} whenever a message to or from ?phone= is created or changes', querystring: Type.Object({ phone: Type.Optional(Type.String()) }) } },
      (socket, request) => {
        const phone = phoneFromQuery(request.query.phone);
        if (!E164.test(phone)) {
          socket.close(4400, 'Give ?phone=+15551234567');
          return;
        }
        const unsubscribe = sim.events.subscribe(phone, (message) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'message', message }));
        });
        const ping = setInterval(() => socket.ping(), PING_MS);
        socket.on('close', () => {
          unsubscribe();
          clearInterval(ping);
        });
      },
    );
  };
}
