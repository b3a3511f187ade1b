import type { AppContext } from '../context.js';

/**
 * The survey page's token is the survey id sealed with the server's key (AES-GCM authenticates it):
 * it cannot be forged or altered, and the survey row makes it single-use.
 */
export function surveyToken(ctx: AppContext, surveyId: string): string {
  return ctx.secrets.seal(JSON.stringify({ survey: surveyId }));
}

export function surveyLink(ctx: AppContext, surveyId: string): string {
  return `${ctx.config.publicUrl.replace(/\/$/, '')}/survey/${surveyToken(ctx, surveyId)}`;
}

/** The survey id a token names, or null for anything forged, altered or malformed. */
export function surveyIdOf(ctx: AppContext, token: string): string | null {
  try {
    const payload = JSON.parse(ctx.secrets.open(token)) as { survey?: unknown };
    return typeof payload.survey === 'string' ? payload.survey : null;
  } catch {
    return null;
  }
}
