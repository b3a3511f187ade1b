import type { AppContext } from '../context.js';
import type { Tx } from '../db/database.js';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../http/errors.js';
import { placeholderProblem, templateNameProblem, templateProblemSentence, type PlaceholderProblem, type TemplateNameProblem } from '../../shared/template-rules.js';
import type { CreateTemplateBody, TemplateView, UpdateTemplateBody } from './schema.js';
import { loadTemplate } from './store.js';
import { placeholdersOf } from './render.js';

type LocalizationInput = NonNullable<CreateTemplateBody['localizations']>[number];

/** A template WhatsApp would refuse at approval: 422 with the field and the rule it breaks. */
class TemplateRuleError extends DomainError {
  constructor(field: string, problem: TemplateNameProblem | PlaceholderProblem) {
    super('VALIDATION_FAILED', templateProblemSentence(problem), 422, { field, ...problem });
  }
}

function assertTemplateRules(input: { name?: string; text?: string; localizations?: LocalizationInput[] }) {
  const nameProblem = input.name === undefined ? undefined : templateNameProblem(input.name);
  if (nameProblem) throw new TemplateRuleError('name', nameProblem);
  const textProblem = input.text === undefined ? undefined : placeholderProblem(input.text);
  if (textProblem) throw new TemplateRuleError('text', textProblem);
  input.localizations?.forEach((l, i) => {
    const problem = placeholderProblem(l.text);
    if (problem) throw new TemplateRuleError(`localizations.${i}.text`, problem);
  });
}

/** The default language's text is always a localization too, so sending has one path. */
function withDefault(defaultLanguage: string, text: string, localizations: LocalizationInput[] = []): LocalizationInput[] {
  const seen = new Set<string>();
  for (const l of localizations) {
    if (seen.has(l.language)) throw new ValidationError(`The language ${l.language} is listed twice.`, 'localizations');
    seen.add(l.language);
    const expected = placeholdersOf(text).sort().join(',');
    if (placeholdersOf(l.text).sort().join(',') !== expected) {
      throw new ValidationError(`The ${l.language} text must use the same placeholders as the default text (${placeholdersOf(text).map((p) => `{{${p}}}`).join(', ') || 'none'}).`, 'localizations');
    }
  }
  return seen.has(defaultLanguage) ? localizations : [{ language: defaultLanguage, text, contentSid: null }, ...localizations];
}

async function assertNameFree(ctx: AppContext, name: string, exceptId?: string) {
  let query = ctx.db.selectFrom('templates').select('id').where('name', '=', name);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw new ConflictError('TEMPLATE_NAME_TAKEN', `A template named "${name}" already exists.`, { field: 'name' });
}

async function writeLocalizations(tx: Tx, templateId: string, localizations: LocalizationInput[]) {
  await tx.deleteFrom('template_localizations').where('template_id', '=', templateId).execute();
  await tx
    .insertInto('template_localizations')
    .values(localizations.map((l) => ({ template_id: templateId, language: l.language, text: l.text, content_sid: l.contentSid ?? null })))
    .execute();
}

export async function createTemplate(ctx: AppContext, input: CreateTemplateBody): Promise<TemplateView> {
  const name = input.name.trim();
  assertTemplateRules({ ...input, name });
  await assertNameFree(ctx, name);
  const localizations = withDefault(input.defaultLanguage, input.text, input.localizations);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('templates').values({ name, default_language: input.defaultLanguage, text: input.text }).returning('id').executeTakeFirstOrThrow();
    await writeLocalizations(tx, row.id, localizations);
    return row.id;
  });
  return (await loadTemplate(ctx.db, id))!;
}

export async function updateTemplate(ctx: AppContext, id: string, input: UpdateTemplateBody): Promise<TemplateView> {
  const current = await loadTemplate(ctx.db, id);
  if (!current) throw new NotFoundError('The template');
  const name = input.name?.trim() ?? current.name;
  // A name kept as it was (one imported from Twilio before these rules) does not block other edits.
  assertTemplateRules({ ...input, name: name === current.name ? undefined : name });
  if (name !== current.name) await assertNameFree(ctx, name, id);
  const defaultLanguage = input.defaultLanguage ?? current.defaultLanguage;
  const text = input.text ?? current.text;
  const localizations = withDefault(defaultLanguage, text, input.localizations ?? current.localizations.filter((l) => l.language !== current.defaultLanguage || input.text === undefined));
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('templates').set({ name, default_language: defaultLanguage, text, updated_at: ctx.now() }).where('id', '=', id).execute();
    await writeLocalizations(tx, id, localizations);
  });
  return (await loadTemplate(ctx.db, id))!;
}

export async function deleteTemplate(ctx: AppContext, id: string): Promise<void> {
  const used = await ctx.db.selectFrom('messages').select('id').where('template_id', '=', id).limit(1).executeTakeFirst();
  if (used) throw new ConflictError('TEMPLATE_IN_USE', 'Messages were sent with this template; it is kept for their history.');
  const result = await ctx.db.deleteFrom('templates').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new NotFoundError('The template');
}
