import twilio from 'twilio';

/** Signs a webhook exactly as Twilio does, with the official package (the oracle for our validation). */
export function signedForm(authToken: string, url: string, params: Record<string, string>) {
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, url, params) },
    body: new URLSearchParams(params).toString(),
  };
}

export async function postSignedWebhook(url: string, authToken: string, params: Record<string, string>, opts: { signature?: string | null } = {}) {
  const signed = signedForm(authToken, url, params);
  const headers: Record<string, string> = { ...signed.headers };
  if (opts.signature === null) delete headers['x-twilio-signature'];
  else if (opts.signature !== undefined) headers['x-twilio-signature'] = opts.signature;
  const response = await fetch(url, { method: 'POST', headers, body: signed.body });
  return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') };
}
