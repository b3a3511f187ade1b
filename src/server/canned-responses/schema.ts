import { Type, type Static } from '@sinclair/typebox';
import { BODY_MAX, SHORTCUT_MAX, TITLE_MAX } from '../../shared/quick-reply-text.js';

const Language = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z]{2,4})?$', description: 'BCP 47 language, e.g. en, ko, pt-BR' });
const Shortcut = Type.String({ minLength: 1, maxLength: SHORTCUT_MAX + 1, description: 'Typed after "/" in the composer: lowercase letters, digits, - and _ (a leading slash is dropped).' });
const Title = Type.String({ minLength: 1, maxLength: TITLE_MAX });
const Body = Type.String({ minLength: 1, maxLength: BODY_MAX, description: 'The text; {CustomerName} and {AgentName} are filled in when the agent inserts it.' });

export const CannedResponseScope = Type.Union([Type.Literal('shared'), Type.Literal('personal')], {
  description: 'shared: the whole team sees it (admins and supervisors manage it); personal: only its owner.',
});

export const CannedResponseView = Type.Object({
  id: Type.String(),
  shortcut: Type.String(),
  title: Type.String(),
  body: Type.String(),
  language: Type.Union([Type.String(), Type.Null()]),
  scope: CannedResponseScope,
  ownerUserId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type CannedResponseView = Static<typeof CannedResponseView>;

export const CreateCannedResponseBody = Type.Object(
  { shortcut: Shortcut, title: Title, body: Body, language: Type.Optional(Type.Union([Language, Type.Null()])), scope: CannedResponseScope },
  { additionalProperties: false },
);
export type CreateCannedResponseBody = Static<typeof CreateCannedResponseBody>;

export const UpdateCannedResponseBody = Type.Object(
  { shortcut: Type.Optional(Shortcut), title: Type.Optional(Title), body: Type.Optional(Body), language: Type.Optional(Type.Union([Language, Type.Null()])) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCannedResponseBody = Static<typeof UpdateCannedResponseBody>;
