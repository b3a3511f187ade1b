import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountRow } from '../../messaging-accounts/store.js';
import { DomainError, NotFoundError } from '../../http/errors.js';
import { createInboundAcceptor } from '../../inbox/accept-inbound.js';
import { createStatusCallbackApplier } from '../../conversations/apply-delivery-status.js';
import { first, parseTwilioInbound, storableParams, type WebhookParams } from './webhook-params.js';
import { isValidTwilioSignature } from './signature.js';
import { recordSignatureFailure } from '../../messaging-accounts/account-health.js';
import { createWebhookAccounts } from './webhook-accounts.js';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

class BadSignatureError extends DomainError {
  constructor() {
    super('BAD_SIGNATURE', 'The X-Twilio-Signature header is missing or does not match this request.', 403);
  }
}

/** Twilio's webhooks: inbound messages and delivery status callbacks, one pair of URLs per messaging account. */
export const whatsappWebhookRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  const verifyAccount = createWebhookAccounts(ctx);
  const acceptInbound = createInboundAcceptor(ctx, app.log.child({ component: 'inbox' }));
  const applyStatusCallback = createStatusCallbackApplier(ctx);

  /** The account behind the URL, once the request is proven to come from Twilio with that account's token. */
  async function verifiedAccount(request: FastifyRequest<{ Params: { key: string } }>): Promise<{ account: AccountRow; params: WebhookParams }> {
    const params = (request.body ?? {}) as WebhookParams;
    // Twilio signs the URL it called; behind a proxy that is PUBLIC_URL + the path and query we received.
    const url = ctx.config.publicUrl + request.url;
    const header = request.headers['x-twilio-signature'];
    const signature = typeof header === 'string' ? header : undefined;
    const account = await verifyAccount(request.params.key, (authToken) => isValidTwilioSignature(authToken, signature, url, params));
    if (!account) throw new NotFoundError('The messaging account for this webhook URL');
    if (account === 'rejected') {
      request.log.warn('rejected a webhook with a bad signature');
      ctx.metrics.webhooks.inc({ kind: request.url.includes('/status') ? 'status' : 'inbound', outcome: 'rejected' });
      await recordSignatureFailure(ctx.db, request.params.key, ctx.now());
      throw new BadSignatureError();
    }
    return { account, params: storableParams(params) };
  }

  const twiml = (reply: FastifyReply) => reply.status(200).type('text/xml').send(EMPTY_TWIML);
  const schema = { hide: true, params: { type: 'object', properties: { key: { type: 'string', maxLength: 64 } } } };
  // What Twilio sends is cleaned after its signature is checked (storableParams), not refused.
  const config = { cleansOwnText: true };

  app.post<{ Params: { key: string } }>('/webhooks/twilio/:key/inbound', { schema, config }, async (request, reply) => {
    const { account, params } = await verifiedAccount(request);
    const message = parseTwilioInbound(params);
    const outcome = await acceptInbound(account, params, message);
    request.log.info({ outcome, messageSid: message.messageSid }, 'inbound webhook');
    ctx.metrics.webhooks.inc({ kind: 'inbound', outcome });
    return twiml(reply);
  });

  app.post<{ Params: { key: string }; Querystring: { m?: string } }>('/webhooks/twilio/:key/status', { schema, config }, async (request, reply) => {
    const { account, params } = await verifiedAccount(request);
    const messageSid = first(params, 'MessageSid') ?? first(params, 'SmsSid') ?? '';
    const status = first(params, 'MessageStatus') ?? first(params, 'SmsStatus') ?? '';
    if (!/^(SM|MM)[0-9a-fA-F]{32}$/.test(messageSid) || !status) {
      throw new DomainError('BAD_REQUEST', 'A status callback needs MessageSid and MessageStatus.', 400);
    }
    const errorCode = Number(first(params, 'ErrorCode'));
    const messageId = request.query.m && /^[0-9a-f-]{36}$/.test(request.query.m) ? request.query.m : undefined;
    const outcome = await applyStatusCallback(account.id, {
      messageSid,
      messageId,
      status,
      errorCode: Number.isInteger(errorCode) && errorCode > 0 ? errorCode : null,
      errorMessage: first(params, 'ErrorMessage') ?? null,
    });
    ctx.metrics.webhooks.inc({ kind: 'status', outcome });
    if (outcome === 'applied' && (status === 'failed' || status === 'undelivered')) ctx.metrics.messagesFailed.inc({ code: String(Number.isInteger(errorCode) ? errorCode : 0) });
    return twiml(reply);
  });
};
