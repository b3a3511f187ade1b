import { rfc2822 } from './sids.js';
import { signedCdnUrl } from './cdn.js';
import type { PhoneMessageView } from './schema.js';
import type { SimAccount, SimContent, SimMedia, SimMessage } from './store.js';
import { channelOfMessage } from './channels.js';

/** Twilio's resources, field for field as Twilio's OpenAPI documents describe them (checked in tests). */

const API = '/2010-04-01';
const messageUri = (m: Pick<SimMessage, 'account_sid' | 'sid'>) => `${API}/Accounts/${m.account_sid}/Messages/${m.sid}`;

export function accountResource(account: SimAccount) {
  const base = `${API}/Accounts/${account.sid}`;
  return {
    auth_token: account.auth_token,
    date_created: rfc2822(account.date_created),
    date_updated: rfc2822(account.date_updated),
    friendly_name: account.friendly_name,
    owner_account_sid: account.sid,
    sid: account.sid,
    status: account.status,
    subresource_uris: {
      addresses: `${base}/Addresses.json`,
      calls: `${base}/Calls.json`,
      incoming_phone_numbers: `${base}/IncomingPhoneNumbers.json`,
      messages: `${base}/Messages.json`,
      notifications: `${base}/Notifications.json`,
      usage: `${base}/Usage.json`,
    },
    type: 'Full',
    uri: `${base}.json`,
  };
}

export function messageResource(m: SimMessage) {
  // A Messaging Service picks the sender after accepting: until then Twilio shows no From.
  const from = m.messaging_service_sid && m.status === 'accepted' ? null : m.from_address;
  return {
    account_sid: m.account_sid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: rfc2822(m.date_created),
    date_sent: m.date_sent ? rfc2822(m.date_sent) : null,
    date_updated: rfc2822(m.date_updated),
    direction: m.direction,
    error_code: m.error_code,
    error_message: m.error_message,
    from,
    messaging_service_sid: m.messaging_service_sid,
    num_media: String(m.num_media),
    num_segments: String(channelOfMessage(m).simulator.segments(m.body)),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `${messageUri(m)}/Media.json` },
    to: m.to_address,
    uri: `${messageUri(m)}.json`,
  };
}

export function mediaResource(accountSid: string, media: SimMedia) {
  return {
    account_sid: accountSid,
    content_type: media.content_type,
    date_created: rfc2822(media.date_created),
    date_updated: rfc2822(media.date_created),
    parent_sid: media.message_sid,
    sid: media.sid,
    uri: `${API}/Accounts/${accountSid}/Messages/${media.message_sid}/Media/${media.sid}.json`,
  };
}

export function contentResource(apiBase: string, c: SimContent) {
  const url = `${apiBase}/v1/Content/${c.sid}`;
  return {
    account_sid: c.account_sid,
    date_created: c.date_created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    date_updated: c.date_updated.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    friendly_name: c.friendly_name,
    language: c.language,
    links: { approval_create: `${url}/ApprovalRequests/whatsapp`, approval_fetch: `${url}/ApprovalRequests` },
    sid: c.sid,
    types: c.types,
    url,
    variables: c.variables,
  };
}

export function approvalResource(apiBase: string, c: SimContent) {
  return {
    account_sid: c.account_sid,
    sid: c.sid,
    url: `${apiBase}/v1/Content/${c.sid}/ApprovalRequests`,
    whatsapp: {
      allow_category_change: true,
      category: 'UTILITY',
      content_type: Object.keys(c.types)[0] ?? 'twilio/text',
      name: c.friendly_name,
      rejection_reason: '',
      status: c.approval_status,
      type: 'whatsapp',
    },
  };
}

/** The text of a Content template with its variables filled in: what the customer reads. */
export function renderContent(c: Pick<SimContent, 'types' | 'variables'>, variables: Record<string, string>): string {
  const types = c.types as Record<string, { body?: unknown } | undefined>;
  const template = Object.values(types).find((t) => typeof t?.body === 'string')?.body as string | undefined;
  return (template ?? '').replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, key: string) => variables[key] ?? (c.variables as Record<string, string>)[key] ?? whole);
}

/** A message as the customer phone page shows it; media links need no Twilio credentials. */
export function phoneMessageView(m: SimMessage, media: SimMedia[], cdn: { publicUrl: string; key: string; now: Date }, content?: SimContent): PhoneMessageView {
  const toBusiness = m.direction === 'inbound';
  const channel = channelOfMessage(m);
  return {
    sid: m.sid,
    channel: channel.id,
    formatted: channel.capabilities.formatting,
    readReceipts: channel.simulator.readReceipts,
    direction: toBusiness ? 'to-business' : 'to-customer',
    from: toBusiness ? m.customer : m.business_number,
    to: toBusiness ? m.business_number : m.customer,
    body: m.body,
    media: media.flatMap((x) => {
      if (x.has_data) return [{ url: signedCdnUrl(cdn.publicUrl, cdn.key, x.sid, cdn.now, 3600), contentType: x.content_type }];
      return x.source_url ? [{ url: x.source_url, contentType: x.content_type }] : [];
    }),
    contentSid: m.content_sid,
    contentVariables: m.content_variables ? stringValues(JSON.parse(m.content_variables) as Record<string, unknown>) : null,
    status: m.status,
    errorCode: m.error_code,
    errorMessage: m.error_message,
    dateCreated: m.date_created.toISOString(),
    profileName: m.profile_name,
    location: m.latitude !== null && m.longitude !== null ? { latitude: m.latitude, longitude: m.longitude, label: m.location_label, address: m.location_address } : null,
    button: m.button_text ? { text: m.button_text, payload: m.button_payload } : null,
    choices: content ? choicesOf(content, m.content_variables ? stringValues(JSON.parse(m.content_variables) as Record<string, unknown>) : {}) : null,
  };
}

type QuickReply = { actions?: { id?: string; title?: string }[] };
type ListPicker = { button?: string; items?: { id?: string; item?: string }[] };

/** What WhatsApp lets the customer tap on a Content message: its quick-reply buttons or its list. */
export function choicesOf(c: Pick<SimContent, 'types' | 'variables'>, variables: Record<string, string>): PhoneMessageView['choices'] {
  const fill = (text: string) => renderContent({ types: { 'twilio/text': { body: text } }, variables: c.variables }, variables);
  const types = c.types as Record<string, unknown>;
  const quick = types['twilio/quick-reply'] as QuickReply | undefined;
  if (quick?.actions?.length) {
    return { kind: 'quick-reply', menuLabel: null, options: quick.actions.map((a) => ({ id: fill(a.id ?? a.title ?? ''), title: fill(a.title ?? '') })) };
  }
  const list = types['twilio/list-picker'] as ListPicker | undefined;
  if (list?.items?.length) {
    return { kind: 'list-picker', menuLabel: fill(list.button ?? ''), options: list.items.map((i) => ({ id: fill(i.id ?? ''), title: fill(i.item ?? '') })) };
  }
  return null;
}

const stringValues = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
