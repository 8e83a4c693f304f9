import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDomainError } from '@camnet/core';
import type { ErrorKind } from '@camnet/core';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, too_many: 429, unavailable: 503,
};

/** Maps every failure to `{ error: { id, message, details? } }` with the right status. Internal errors hide their cause. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (isDomainError(err)) {
      const status = err.id === 'account_locked' ? 423 : STATUS[err.kind];
      return reply.status(status).send({ error: { id: err.id, message: err.message, ...(err.details ? { details: err.details } : {}) } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].slice(1).join('.') || err.validationContext,
        message: v.message,
      }));
      const first = issues[0];
      return reply.status(400).send({
        error: { id: 'validation_failed', message: first ? `${first.path}: ${first.message}` : 'The request is not valid.', details: { issues } },
      });
    }
    if (err.statusCode === 429) {
      return reply.status(429).send({ error: { id: 'rate_limited', message: 'Too many attempts: wait a minute and try again.' } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const id = err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type' : err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'body_invalid' : 'bad_request';
      return reply.status(err.statusCode).send({ error: { id, message: err.message } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { id: 'internal_error', message: 'Something went wrong on the hub. It has been logged.' } });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: { id: 'route_not_found', message: `No such endpoint: ${req.method} ${req.url.split('?')[0]}` } }));
}
