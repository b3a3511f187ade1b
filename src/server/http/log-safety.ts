import type { FastifyRequest } from 'fastify';

// Credentials that travel in URLs: the WebSocket's session token (?token=), and the capability
// links Twilio and customers open without signing in (outbound media, survey pages). Search terms
// (words of messages, customers' names and numbers) are the customers' own, not the logs'.
const SECRET_QUERY = /([?&](?:token|text|customer|number)=)[^&#]*/gi;
const SECRET_PATH = /^(\/(?:media\/out|survey)\/)[^/?#]+/;

export function urlForLogs(url: string): string {
  return url.replace(SECRET_PATH, '$1[redacted]').replace(SECRET_QUERY, '$1[redacted]');
}

/** A request as the logs show it: Fastify's usual fields, with the secrets taken out of the URL. */
export function requestForLogs(request: FastifyRequest) {
  return { method: request.method, url: urlForLogs(request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}
