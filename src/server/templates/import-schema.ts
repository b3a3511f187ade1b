import { Type, type Static } from '@sinclair/typebox';
import { TemplateView } from './schema.js';

const ContentSid = Type.String({ pattern: '^HX[0-9a-fA-F]{32}$' });

export const ContentTemplateView = Type.Object({
  contentSid: Type.String(),
  name: Type.String(),
  language: Type.String(),
  text: Type.Union([Type.String(), Type.Null()]),
  placeholders: Type.Array(Type.String()),
  sampleVariables: Type.Record(Type.String(), Type.String()),
  types: Type.Array(Type.String()),
  importable: Type.Boolean(),
  /** Why it cannot be imported, in a sentence; null when it can. */
  problem: Type.Union([Type.String(), Type.Null()]),
  /** The Switchboard template that already holds this Content SID. */
  importedAs: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
});
export type ContentTemplateView = Static<typeof ContentTemplateView>;

export const ImportTemplatesBody = Type.Object(
  {
    accountId: Type.String({ format: 'uuid' }),
    contentSids: Type.Array(ContentSid, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type ImportTemplatesBody = Static<typeof ImportTemplatesBody>;

export const ImportResult = Type.Object({
  imported: Type.Array(TemplateView),
  skipped: Type.Array(Type.Object({ contentSid: Type.String(), reason: Type.String() })),
});
