import twilio from 'twilio';
import type { Simulator } from './simulator.js';
import type { SimMessage } from './store.js';
import { twilioMessageFor } from './twilio-errors.js';
import { webhookUrlProblem } from './own-urls.js';
import type { DeliveryStep } from './delivery-rules.js';
import { channelOfMessage } from './channels.js';

const TIMEOUT_MS = 15_000;

/**
 * A status callback's fields as Twilio sends them: those of every channel, and the message's
 * channel's own (test/contract/twilio-fixtures, "status").
 */
export function statusCallbackParams(m: SimMessage, channelInstallSid: string, step: Pick<DeliveryStep, 'status' | 'errorCode' | 'errorMessage'>): Record<string, string> {
  const channel = channelOfMessage(m);
  const params: Record<string, string> = {
    AccountSid: m.account_sid,
    ApiVersion: '2010-04-01',
    From: m.from_address ?? channel.twilio.address(m.business_number),
    MessageSid: m.sid,
    MessageStatus: step.status,
    SmsSid: m.sid,
    SmsStatus: step.status,
    To: m.to_address,
    ...(step.errorCode ? { ErrorCode: String(step.errorCode) } : {}),
    ...channel.simulator.statusFields({
      customer: m.customer,
      status: step.status,
      channelInstallSid,
      errorMessage: step.errorCode ? (step.errorMessage ?? twilioMessageFor(step.errorCode)) : null,
    }),
  };
  if (m.messaging_service_sid) params.MessagingServiceSid = m.messaging_service_sid;
  return params;
}

/** POSTs one signed status callback to the message's StatusCallback URL; Twilio does not retry these. */
export async function sendStatusCallback(sim: Simulator, m: SimMessage, step: Pick<DeliveryStep, 'status' | 'errorCode' | 'errorMessage'>): Promise<void> {
  if (!m.status_callback) return;
  const account = await sim.account(m.account_sid);
  if (!account) return;
  const refused = webhookUrlProblem(sim.ctx.config.publicUrl, m.status_callback);
  if (refused) {
    sim.log.warn({ sid: m.sid, status: step.status }, `simulator: status callback not sent: ${refused}`);
    return;
  }
  const params = statusCallbackParams(m, account.channel_install_sid, step);
  try {
    const response = await sim.ctx.fetch(m.status_callback, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'TwilioProxy/1.1',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(account.auth_token, m.status_callback, params),
      },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.arrayBuffer();
    if (!response.ok) sim.log.warn({ sid: m.sid, status: step.status, http: response.status }, 'simulator: status callback was refused');
  } catch (err) {
    sim.log.warn({ sid: m.sid, status: step.status, err: (err as Error).message }, 'simulator: status callback could not be delivered');
  }
}
