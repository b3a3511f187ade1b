/**
 * Twilio's REST API for messages, reached at a configurable base URL so the same code talks
 * to Twilio, to the built-in simulator or to a contract mock.
 */
export type TwilioCredentials = { accountSid: string; authToken: string; baseUrl: string };

export type SendParams = {
  To: string;
  From?: string;
  MessagingServiceSid?: string;
  Body?: string;
  MediaUrl?: string[];
  ContentSid?: string;
  ContentVariables?: string;
  StatusCallback?: string;
};

export type TwilioMessage = {
  sid: string;
  status: string;
  to: string;
  from: string | null;
  body: string | null;
  date_created: string | null;
  error_code: number | null;
  error_message: string | null;
};

/** accepted: Twilio has the message. rejected: it never will (4xx). retry: safe to send again. unknown: it may have been sent. */
export type SendOutcome =
  | { kind: 'accepted'; message: TwilioMessage }
  | { kind: 'rejected'; code: number; message: string; httpStatus: number }
  | { kind: 'retry'; reason: string; code?: number }
  | { kind: 'unknown'; reason: string };

export type TwilioApiError = { code: number; message: string; more_info?: string; status: number };

const TIMEOUT_MS = 15_000;

function authHeader(creds: TwilioCredentials): string {
  return 'Basic ' + Buffer.from(`${creds.accountSid}:${creds.authToken}`).toString('base64');
}

export function encodeForm(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  }
  return form;
}

export function createTwilioClient(fetchImpl: typeof fetch = fetch, timeoutMs = TIMEOUT_MS) {
  const call = (creds: TwilioCredentials, path: string, init: RequestInit = {}) =>
    fetchImpl(`${creds.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(creds.accountSid)}${path}`, {
      ...init,
      headers: { authorization: authHeader(creds), accept: 'application/json', ...init.headers },
      signal: AbortSignal.timeout(timeoutMs),
    });

  return {
    async sendMessage(creds: TwilioCredentials, params: SendParams): Promise<SendOutcome> {
      let response: Response;
      try {
        response = await call(creds, '/Messages.json', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: encodeForm(params).toString(),
        });
      } catch (err) {
        // The request may have reached Twilio before the connection broke: the outcome is unknown.
        return { kind: 'unknown', reason: describeFetchError(err) };
      }
      const payload = (await response.json().catch(() => null)) as (TwilioMessage & Partial<TwilioApiError>) | null;
      if (response.status === 201 || response.status === 200) {
        if (payload?.sid) return { kind: 'accepted', message: payload };
        return { kind: 'unknown', reason: `Twilio answered ${response.status} without a message sid.` };
      }
      if (response.status === 429 || payload?.code === 20429) {
        return { kind: 'retry', reason: payload?.message ?? 'Too many requests', code: payload?.code ?? 20429 };
      }
      if (response.status >= 500) {
        // A 5xx may still have created the message; reconcile before sending again.
        return { kind: 'unknown', reason: `Twilio answered ${response.status}${payload?.message ? `: ${payload.message}` : ''}` };
      }
      return {
        kind: 'rejected',
        code: payload?.code ?? response.status,
        message: payload?.message ?? `Twilio answered ${response.status}.`,
        httpStatus: response.status,
      };
    },

    /** Messages sent to `to` from `from` since `since`: used to learn whether an unknown attempt went through. */
    async listMessages(creds: TwilioCredentials, filter: { to: string; from?: string; since: Date }): Promise<TwilioMessage[]> {
      const query = encodeForm({
        To: filter.to,
        From: filter.from,
        'DateSent>': filter.since.toISOString().slice(0, 10),
        PageSize: '100',
      });
      const response = await call(creds, `/Messages.json?${query}`);
      if (!response.ok) throw new Error(`Twilio answered ${response.status} when listing messages.`);
      const payload = (await response.json()) as { messages: TwilioMessage[] };
      return payload.messages;
    },

    /** Empties a message's body at Twilio (Twilio's redaction). not-found: Twilio no longer has the message. */
    async redactMessageBody(creds: TwilioCredentials, messageSid: string): Promise<'redacted' | 'not-found'> {
      const response = await call(creds, `/Messages/${encodeURIComponent(messageSid)}.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: encodeForm({ Body: '' }).toString(),
      });
      const payload = (await response.json().catch(() => null)) as (Partial<TwilioMessage> & Partial<TwilioApiError>) | null;
      if (response.status === 404) return 'not-found';
      if (!response.ok) throw new Error(twilioFailure('redacting the message', response.status, payload));
      if (payload?.body) throw new Error('Twilio answered the redaction with the body still there.');
      return 'redacted';
    },

    /** The sids of a message's media at Twilio (first page: a WhatsApp message carries at most 10). */
    async listMessageMedia(creds: TwilioCredentials, messageSid: string): Promise<string[] | 'not-found'> {
      const response = await call(creds, `/Messages/${encodeURIComponent(messageSid)}/Media.json?PageSize=100`);
      const payload = (await response.json().catch(() => null)) as ({ media_list?: { sid: string }[] } & Partial<TwilioApiError>) | null;
      if (response.status === 404) return 'not-found';
      if (!response.ok) throw new Error(twilioFailure("listing the message's media", response.status, payload));
      return (payload?.media_list ?? []).map((m) => m.sid);
    },

    /** Deletes one media file of a message at Twilio; a file already gone counts as deleted. */
    async deleteMedia(creds: TwilioCredentials, messageSid: string, mediaSid: string): Promise<void> {
      const response = await call(creds, `/Messages/${encodeURIComponent(messageSid)}/Media/${encodeURIComponent(mediaSid)}.json`, { method: 'DELETE' });
      if (response.status === 204 || response.status === 404) {
        await response.body?.cancel();
        return;
      }
      const payload = (await response.json().catch(() => null)) as Partial<TwilioApiError> | null;
      throw new Error(twilioFailure('deleting the media', response.status, payload));
    },

    /** httpStatus is 0 when no answer came; a 4xx is Twilio refusing the credentials, anything else Twilio's trouble. */
    async fetchAccount(creds: TwilioCredentials): Promise<{ ok: true; friendlyName: string; status: string } | { ok: false; code: number; message: string; httpStatus: number }> {
      try {
        const response = await call(creds, '.json');
        const payload = (await response.json().catch(() => null)) as { friendly_name?: string; status?: string; code?: number; message?: string } | null;
        if (response.ok && payload) return { ok: true, friendlyName: payload.friendly_name ?? '', status: payload.status ?? 'active' };
        return { ok: false, code: payload?.code ?? response.status, message: payload?.message ?? `Twilio answered ${response.status}.`, httpStatus: response.status };
      } catch (err) {
        return { ok: false, code: 0, message: `Twilio could not be reached: ${describeFetchError(err)}`, httpStatus: 0 };
      }
    },
  };
}

export type TwilioClient = ReturnType<typeof createTwilioClient>;

function twilioFailure(doing: string, status: number, payload: Partial<TwilioApiError> | null): string {
  return `Twilio answered ${status} when ${doing}${payload?.code ? ` (error ${payload.code}${payload.message ? `: ${payload.message}` : ''})` : ''}.`;
}

function describeFetchError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: { code?: string } }).cause;
    return err.name === 'TimeoutError' ? 'the request timed out' : cause?.code ?? err.message;
  }
  return String(err);
}
