import { Type, type Static } from '@sinclair/typebox';
import { NameText } from '../http/schema-types.js';

/** A colour as the admin center's picker gives it: #rrggbb. */
const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'A colour as #rrggbb' });

export const LabelView = Type.Object({ id: Type.String(), name: Type.String(), color: Type.String() });
export type LabelView = Static<typeof LabelView>;

export const CreateLabelBody = Type.Object({ name: NameText(40), color: Color }, { additionalProperties: false });
export type CreateLabelBody = Static<typeof CreateLabelBody>;

export const UpdateLabelBody = Type.Object({ name: Type.Optional(NameText(40)), color: Type.Optional(Color) }, { additionalProperties: false });
export type UpdateLabelBody = Static<typeof UpdateLabelBody>;

export const AddConversationLabelBody = Type.Object({ labelId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
