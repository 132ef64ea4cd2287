// The one place HTTP statuses are decided (src/server/errors.ts): each error class to a status and
// an error code. The domain's errors carry no status.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, InputError, NotFoundError, TooLargeError, UnprocessableError } from '../src/domain/types.js';
import { HttpError, errorBody, gone, unsupportedMediaType } from '../src/server/errors.js';

describe('errorBody', () => {
  it.each([
    [new InputError('bad'), 400, 'invalid_input'],
    [new NotFoundError('no concept with id 9'), 404, 'not_found'],
    [new ConflictError('already preferred'), 409, 'conflict'],
    [new TooLargeError('too big'), 413, 'too_large'],
    [new UnprocessableError('too slow'), 422, 'invalid_input'],
    [gone('expired'), 410, 'gone'],
    [unsupportedMediaType('send multipart/form-data'), 415, 'unsupported_media_type'],
    [new HttpError(401, 'unauthorized', 'token'), 401, 'unauthorized'],
    [new HttpError(403, 'forbidden', 'cross-origin'), 403, 'forbidden'],
  ])('%s → %i %s', (err, status, code) => {
    expect(errorBody(err)).toEqual({ status, body: { error: { code, message: err.message } } });
  });

  it('a validation error names the field; an unknown error is a 500 that says nothing more', () => {
    const zod = z.object({ q: z.string() }).safeParse({ q: 1 });
    const v = errorBody(zod.error);
    expect(v.status).toBe(400);
    expect(v.body.error.code).toBe('invalid_input');
    expect(v.body.error.message).toMatch(/^q: /);
    expect(errorBody(new Error('secret stack'))).toEqual({ status: 500, body: { error: { code: 'internal', message: 'internal error' } } });
  });

  it('the domain errors have no status of their own', () => {
    for (const err of [new InputError('x'), new NotFoundError('x'), new ConflictError('x'), new TooLargeError('x')]) {
      expect('status' in err).toBe(false);
    }
  });
});
