import type { Executor } from '../db/database.js';
import type { TemplateView } from './schema.js';
import { placeholdersOf } from './render.js';

export async function listTemplates(db: Executor, ids?: string[]): Promise<TemplateView[]> {
  let query = db.selectFrom('templates').selectAll().orderBy('name');
  if (ids) query = query.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  const templates = await query.execute();
  if (templates.length === 0) return [];
  const localizations = await db
    .selectFrom('template_localizations')
    .select(['template_id', 'language', 'text', 'content_sid'])
    .where('template_id', 'in', templates.map((t) => t.id))
    .orderBy('language')
    .execute();
  return templates.map((t) => ({
    id: t.id,
    name: t.name,
    defaultLanguage: t.default_language,
    text: t.text,
    placeholders: placeholdersOf(t.text),
    localizations: localizations
      .filter((l) => l.template_id === t.id)
      .map((l) => ({ language: l.language, text: l.text, contentSid: l.content_sid })),
    createdAt: t.created_at.toISOString(),
  }));
}

export async function loadTemplate(db: Executor, id: string): Promise<TemplateView | undefined> {
  return (await listTemplates(db, [id]))[0];
}
