import type { Insertable } from 'kysely';
import { deliveryRefusal, planDelivery, type DeliveryStep, type Failure } from './delivery-rules.js';
import { renderContent } from './resources.js';
import type { Fault } from './schema.js';
import type { Simulator } from './simulator.js';
import { E164, newSid, parseAddress } from './sids.js';
import { SIMULATED_CHANNELS, simulatedChannelOf, type SimulatedChannel } from './channels.js';
import { findContent, findNumber, insertMessage, lastCustomerMessageAt, listNumbers, sandboxJoinedAt, type SimAccount, type SimMessage, type SimNumber } from './store.js';
import type { SimMediaTable, SimMessagesTable } from './tables.js';
import { TwilioError, twilioMessageFor } from './twilio-errors.js';
import { mediaUrlProblem, webhookUrlProblem } from './own-urls.js';

export type MessageForm = Record<string, string | string[] | undefined>;
export type CreatedMessage = { message: SimMessage; steps: DeliveryStep[]; afterAccept: Fault | null };

const MAX_BODY = 1600;
const MAX_MEDIA = 10;
const AFTER_ACCEPT = new Set(['drop-after-accept', 'timeout-after-accept', 'error-after-accept']);

const one = (form: MessageForm, key: string): string | undefined => {
  const value = form[key];
  return (Array.isArray(value) ? value[0] : value) || undefined;
};
const all = (form: MessageForm, key: string): string[] => [form[key] ?? []].flat().filter(Boolean);
const isHttpUrl = (raw: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(raw).protocol);
  } catch {
    return false;
  }
};

/**
 * POST …/Messages.json: checks the request the way Twilio does (same codes, same order of
 * checks), applies any injected fault, and records the message. The channel is the To address's
 * (whatsapp:+… or a bare +… for SMS/MMS). What the channel will make of it (WhatsApp's 24-hour
 * window, the sandbox) is decided here too but reported later, by status callback.
 */
export async function createMessage(sim: Simulator, account: SimAccount, form: MessageForm): Promise<CreatedMessage> {
  const to = one(form, 'To');
  if (!to) throw new TwilioError(21604);
  const from = one(form, 'From');
  const serviceSid = one(form, 'MessagingServiceSid');
  if (!from && !serviceSid) throw new TwilioError(21603);
  const body = one(form, 'Body');
  const mediaUrls = all(form, 'MediaUrl');
  const contentSid = one(form, 'ContentSid');
  const contentVariables = one(form, 'ContentVariables');
  if (!body && !mediaUrls.length && !contentSid) throw new TwilioError(21602);

  const recipient = parseAddress(to);
  if (!E164.test(recipient.number)) throw new TwilioError(21211, 400, `Invalid 'To' Phone Number: ${to}`);
  if (from && parseAddress(from).channel !== recipient.channel) throw new TwilioError(21910);
  const sender = await resolveSender(sim, account, from, serviceSid);
  const channel = simulatedChannelOf(to);
  // Twilio's shared sandbox number is no SMS sender of the account.
  if (!channel || (sender.sandbox && !channel.simulator.sandbox)) {
    const carried = SIMULATED_CHANNELS.map((c) => c.id).join(', ');
    throw new TwilioError(21606, 400, `The 'From' phone number provided (${from ?? serviceSid}) is not a valid message-capable Twilio phone number for this destination. (The simulator carries ${carried}${sender.sandbox ? '; its sandbox number only the sandbox channel' : ''}.)`);
  }
  if (body && body.length > MAX_BODY) throw new TwilioError(21617);
  if (mediaUrls.length > MAX_MEDIA) throw new TwilioError(21623);
  if (mediaUrls.some((u) => !isHttpUrl(u))) throw new TwilioError(21620);
  const publicUrl = sim.ctx.config.publicUrl;
  const foreignMedia = mediaUrls.map((u) => mediaUrlProblem(publicUrl, u)).find(Boolean);
  if (foreignMedia) throw new TwilioError(21620, 400, `${twilioMessageFor(21620)}: ${foreignMedia}`);
  const statusCallback = one(form, 'StatusCallback');
  if (statusCallback && !isHttpUrl(statusCallback)) throw new TwilioError(21609);
  const foreignCallback = statusCallback ? webhookUrlProblem(publicUrl, statusCallback) : null;
  if (foreignCallback) throw new TwilioError(21609, 400, `${twilioMessageFor(21609)}: ${foreignCallback}`);
  if (contentSid && !channel.capabilities.templates) {
    throw new TwilioError(21655, 400, `The ContentSid is Invalid: the simulator sends Content templates only on channels with approved templates, not ${channel.id}.`);
  }
  const template = await resolveTemplate(sim, account, contentSid, contentVariables);

  const fault = await sim.settings.takeFault();
  if (fault?.kind === 'reject') throw new TwilioError(fault.code ?? 21610, 400, fault.message);
  if (fault?.kind === 'server-error') throw new TwilioError(20500, 500, fault.message);
  if (fault?.kind === 'rate-limit') throw new TwilioError(20429, 429, fault.message);

  const now = sim.ctx.now();
  const failure = faultFailure(fault) ?? (await channelRefusal(sim, channel, sender, recipient.number, Boolean(template), now));
  const sid = newSid(mediaUrls.length ? 'MM' : 'SM');
  const row: Insertable<SimMessagesTable> = {
    sid,
    account_sid: account.sid,
    direction: 'outbound-api',
    from_address: channel.twilio.address(sender.phone_number),
    to_address: to,
    business_number: sender.phone_number,
    customer: recipient.number,
    messaging_service_sid: from ? null : serviceSid!,
    body: template ? renderContent(template.content, template.variables) : (body ?? ''),
    num_media: mediaUrls.length,
    content_sid: template ? contentSid! : null,
    content_variables: template && contentVariables ? contentVariables : null,
    status: from ? 'queued' : 'accepted',
    error_code: null,
    error_message: null,
    status_callback: statusCallback ?? null,
    date_created: now,
    date_sent: now,
    date_updated: now,
  };
  const media: Insertable<SimMediaTable>[] = mediaUrls.map((url, position) => ({
    sid: newSid('ME'),
    message_sid: sid,
    position,
    content_type: 'application/octet-stream',
    filename: null,
    source_url: url,
    data: null,
  }));
  const message = await insertMessage(sim.db, row, media);
  const settings = sim.settings.get();
  return { message, steps: planDelivery(settings, failure, settings.callbacksBeforeAnswer, channel.simulator.readReceipts), afterAccept: fault && AFTER_ACCEPT.has(fault.kind) ? fault : null };
}

