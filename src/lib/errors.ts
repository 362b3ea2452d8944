/**
 * One error shape for the whole app: an HTTP status, a stable machine code and a message for
 * humans. Anything that is not an AppError is a bug and is answered with a bare 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (message = 'Page not found.') => new AppError(404, 'not_found', message);
export const badRequest = (message: string) => new AppError(400, 'bad_request', message);
