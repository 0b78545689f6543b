// The one vocabulary of error codes the API answers with ({error: {code, message, fields?}}): each code
// has one HTTP status and one meaning, documented here, in the OpenAPI Error schema (an enum) and in
// README "Error codes". A client decides on the code; the message is for people.
export const ERROR_CODES = {
  BAD_REQUEST: {
    status: 400,
    meaning:
      'the input breaks a rule: shape, range, precision (domain/precision.ts), or a rule of the measures such as Art. 12 (a unit that does not undertake an indicator) or Art. 13 (a ranking that misses or repeats a unit); `fields` names each field and its rule',
  },
  SCORING_INPUT: {
    status: 400,
    meaning:
      'a scoring file breaks SPEC §5; `fields` maps each path (unit, indicator, evaluator) to its problem',
  },
  UNAUTHENTICATED: { status: 401, meaning: 'not signed in, or the session expired' },
  BAD_CREDENTIALS: { status: 401, meaning: 'wrong user name or password' },
  FORBIDDEN: {
    status: 403,
    meaning:
      'the role, or the object (another unit’s data), is not allowed; audited as a denial with its cycle',
  },
  CSRF: { status: 403, meaning: 'the x-csrf-token header is missing or wrong' },
  NOT_FOUND: { status: 404, meaning: 'the cycle, unit, indicator, round or file does not exist' },
  WRONG_STAGE: {
    status: 409,
    meaning:
      'the action does not belong to the cycle’s current stage: not yet (e.g. targets not published), or the stage ends on its own',
  },
  CLOSED: {
    status: 409,
    meaning:
      'what the action would change is final: the cycle is closed, results are approved (Art. 18), a round is decided, an explanation accepted, feedback confirmed',
  },
  DUPLICATE: {
    status: 409,
    meaning:
      'it already exists: a user name, a cycle, an indicator or checkpoint code, feedback already recorded',
  },
  ALREADY_VOTED: { status: 409, meaning: 'this member already voted in this approval round (Art. 18)' },
  ALREADY_PUBLISHED: { status: 409, meaning: 'the targets were already published (Art. 8)' },
  CONDITIONS_NOT_MET: {
    status: 409,
    meaning:
      'the stage cannot end yet; the message says what is missing (rankings, explanations not yet accepted, feedback not confirmed)',
  },
  TARGETS_INVALID: {
    status: 409,
    meaning: 'the targets cannot be published; the message lists each problem',
  },
  WARNINGS: { status: 409, meaning: 'publication has warnings; repeat with acknowledgeWarnings: true' },
  CONFIRM_REQUIRED: {
    status: 409,
    meaning:
      'the change has a consequence to confirm first (a unit in a running cycle stays in that year, Art. 6); repeat with confirm: true',
  },
  NOT_FAILED: { status: 409, meaning: 'only a FAILED notice is resent (a sent notice is never sent twice)' },
  TOO_LARGE: { status: 413, meaning: 'the request body or the file is too large' },
  UNSUPPORTED_MEDIA: { status: 415, meaning: 'the file or the request body is not of an accepted type' },
  UNSUPPORTED_CHARSET: { status: 415, meaning: 'a JSON body in a character set other than UTF-8' },
  UNSUPPORTED_ENCODING: { status: 415, meaning: 'a Content-Encoding (gzip…) the API does not take' },
  TOO_MANY_ATTEMPTS: { status: 429, meaning: 'too many failed sign-ins; wait 15 minutes' },
  INTERNAL: { status: 500, meaning: 'an unexpected error (logged on the server; no details leave it)' },
  ENGINE_BUSY: {
    status: 503,
    meaning:
      'the workflow engine or the database is momentarily saturated; nothing was saved; retry after the Retry-After header (the web app does so by itself)',
  },
  ENGINE_STARTING: {
    status: 503,
    meaning:
      'the workflow engine is still starting (the first `npm start` builds it); nothing was saved; retry after the Retry-After header or once GET /api/engine says ready',
  },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];
