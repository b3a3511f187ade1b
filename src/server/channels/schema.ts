import { Type, type SchemaOptions, type TLiteral } from '@sinclair/typebox';
import { CHANNEL_IDS } from './registry.js';

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

/** A registered channel's name, as the API takes and shows it. */
export const channelSchema = (options: SchemaOptions = {}) =>
  Type.Union(CHANNEL_IDS.map((id) => Type.Literal(id)) as Literals<typeof CHANNEL_IDS>, {
    description: `The channel: ${CHANNEL_IDS.join(', ')}.`,
    ...options,
  });

export const ChannelSchema = channelSchema();
