// The one way times are shown (shared with messages made by the backend).
export { timeText } from '../../../shared/model/time-text.ts';