async function resolveSender(sim: Simulator, account: SimAccount, from: string | undefined, serviceSid: string | undefined): Promise<SimNumber> {
  if (from) {
    const number = await findNumber(sim.db, parseAddress(from).number);
    if (!number) throw new TwilioError(21659, 400, `'From' ${from} is not a Twilio phone number or Short Code country mismatch`);
    if (number.account_sid !== account.sid) {
      throw new TwilioError(21606, 400, `The 'From' phone number provided (${from}) is not a valid message-capable Twilio phone number for this destination/account.`);
    }
    return number;
  }
  if (!/^MG[0-9a-fA-F]{32}$/.test(serviceSid ?? '')) throw new TwilioError(21701);
  // The simulator's "Messaging Service" is the account's own numbers: a real one first, the sandbox last.
  const numbers = (await listNumbers(sim.db, account.sid)).sort((a, b) => Number(a.sandbox) - Number(b.sandbox));
  if (!numbers.length) throw new TwilioError(21704);
  return numbers[0];
}

async function resolveTemplate(sim: Simulator, account: SimAccount, contentSid: string | undefined, rawVariables: string | undefined) {
  if (!contentSid) {
    if (rawVariables) throw new TwilioError(21654);
    return null;
  }
  const content = await findContent(sim.db, contentSid);
  if (!content || content.account_sid !== account.sid) throw new TwilioError(21655);
  let variables: Record<string, string> = {};
  if (rawVariables) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawVariables);
    } catch {
      throw new TwilioError(21656);
    }
    const valid = parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Object.values(parsed).every((v) => (typeof v === 'string' && v !== '') || typeof v === 'number');
    if (!valid) throw new TwilioError(21656);
    variables = Object.fromEntries(Object.entries(parsed as object).map(([k, v]) => [k, String(v)]));
  }
  return { content, variables };
}

function faultFailure(fault: Fault | null): Failure | null {
  if (fault?.kind === 'fail') return { status: 'failed', code: fault.code ?? 30008, message: fault.message };
  if (fault?.kind === 'undeliver') return { status: 'undelivered', code: fault.code ?? 30003, message: fault.message };
  return null;
}

async function channelRefusal(sim: Simulator, channel: SimulatedChannel, sender: SimNumber, customer: string, isTemplate: boolean, now: Date): Promise<Failure | null> {
  const windowMs = channel.sessionWindowMs;
  const code = deliveryRefusal({
    now,
    windowMs,
    isTemplate,
    sandbox: sender.sandbox,
    joinedAt: sender.sandbox ? await sandboxJoinedAt(sim.db, sender.phone_number, customer) : null,
    lastCustomerMessageAt: isTemplate || windowMs === null ? null : await lastCustomerMessageAt(sim.db, { phone: customer, address: channel.twilio.address(customer) }, sender.phone_number),
  });
  return code ? { status: 'failed', code } : null;
}
