// Kept for the electron modules that import it from here; the class lives in shared/.
export { UserError, isUserError } from '../shared/errors.ts';
