// Why an action of the annual cycle is refused; the API maps each to its HTTP status (api/errors.ts).
// Shared by the workflows' validators and the API's guarded writes (facts/), so both speak alike.
export enum RefusalReason {
  WRONG_STAGE = 'WRONG_STAGE',
  NOT_YOUR_UNIT = 'NOT_YOUR_UNIT',
  NOT_ALLOWED = 'NOT_ALLOWED',
  ALREADY_VOTED = 'ALREADY_VOTED',
  RANKING_INCOMPLETE = 'RANKING_INCOMPLETE',
  INVALID = 'INVALID',
  NOT_FOUND = 'NOT_FOUND',
  CLOSED = 'CLOSED',
  CONDITIONS_NOT_MET = 'CONDITIONS_NOT_MET',
}
