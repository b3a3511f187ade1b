import { Type, type Static } from '@sinclair/typebox';
import { NameText } from '../http/schema-types.js';

const Language = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z]{2,4})?$', description: 'BCP 47 language, e.g. en, ko, pt-BR' });
const ContentSid = Type.String({ pattern: '^HX[0-9a-fA-F]{32}$', description: 'Twilio Content SID of the approved template' });

export const LocalizationInput = Type.Object(
  { language: Language, text: Type.String({ minLength: 1, maxLength: 1024 }), contentSid: Type.Optional(Type.Union([ContentSid, Type.Null()])) },
  { additionalProperties: false },
);

export const CreateTemplateBody = Type.Object(
  {
    name: NameText(120),
    defaultLanguage: Language,
    text: Type.String({ minLength: 1, maxLength: 1024 }),
    localizations: Type.Optional(Type.Array(LocalizationInput, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type CreateTemplateBody = Static<typeof CreateTemplateBody>;
export const UpdateTemplateBody = Type.Partial(CreateTemplateBody, { additionalProperties: false });
export type UpdateTemplateBody = Static<typeof UpdateTemplateBody>;

export const TemplateView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  defaultLanguage: Type.String(),
  text: Type.String(),
  placeholders: Type.Array(Type.String()),
  localizations: Type.Array(
    Type.Object({ language: Type.String(), text: Type.String(), contentSid: Type.Union([Type.String(), Type.Null()]) }),
  ),
  createdAt: Type.String(),
});
export type TemplateView = Static<typeof TemplateView>;
