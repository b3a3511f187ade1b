import type { FastifyInstance } from 'fastify';
import { pause, type Simulator } from './simulator.js';
import { notFound } from './twilio-auth.js';
import { TwilioError, twilioErrorBody } from './twilio-errors.js';

/** Inside the fake Twilio, errors leave as Twilio's {code, message, more_info, status}, and answers can be made slow. */
export function speakTwilio(app: FastifyInstance, sim: Simulator): void {
  app.addHook('onRequest', async () => {
    await pause(sim.settings.get().responseDelayMs, sim.signal);
  });
  app.setErrorHandler((err: Error, request, reply) => {
    let error: TwilioError;
    if (err instanceof TwilioError) error = err;
    else if ((err as { validation?: unknown }).validation) error = new TwilioError(20422, 400, `Invalid Parameter: ${err.message}`);
    else if ((err as { statusCode?: number }).statusCode === 415) error = new TwilioError(20422, 400, 'Invalid Parameter: send the parameters form-encoded.');
    else {
      request.log.error({ err }, 'simulator: unexpected error');
      error = new TwilioError(20500, 500);
    }
    if (error.code === 20003) reply.header('www-authenticate', 'Basic realm="Twilio API"');
    return reply.status(error.status).send(twilioErrorBody(error));
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send(twilioErrorBody(notFound(request))));
}
