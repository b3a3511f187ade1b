import { Type, type Static } from '@sinclair/typebox';
import { ChannelSchema } from '../channels/schema.js';

const Language = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z]{2,4})?$', description: 'BCP 47 language, e.g. en, ko, pt-BR' });

export const ContactView = Type.Object({
  id: Type.String(),
  phone: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  profileName: Type.Union([Type.String(), Type.Null()]),
  language: Type.Union([Type.String(), Type.Null()]),
  attributes: Type.Record(Type.String(), Type.String()),
  /** Where the customer writes from, per channel (one phone can be a WhatsApp and an SMS address). */
  addresses: Type.Array(Type.Object({ channel: ChannelSchema, address: Type.String() })),
});
export type ContactView = Static<typeof ContactView>;

export const UpdateContactBody = Type.Object(
  {
    name: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'The name agents know the customer by; null or blank clears it.' })),
    attributes: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 60, pattern: '^[^\\s].*$' }), Type.String({ maxLength: 500 }), {
        maxProperties: 50,
        description: 'Replaces all attributes (plain text keys and values).',
      }),
    ),
    language: Type.Optional(Type.Union([Language, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateContactBody = Static<typeof UpdateContactBody>;
