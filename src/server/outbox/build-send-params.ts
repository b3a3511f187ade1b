import type { SendParams } from '../channels/whatsapp/twilio-client.js';

export type OutboundContext = {
  messageId: string;
  body: string;
  contentSid: string | null;
  contentVariables: Record<string, string> | null;
  customerPhone: string;
  senderNumber: string;
  messagingServiceSid: string | null;
  mediaUrls: string[];
  statusCallbackUrl: string;
};

/** The Messages.json form for one outbound message. */
export function buildSendParams(m: OutboundContext): SendParams {
  const params: SendParams = {
    To: `whatsapp:${m.customerPhone}`,
    // Our message id rides on the callback URL so a callback that beats the send answer finds its message.
    StatusCallback: `${m.statusCallbackUrl}?m=${m.messageId}`,
  };
  if (m.messagingServiceSid) params.MessagingServiceSid = m.messagingServiceSid;
  else params.From = `whatsapp:${m.senderNumber}`;
  if (m.contentSid) {
    params.ContentSid = m.contentSid;
    if (m.contentVariables && Object.keys(m.contentVariables).length) params.ContentVariables = JSON.stringify(m.contentVariables);
    return params;
  }
  if (m.body) params.Body = m.body;
  if (m.mediaUrls.length) params.MediaUrl = m.mediaUrls;
  return params;
}
