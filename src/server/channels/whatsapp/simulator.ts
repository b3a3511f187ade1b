import type { ChannelSimulator, SimulatedInbound } from '../types.js';

/** "+15551234567" → "+1555123XXXX": Twilio masks the customer's number in ChannelToAddress. */
const masked = (number: string) => number.slice(0, -4) + 'XXXX';

const messageType = (m: SimulatedInbound) => {
  const contentType = m.mediaContentTypes[0];
  if (contentType) return ['image', 'video', 'audio'].find((t) => contentType.startsWith(`${t}/`)) ?? 'document';
  if (m.location) return 'location';
  return m.button ? 'interactive' : 'text';
};

/**
 * A simulated phone on WhatsApp: read receipts, locations, button replies, the sandbox; Twilio's
 * fields as in test/contract/twilio-fixtures/whatsapp-webhooks.json.
 */
export const whatsappSimulator: ChannelSimulator = {
  location: true,
  readReceipts: true,
  sandbox: true,
  segments: () => 1,
  inboundFields(m) {
    const fields: Record<string, string> = {
      MessageType: messageType(m),
      NumSegments: '1',
      ReferralNumMedia: '0',
      WaId: m.customer.slice(1),
    };
    if (m.profileName) fields.ProfileName = m.profileName;
    if (m.location) {
      fields.Latitude = String(m.location.latitude);
      fields.Longitude = String(m.location.longitude);
      if (m.location.label) fields.Label = m.location.label;
      if (m.location.address) fields.Address = m.location.address;
    }
    if (m.button) {
      fields.ButtonText = m.button.text;
      fields.ButtonPayload = m.button.payload ?? '';
      if (m.repliedToSid) {
        fields.OriginalRepliedMessageSid = m.repliedToSid;
        fields.OriginalRepliedMessageSender = `whatsapp:${m.business}`;
      }
    }
    return fields;
  },
  statusFields({ customer, status, channelInstallSid, errorMessage }) {
    const fields: Record<string, string> = { ChannelPrefix: 'whatsapp', ChannelToAddress: masked(customer) };
    if (errorMessage) fields.ErrorMessage = errorMessage;
    if (status !== 'read') fields.ChannelInstallSid = channelInstallSid;
    if (status === 'delivered' || status === 'read') fields.EventType = status.toUpperCase();
    return fields;
  },
};
