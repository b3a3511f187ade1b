/**
 * Domain errors carry a stable code and a sentence for people; the error handler
 * in http/error-handler.ts maps them to HTTP in one place.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} was not found.`, 404);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this.') {
    super('FORBIDDEN', message, 403);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Sign in first.') {
    super('UNAUTHORIZED', message, 401);
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, field?: string) {
    super('VALIDATION_FAILED', message, 422, field ? { field } : undefined);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, 409, details);
  }
}

export class WindowClosedError extends DomainError {
  /** `windowName` as the channel names its window, e.g. "24-hour WhatsApp window". */
  constructor(expiredAt: Date | null, windowName: string) {
    super(
      'WHATSAPP_WINDOW_CLOSED',
      expiredAt
        ? `The ${windowName} closed at ${expiredAt.toISOString()}. Send an approved template until the customer writes again.`
        : `The customer has not written yet, so there is no ${windowName}. Send an approved template.`,
      422,
      { windowExpiresAt: expiredAt?.toISOString() ?? null },
    );
  }
}

export class IllegalTransitionError extends DomainError {
  constructor(from: string, action: string) {
    super('ILLEGAL_TRANSITION', `A conversation in state "${from}" cannot be ${action}.`, 409, { state: from });
  }
}
