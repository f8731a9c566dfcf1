// Ids of new project tables and indicator rows.
import { randomBytes, randomUUID } from 'node:crypto';

export const newProjectId = (): string => `p-${randomUUID()}`;
export const newRowId = (): string => `r${randomBytes(6).toString('hex')}`;
