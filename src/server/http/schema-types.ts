import { Type } from '@sinclair/typebox';

/** A name people read in lists: at least one visible character (surrounding spaces are trimmed where it is stored). */
export const NameText = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S', description: 'Not blank' });
