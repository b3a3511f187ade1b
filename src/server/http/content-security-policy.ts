/**
 * The Content-Security-Policy of every answer: pages (the web app, the survey page, the API docs)
 * load scripts, styles and connections (the WebSockets included) from this origin only, and nothing
 * may frame them. `upgrade-insecure-requests` is left out on purpose: self-hosters serve plain http on a
 * LAN address, where it would send every request to an https port nobody listens on.
 */
export function contentSecurityPolicy(publicUrl: string) {
  // Twilio fetches media from the public URL, and the simulator's phone shows those same links; the
  // browser may reach the app by another name (localhost, a LAN address), so that origin is allowed too.
  const publicOrigin = new URL(publicUrl).origin;
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
      // data: for the icons in the API docs' stylesheet.
      imgSrc: ["'self'", 'data:', publicOrigin],
      mediaSrc: ["'self'", publicOrigin],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  };
}

/**
 * The API docs' policy: Swagger UI draws its logo with an inline <style> (which @fastify/swagger-ui
 * then swaps for its own logo), so inline styles are allowed there. Scripts stay as strict.
 */
export function allowInlineStyles(policy: string): string {
  return policy.replace(/(^|;)\s*style-src ([^;]*)/, "$1style-src $2 'unsafe-inline'");
}
