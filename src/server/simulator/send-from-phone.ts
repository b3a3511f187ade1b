import twilio from 'twilio';
import { NotFoundError, ValidationError } from '../http/errors.js';
import type { PhoneSendBody, WebhookResult } from './schema.js';
import type { Simulator } from './simulator.js';
import { newSid, whatsappAddress } from './sids.js';
import { webhookUrlProblem } from './own-urls.js';
import { conversationOf, findNumber, insertMessage, recordSandboxJoin, type SimMessage, type SimNumber } from './store.js';

const MAX_MEDIA_BYTES = 16 * 1024 * 1024;
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const WEBHOOK_TIMEOUT_MS = 15_000;

export type PhoneSendResult = { sid: string; webhook: WebhookResult; sandboxJoin?: { joined: boolean } };

/**
 * A simulated customer writes to a business number: the message is recorded as Twilio would
 * record it, then POSTed to the number's "When a message comes in" URL, signed with the owning
 * account's token, with the fields Twilio sends for WhatsApp.
 */
export async function sendFromPhone(sim: Simulator, input: PhoneSendBody): Promise<PhoneSendResult> {
  const number = await findNumber(sim.db, input.to);
  if (!number) throw new NotFoundError(`The business number ${input.to}`);
  const body = input.body ?? '';
  if (!body.trim() && !input.image && !input.location && !input.button) {
    throw new ValidationError('Write something, or send an image, a location or a button reply.', 'body');
  }
  const image = input.image ? decodeImage(input.image) : null;
  const now = sim.ctx.now();
  const joinKeyword = number.sandbox ? /^join\s+(\S+)\s*$/i.exec(body.trim())?.[1] : undefined;
  const earlier = await conversationOf(sim.db, input.from);
  // WhatsApp sends the customer's profile name with every message: the phone remembers the last one given.
  const profileName = input.profileName || earlier.findLast((m) => m.direction === 'inbound' && m.profile_name)?.profile_name || null;
  const repliedTo = input.button ? earlier.findLast((m) => m.direction !== 'inbound' && m.business_number === number.phone_number) : undefined;

  const sid = newSid(image ? 'MM' : 'SM');
  const mediaSid = image ? newSid('ME') : undefined;
  const message = await insertMessage(
    sim.db,
    {
      sid,
      account_sid: number.account_sid,
      direction: 'inbound',
      from_address: whatsappAddress(input.from),
      to_address: whatsappAddress(number.phone_number),
      business_number: number.phone_number,
      customer: input.from,
      body: input.button && !body ? input.button.text : body,
      num_media: image ? 1 : 0,
      status: 'received',
      profile_name: profileName,
      latitude: input.location?.latitude ?? null,
      longitude: input.location?.longitude ?? null,
      location_label: input.location?.label ?? null,
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
  const params = inboundWebhookParams(sim.apiBase(), message, { mediaSid, contentType: image?.contentType, repliedTo });
  return { sid: message.sid, webhook: await postWebhook(sim, number.sms_url, account!.auth_token, params) };
}

function decodeImage(image: NonNullable<PhoneSendBody['image']>): { data: Buffer; contentType: string; filename: string | null } {
  const data = Buffer.from(image.dataBase64, 'base64');
  const limit = image.contentType.startsWith('image/') ? MAX_IMAGE_BYTES : MAX_MEDIA_BYTES;
  if (!data.length) throw new ValidationError('The image is empty or not base64.', 'image.dataBase64');
  if (data.length > limit) throw new ValidationError(`The file is ${data.length} bytes; WhatsApp takes at most ${limit}.`, 'image.dataBase64');
  return { data, contentType: image.contentType, filename: image.filename ?? null };
}

const messageType = (m: SimMessage, contentType?: string) => {
  if (contentType) return ['image', 'video', 'audio'].find((t) => contentType.startsWith(`${t}/`)) ?? 'document';
  if (m.latitude !== null) return 'location';
  return m.button_text ? 'interactive' : 'text';
};

/** The inbound webhook's fields, as Twilio sends them for WhatsApp (test/contract/twilio-fixtures, "inbound"). */
export function inboundWebhookParams(
  apiBase: string,
  m: SimMessage,
  extra: { mediaSid?: string; contentType?: string; repliedTo?: SimMessage },
): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: m.account_sid,
    ApiVersion: '2010-04-01',
    Body: m.body,
    From: m.from_address!,
    MessageSid: m.sid,
    MessageType: messageType(m, extra.contentType),
    NumMedia: String(m.num_media),
    NumSegments: '1',
    ReferralNumMedia: '0',
    SmsMessageSid: m.sid,
    SmsSid: m.sid,
    SmsStatus: 'received',
    To: m.to_address,
    WaId: m.customer.slice(1),
  };
  if (m.profile_name) params.ProfileName = m.profile_name;
  if (extra.mediaSid && extra.contentType) {
    params.MediaContentType0 = extra.contentType;
    params.MediaUrl0 = `${apiBase}/2010-04-01/Accounts/${m.account_sid}/Messages/${m.sid}/Media/${extra.mediaSid}`;
  }
  if (m.latitude !== null && m.longitude !== null) {
    params.Latitude = String(m.latitude);
    params.Longitude = String(m.longitude);
    if (m.location_label) params.Label = m.location_label;
  }
  if (m.button_text) {
    params.ButtonText = m.button_text;
    params.ButtonPayload = m.button_payload ?? '';
    if (extra.repliedTo) {
      params.OriginalRepliedMessageSid = extra.repliedTo.sid;
      params.OriginalRepliedMessageSender = m.to_address;
    }
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
