import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError } from './errors.js';

export type ErrorBody = { error: { code: string; message: string; field?: string; [k: string]: unknown } };

/** Every error leaves the API as {error:{code, message, …}} with the right status. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof DomainError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...err.details } });
    }
    if (err.validation) {
      const first = err.validation[0];
      const field = first?.instancePath?.replace(/^\//, '').replace(/\//g, '.') || (first?.params as { missingProperty?: string })?.missingProperty;
      return reply.status(400).send({
        error: { code: 'BAD_REQUEST', message: humanValidationMessage(err.message), ...(field ? { field } : {}) },
      });
    }
    if (err.statusCode && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: { code: err.code ?? 'BAD_REQUEST', message: err.message } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${request.url.split('?')[0]}.` } });
  });
}

function humanValidationMessage(message: string): string {
  return message.replace(/^body\//, '').replace(/^body /, 'The request ');
}
