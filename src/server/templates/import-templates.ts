import type { AppContext } from '../context.js';
import { DomainError, NotFoundError } from '../http/errors.js';
import { listContentTemplates, twilioContentBaseUrl, type ContentTemplate } from '../channels/twilio/twilio-content-client.js';
import { twilioErrorSentence } from '../channels/twilio/error-sentences.js';
import { findAccountRow } from '../messaging-accounts/store.js';
import { createTemplate, updateTemplate } from './manage-templates.js';
import { importProblem, normalizeLanguage, planImport, templateNameOf, type Skipped } from './plan-import.js';
import { placeholdersOf } from './render.js';
import { listTemplates } from './store.js';
import type { ContentTemplateView } from './import-schema.js';
import type { TemplateView } from './schema.js';

/** The Content API of the account's provider, asked with the account's own credentials. */
async function fetchContentTemplates(ctx: AppContext, accountId: string): Promise<ContentTemplate[]> {
  const account = await findAccountRow(ctx.db, accountId);
  if (!account) throw new NotFoundError('The messaging account');
  const outcome = await listContentTemplates(ctx.fetch, {
    accountSid: account.account_sid,
    authToken: ctx.secrets.open(account.auth_token_encrypted),
    baseUrl: twilioContentBaseUrl(ctx.config, account.provider),
  });
  if (!outcome.ok) {
    const sentence = outcome.code ? `${twilioErrorSentence(outcome.code)} ` : '';
    throw new DomainError('TWILIO_CONTENT_UNAVAILABLE', `Twilio's Content templates could not be listed. ${sentence}Twilio said: ${outcome.message}`, 502, { twilioCode: outcome.code });
  }
  return outcome.templates;
}

export async function listAccountContentTemplates(ctx: AppContext, accountId: string): Promise<ContentTemplateView[]> {
  const contents = await fetchContentTemplates(ctx, accountId);
  const existing = await listTemplates(ctx.db);
  return contents.map((c) => {
    const problem = importProblem(c);
    const importedAs = existing.find((t) => t.localizations.some((l) => l.contentSid === c.sid));
    return {
      contentSid: c.sid,
      name: templateNameOf(c),
      language: normalizeLanguage(c.language),
      text: c.body,
      placeholders: c.body ? placeholdersOf(c.body) : [],
      sampleVariables: c.variables,
      types: c.types,
      importable: problem === null,
      problem,
      importedAs: importedAs ? { id: importedAs.id, name: importedAs.name } : null,
    };
  });
}

/** Imports the chosen Content templates: new templates, or new localizations of the template with the same name. */
export async function importContentTemplates(ctx: AppContext, accountId: string, contentSids: string[]): Promise<{ imported: TemplateView[]; skipped: Skipped[] }> {
  const contents = await fetchContentTemplates(ctx, accountId);
  const existing = await listTemplates(ctx.db);
  const { groups, skipped } = planImport(contents, contentSids, existing);
  const imported: TemplateView[] = [];
  for (const group of groups) {
    try {
      if (group.existingId) {
        const current = existing.find((t) => t.id === group.existingId)!;
        const kept = current.localizations.filter((l) => !group.localizations.some((g) => g.language === l.language));
        imported.push(await updateTemplate(ctx, group.existingId, { text: group.text, localizations: [...kept, ...group.localizations] }));
      } else {
        imported.push(await createTemplate(ctx, { name: group.name, defaultLanguage: group.defaultLanguage, text: group.text, localizations: group.localizations }));
      }
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      skipped.push(...group.localizations.map((l) => ({ contentSid: l.contentSid, reason: err.message })));
    }
  }
  return { imported, skipped };
}
