import type { Config } from '../../config.js';
import type { TwilioCredentials } from './twilio-client.js';

/**
 * Twilio's Content API (`{base}/v1/Content`): the account's Content templates, the ones a
 * WhatsApp template message is sent with (ContentSid). Switchboard lists them to import what the
 * business had approved in Twilio, and creates the interactive ones its bots send (quick replies).
 */
export type ContentTemplate = {
  sid: string;
  friendlyName: string;
  language: string;
  /** Sample values Twilio keeps per placeholder: {"1": "Ada"}. */
  variables: Record<string, string>;
  /** The content types it carries: twilio/text, twilio/quick-reply, twilio/card… */
  types: string[];
  /** The text a customer reads, from the first type that has a body. */
  body: string | null;
};

export type ContentListOutcome = { ok: true; templates: ContentTemplate[] } | { ok: false; code: number; message: string };

const DEFAULT_TWILIO_API = 'https://api.twilio.com';
const TWILIO_CONTENT_API = 'https://content.twilio.com';
const PAGE_SIZE = 500;
const MAX_PAGES = 20;
const TIMEOUT_MS = 15_000;

/** Where an account's Content API is: the simulator, Twilio, or the mock that TWILIO_API_BASE_URL points at. */
export function twilioContentBaseUrl(config: Config, provider: 'twilio' | 'simulator'): string {
  if (provider === 'simulator') return `${config.publicUrl}/simulator/twilio`;
  return config.twilioApiBaseUrl === DEFAULT_TWILIO_API ? TWILIO_CONTENT_API : config.twilioApiBaseUrl;
}

type RawContent = {
  sid?: string | null;
  friendly_name?: string | null;
  language?: string | null;
  variables?: Record<string, unknown> | null;
  types?: Record<string, { body?: unknown; title?: unknown } | null> | null;
};

// twilio/text first: it is what a plain WhatsApp template shows; richer types keep their text in `body` too.
const BODY_ORDER = ['twilio/text', 'twilio/quick-reply', 'twilio/call-to-action', 'twilio/media', 'twilio/list-picker', 'whatsapp/card', 'twilio/card'];

function bodyOf(types: RawContent['types']): string | null {
  if (!types) return null;
  const names = [...BODY_ORDER.filter((n) => n in types), ...Object.keys(types).filter((n) => !BODY_ORDER.includes(n))];
  for (const name of names) {
    const value = types[name];
    const text = typeof value?.body === 'string' ? value.body : typeof value?.title === 'string' ? value.title : null;
    if (text) return text;
  }
  return null;
}

export function toContentTemplate(raw: RawContent): ContentTemplate | null {
  if (!raw.sid) return null;
  return {
    sid: raw.sid,
    friendlyName: raw.friendly_name ?? raw.sid,
    language: raw.language ?? '',
    variables: Object.fromEntries(Object.entries(raw.variables ?? {}).map(([k, v]) => [k, String(v)])),
    types: Object.keys(raw.types ?? {}),
    body: bodyOf(raw.types),
  };
}

const basicAuth = (creds: TwilioCredentials) => 'Basic ' + Buffer.from(`${creds.accountSid}:${creds.authToken}`).toString('base64');

/** Lists every Content template of the account, page by page, following only next pages on the same host. */
export async function listContentTemplates(fetchImpl: typeof fetch, creds: TwilioCredentials): Promise<ContentListOutcome> {
  const authorization = basicAuth(creds);
  const origin = new URL(creds.baseUrl).origin;
  const templates: ContentTemplate[] = [];
  let url: string | null = `${creds.baseUrl}/v1/Content?PageSize=${PAGE_SIZE}`;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    let response: Response;
    try {
      response = await fetchImpl(url, { headers: { authorization, accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (err) {
      return { ok: false, code: 0, message: `Twilio could not be reached: ${err instanceof Error ? err.message : String(err)}` };
    }
    const payload = (await response.json().catch(() => null)) as { contents?: RawContent[]; meta?: { next_page_url?: string | null }; code?: number; message?: string } | null;
    if (!response.ok || !payload) {
      return { ok: false, code: payload?.code ?? response.status, message: payload?.message ?? `Twilio answered ${response.status}.` };
    }
    for (const raw of payload.contents ?? []) {
      const template = toContentTemplate(raw);
      if (template) templates.push(template);
    }
    const next = payload.meta?.next_page_url ?? null;
    // Credentials go only where the first page was: a next page elsewhere is not followed.
    url = next && new URL(next, origin).origin === origin ? new URL(next, origin).toString() : null;
  }
  return { ok: true, templates };
}

/** What `POST /v1/Content` takes: Twilio's ContentCreateRequest. */
export type ContentCreateRequest = { friendly_name: string; language: string; variables?: Record<string, string>; types: Record<string, unknown> };

export type ContentCreateOutcome = { ok: true; sid: string } | { ok: false; code: number; message: string };

/** Creates a Content template (`POST {base}/v1/Content`, JSON) and answers its Content SID (HX…). */
export async function createContentTemplate(fetchImpl: typeof fetch, creds: TwilioCredentials, request: ContentCreateRequest, timeoutMs = TIMEOUT_MS): Promise<ContentCreateOutcome> {
  let response: Response;
  try {
    response = await fetchImpl(`${creds.baseUrl}/v1/Content`, {
      method: 'POST',
      headers: { authorization: basicAuth(creds), accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    return { ok: false, code: 0, message: `Twilio could not be reached: ${err instanceof Error ? err.message : String(err)}` };
  }
  const payload = (await response.json().catch(() => null)) as { sid?: unknown; code?: number; message?: string } | null;
  if (response.ok && typeof payload?.sid === 'string' && payload.sid) return { ok: true, sid: payload.sid };
  return { ok: false, code: payload?.code ?? response.status, message: payload?.message ?? `Twilio answered ${response.status}.` };
}
