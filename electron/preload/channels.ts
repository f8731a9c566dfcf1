// Every IPC channel the preload may use, as plain data (no zod, no Node): the sandboxed
// preload is bundled on its own and must stay small. The API names are checked against
// the contract at compile time (a missing or extra name is a type error) and in a test.
import type { ApiName } from '../../shared/api/contract.ts';

const API_NAME_MAP = {
  'app.info': true,
  'templates.list': true,
  'units.list': true,
  'units.save': true,
  'units.removeSamples': true,
  'years.list': true,
  'years.start': true,
  'projects.list': true,
  'projects.get': true,
  'projects.create': true,
  'projects.save': true,
  'projects.delete': true,
  'projects.restore': true,
  'projects.duplicate': true,
  'projects.reorder': true,
  'projects.setStatus': true,
  'projects.copyYear': true,
  'projects.ackCarried': true,
  'dept.get': true,
  'dept.save': true,
  'dept.ackCarried': true,
  'handover.summaryRows': true,
  'projects.copyTable': true,
  'projects.copyPreview': true,
  'audit.project': true,
  'audit.unitYear': true,
  'audit.explain': true,
  'audit.applyFix': true,
  'library.search': true,
  'print.project': true,
  'print.unitYear': true,
  'export.docx': true,
  'handover.pack': true,
  'handover.inspect': true,
  'handover.import': true,
  'handover.received': true,
  'handover.makeCurrent': true,
  'handover.summary': true,
  'spreadsheet.export': true,
  'import.preview': true,
  'import.store': true,
  'import.undo': true,
  'import.recent': true,
  'jobs.get': true,
  'jobs.cancel': true,
  'settings.get': true,
  'settings.set': true,
  'settings.convertPreview': true,
  'settings.convert': true,
  'review.unitYear': true,
  'review.setTable': true,
  'review.addComment': true,
  'review.deleteComment': true,
  'review.fromFindings': true,
  'review.setOverall': true,
  'review.return': true,
  'review.importReturn': true,
  'review.comments': true,
  'review.answer': true,
  'review.history': true,
  'yearly.get': true,
  'yearly.create': true,
  'yearly.createUnitYear': true,
  'yearly.save': true,
  'yearly.applyFix': true,
  'yearly.adjust': true,
  'yearly.list': true,
  'yearly.print': true,
  'yearly.exportDocx': true,
  'yearly.exportXlsx': true,
  'yearly.importExecution': true,
  'yearly.regeneratePlan': true,
  'yearly.regenerate': true,
  'yearly.deptGet': true,
  'yearly.deptCreate': true,
  'yearly.deptSave': true,
  'yearly.deptPrint': true,
  'yearly.deptExportDocx': true,
  'review.table': true,
  'review.diff': true,
  'review.summary': true,
  'review.print': true,
  'review.forward': true,
  'review.importForward': true,
  'review.importUpper': true,
  'review.upper': true,
  'review.unitDiff': true,
} as const satisfies Record<ApiName, true>;

// The reverse check: no name here that the contract does not have.
type Extra = Exclude<keyof typeof API_NAME_MAP, ApiName>;
const noExtraNames: [Extra] extends [never] ? true : never = true;
void noExtraNames;

/** The call names the preload forwards; anything else is refused before it reaches IPC. */
export const PRELOAD_API_NAMES: readonly ApiName[] = Object.freeze(Object.keys(API_NAME_MAP) as ApiName[]);

/** Same as `ipcChannel(name)` of the contract (a test keeps them equal). */
export const apiChannel = (name: ApiName): string => `api:${name}`;

/** Desktop-only functions (dialogs, files the user chose, printing). */
export const SHELL_CALLS = [
  'openFile',
  'readFile',
  'chooseSavePath',
  'writeFile',
  'saveFile',
  'print',
  'printToPdf',
] as const;
export type ShellCall = (typeof SHELL_CALLS)[number];
export const shellChannel = (name: ShellCall): string => `shell:${name}`;

/** Commands of the application menu sent to the page (main → renderer only). */
export const MENU_COMMANDS = ['import', 'export-docx', 'export-pdf', 'print', 'help'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export const MENU_CHANNEL = 'menu:command';
