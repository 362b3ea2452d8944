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

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An RFC 9457 problem details body. */
export function problem(status: number, instance: string, detail?: string) {
  return {
    type: 'about:blank',
    title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Error'),
    status,
    ...(detail ? { detail } : {}),
    instance,
  };
}
