import { Type, type Static } from '@sinclair/typebox';
import { ChannelSchema } from './schema.js';

/** A channel as the web app sees it: what it can carry and its session window. */
export const ChannelView = Type.Object({
  id: ChannelSchema,
  capabilities: Type.Object({
    templates: Type.Boolean(),
    buttons: Type.Boolean(),
    formatting: Type.Boolean(),
    segments: Type.Boolean(),
    maxMedia: Type.Integer(),
    maxMediaBytes: Type.Integer(),
  }),
  sessionWindowMs: Type.Union([Type.Integer(), Type.Null()], { description: 'How long after the customer’s last message free text may be sent; null: no window.' }),
});
export type ChannelView = Static<typeof ChannelView>;
