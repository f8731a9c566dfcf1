// Kept for the electron modules that import it from here; the class lives in shared/.
export { UserError } from '../shared/errors.ts';
