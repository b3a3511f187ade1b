import type { AppContext } from '../context.js';

/**
 * The survey page's token is the survey id sealed with the server's key (AES-GCM authenticates it):
 * it cannot be forged or altered, and the survey row makes it single-use.
 */
export function surveyToken(ctx: AppContext, surveyId: string): string {
  // The bare hex id keeps the token under Fastify's 100-character path-parameter limit.
  return ctx.secrets.seal(surveyId.replace(/-/g, ''));
}

export function surveyLink(ctx: AppContext, surveyId: string): string {
  return `${ctx.config.publicUrl.replace(/\/$/, '')}/survey/${surveyToken(ctx, surveyId)}`;
}

/** The survey id a token names, or null for anything forged, altered or malformed. */
export function surveyIdOf(ctx: AppContext, token: string): string | null {
  try {
    const hex = ctx.secrets.open(token);
    if (!/^[0-9a-f]{32}$/.test(hex)) return null;
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  } catch {
    return null;
  }
}
