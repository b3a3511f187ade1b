import type { SendParams } from '../channels/twilio/twilio-client.js';
import { channelAdapter, type ChannelId } from '../channels/registry.js';

export type OutboundContext = {
  messageId: string;
  channel: ChannelId;
  body: string;
  contentSid: string | null;
  contentVariables: Record<string, string> | null;
  customerPhone: string;
  senderNumber: string;
  messagingServiceSid: string | null;
  mediaUrls: string[];
  statusCallbackUrl: string;
};

/** The Messages.json form for one outbound message, addressed as its channel writes addresses to Twilio. */
export function buildSendParams(m: OutboundContext): SendParams {
  const address = channelAdapter(m.channel).twilio?.address;
  if (!address) throw new Error(`The ${m.channel} channel is not carried by Twilio.`);
  const params: SendParams = {
    To: address(m.customerPhone),
    // Our message id rides on the callback URL so a callback that beats the send answer finds its message.
    StatusCallback: `${m.statusCallbackUrl}?m=${m.messageId}`,
  };
  if (m.messagingServiceSid) params.MessagingServiceSid = m.messagingServiceSid;
  else params.From = address(m.senderNumber);
  if (m.contentSid) {
    params.ContentSid = m.contentSid;
    if (m.contentVariables && Object.keys(m.contentVariables).length) params.ContentVariables = JSON.stringify(m.contentVariables);
    return params;
  }
  if (m.body) params.Body = m.body;
  if (m.mediaUrls.length) params.MediaUrl = m.mediaUrls;
  return params;
}
