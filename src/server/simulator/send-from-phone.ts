import twilio from 'twilio';
import { NotFoundError, ValidationError } from '../http/errors.js';
import type { PhoneSendBody, WebhookResult } from './schema.js';
import type { Simulator } from './simulator.js';
import { newSid } from './sids.js';
import { webhookUrlProblem } from './own-urls.js';
import { CHANNEL_IDS } from '../channels/registry.js';
import { simulatedChannel, type SimulatedChannel } from './channels.js';
import { conversationOf, findNumber, insertMessage, recordSandboxJoin, type SimMessage, type SimNumber } from './store.js';

const MAX_MEDIA_BYTES = 16 * 1024 * 1024;
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const WEBHOOK_TIMEOUT_MS = 15_000;

export type PhoneSendResult = { sid: string; webhook: WebhookResult; sandboxJoin?: { joined: boolean } };

/**
 * A simulated customer writes to a business number on a channel (WhatsApp, SMS): the message is
 * recorded as Twilio would record it, then POSTed to the number's "When a message comes in" URL,
 * signed with the owning account's token, with the fields Twilio sends for that channel. Twilio
 * delivers whatever channel the number is not set up for in Switchboard: Switchboard decides.
 */
export async function sendFromPhone(sim: Simulator, input: PhoneSendBody): Promise<PhoneSendResult> {
  const channel = phoneChannel(input);
  const number = await findNumber(sim.db, input.to);
  if (!number) throw new NotFoundError(`The business number ${input.to}`);
  const body = input.body ?? '';
  if (!body.trim() && !input.image && !input.location && !input.button) {
    throw new ValidationError('Write something, or send an image, a location or a button reply.', 'body');
  }
  const image = input.image ? decodeImage(input.image, channel) : null;
  const now = sim.ctx.now();
  const joinKeyword = number.sandbox && channel.simulator.sandbox ? /^join\s+(\S+)\s*$/i.exec(body.trim())?.[1] : undefined;
  const earlier = await conversationOf(sim.db, input.from);
  // WhatsApp sends the customer's profile name with every message: the phone remembers the last one given.
  const profileName = input.profileName || earlier.findLast((m) => m.direction === 'inbound' && m.profile_name)?.profile_name || null;
  const customerAddress = channel.twilio.address(input.from);
  const repliedTo = input.button ? earlier.findLast((m) => m.direction !== 'inbound' && m.business_number === number.phone_number && m.to_address === customerAddress) : undefined;

  const sid = newSid(image ? 'MM' : 'SM');
  const mediaSid = image ? newSid('ME') : undefined;
  const message = await insertMessage(
    sim.db,
    {
      sid,
      account_sid: number.account_sid,
      direction: 'inbound',
      from_address: customerAddress,
      to_address: channel.twilio.address(number.phone_number),
      business_number: number.phone_number,
      customer: input.from,
      body: input.button && !body ? input.button.text : body,
      num_media: image ? 1 : 0,
      status: 'received',
      profile_name: profileName,
      latitude: input.location?.latitude ?? null,
      longitude: input.location?.longitude ?? null,
      location_label: input.location?.label ?? null,
      location_address: input.location?.address ?? null,
      button_text: input.button?.text ?? null,
      button_payload: input.button?.payload ?? null,
      date_created: now,
      date_sent: now,
      date_updated: now,
    },
    image && mediaSid ? [{ sid: mediaSid, message_sid: sid, position: 0, content_type: image.contentType, filename: image.filename, source_url: null, data: image.data }] : [],
  );
  await sim.publish(message);

  if (joinKeyword !== undefined) return { sid: message.sid, webhook: { ok: true, status: null }, sandboxJoin: await answerJoin(sim, number, message, joinKeyword) };
  const account = await sim.account(number.account_sid);
  const params = inboundWebhookParams(sim.apiBase(), channel, message, { mediaSid, contentType: image?.contentType, repliedTo });
  return { sid: message.sid, webhook: await postWebhook(sim, number.sms_url, account!.auth_token, params) };
}

/** The channel the customer writes on, refusing what its phones cannot send (a location by SMS). */
function phoneChannel(input: PhoneSendBody): SimulatedChannel {
  const channel = simulatedChannel(input.channel ?? CHANNEL_IDS[0]);
  if (!channel) throw new ValidationError(`The simulator's phone cannot write on ${input.channel}.`, 'channel');
  if (input.location && !channel.simulator.location) throw new ValidationError(`A location cannot be sent by ${channel.id}.`, 'location');
  if (input.button && !channel.capabilities.buttons) throw new ValidationError(`A button reply cannot be sent by ${channel.id}.`, 'button');
  return channel;
}

function decodeImage(image: NonNullable<PhoneSendBody['image']>, channel: SimulatedChannel): { data: Buffer; contentType: string; filename: string | null } {
  const data = Buffer.from(image.dataBase64, 'base64');
  const limit = Math.min(image.contentType.startsWith('image/') ? MAX_IMAGE_BYTES : MAX_MEDIA_BYTES, channel.capabilities.maxMediaBytes);
  if (!data.length) throw new ValidationError('The image is empty or not base64.', 'image.dataBase64');
  if (data.length > limit) throw new ValidationError(`The file is ${data.length} bytes; ${channel.id} takes at most ${limit}.`, 'image.dataBase64');
  return { data, contentType: image.contentType, filename: image.filename ?? null };
}

/**
 * The inbound webhook's fields as Twilio sends them: those of every channel, and the channel's own
 * (test/contract/twilio-fixtures, "inbound").
 */
export function inboundWebhookParams(
  apiBase: string,
  channel: SimulatedChannel,
  m: SimMessage,
  extra: { mediaSid?: string; contentType?: string; repliedTo?: SimMessage },
): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: m.account_sid,
    ApiVersion: '2010-04-01',
    Body: m.body,
    From: m.from_address!,
    MessageSid: m.sid,
    NumMedia: String(m.num_media),
    SmsMessageSid: m.sid,
    SmsSid: m.sid,
    SmsStatus: 'received',
    To: m.to_address,
    ...channel.simulator.inboundFields({
      customer: m.customer,
      business: m.business_number,
      profileName: m.profile_name,
      mediaContentTypes: extra.contentType ? [extra.contentType] : [],
      body: m.body,
      location: m.latitude !== null && m.longitude !== null ? { latitude: m.latitude, longitude: m.longitude, label: m.location_label, address: m.location_address } : null,
      button: m.button_text ? { text: m.button_text, payload: m.button_payload } : null,
      repliedToSid: extra.repliedTo?.sid ?? null,
    }),
  };
  if (extra.mediaSid && extra.contentType) {
    params.MediaContentType0 = extra.contentType;
    params.MediaUrl0 = `${apiBase}/2010-04-01/Accounts/${m.account_sid}/Messages/${m.sid}/Media/${extra.mediaSid}`;
  }
  return params;
}

async function postWebhook(sim: Simulator, url: string | null, authToken: string, params: Record<string, string>): Promise<WebhookResult> {
  if (!url) return { ok: false, status: null, error: 'This number has no "When a message comes in" URL yet.' };
  const refused = webhookUrlProblem(sim.ctx.config.publicUrl, url);
  if (refused) return { ok: false, status: null, error: refused };
  try {
    const response = await sim.ctx.fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'TwilioProxy/1.1',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, url, params),
      },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    const text = await response.text();
    if (response.ok) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `The webhook answered ${response.status}: ${text.slice(0, 300)}` };
  } catch (err) {
    const reason = err instanceof Error && err.name === 'TimeoutError' ? 'no answer within 15 s' : ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message;
    return { ok: false, status: null, error: `The webhook could not be reached: ${reason}` };
  }
}

/** The WhatsApp Sandbox answers "join <keyword>" itself; the business's webhook never sees it. */
async function answerJoin(sim: Simulator, number: SimNumber, join: SimMessage, keyword: string): Promise<{ joined: boolean }> {
  const joined = keyword.toLowerCase() === number.sandbox_keyword?.toLowerCase();
  const now = sim.ctx.now();
  if (joined) await recordSandboxJoin(sim.db, number.phone_number, join.customer, now);
  const reply = await insertMessage(sim.db, {
    sid: newSid('SM'),
    account_sid: number.account_sid,
    direction: 'outbound-reply',
    from_address: join.to_address,
    to_address: join.from_address!,
    business_number: number.phone_number,
    customer: join.customer,
    body: joined
      ? `Twilio Sandbox: ✅ You are all set! The sandbox can now send and receive messages from ${join.to_address}. Reply stop to leave the sandbox any time.`
      : `Twilio Sandbox: "${keyword}" is not the join code of this sandbox. Check the code in the Twilio console and send "join <code>" again.`,
    status: 'delivered',
    date_created: now,
    date_sent: now,
    date_updated: now,
  });
  await sim.publish(reply);
  return { joined };
}
