// print.* (the HTML print view of shared/print-html), export.docx (a job running the DOCX
// exporter of electron/export) and jobs.*.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../../shared/api/contract.ts';
import type { ProjectFiling, Unit } from '../../../shared/model/filing.ts';
import { buildBookLayout, buildProjectLayout } from '../../../shared/layout/index.ts';
import { renderHtml } from '../../../shared/print-html/index.ts';
import { exportProject, exportUnitBook } from '../../export/book-export.ts';
import type { FilingStore } from '../../store/store.ts';
import { requireUnit } from '../../services/service-error.ts';
import { requireRecord, type AreaHandlers, type HandlerContext } from '../context.ts';
import { safeFileName as safeName } from '../../../shared/model/file-name.ts';

/** A file name Windows, macOS and Linux all accept, for the user's download. */
export const safeFileName = (base: string, ext: string): string => safeName(base, ext, { fallback: '绩效目标表' });

function unitBook(store: FilingStore, unitCode: string, year: number): { unit: Unit; projects: ProjectFiling[] } {
  const unit = requireUnit(store, unitCode);
  const projects = store.projectsOfUnitYear(unitCode, year);
  if (!projects.length) throw new ApiError('NOT_FOUND', `${unit.code}${unit.name}在 ${year} 年度还没有项目表，无可打印的内容`);
  return { unit, projects };
}

type JobRunner = HandlerContext['jobs'];
type WriteOpts = { signal: AbortSignal; onProgress: (p: { done: number; total: number }) => void };

/** A DOCX export as a job: written to a temp folder by `write`, handed over as the job's file. */
export function docxJob(jobs: JobRunner, fileName: string, write: (file: string, opts: WriteOpts) => Promise<unknown>): string {
  return jobs.start(`导出 ${fileName}`, async ({ signal, progress }) => {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'jxmb-export-'));
    try {
      const file = path.join(dir, 'out.docx');
      await write(file, { signal, onProgress: (p) => progress(p.done, p.total) });
      return { fileName, data: await fs.promises.readFile(file) };
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });
}

export function outputHandlers(ctx: HandlerContext): AreaHandlers<'print'> & AreaHandlers<'export'> & AreaHandlers<'jobs'> {
  const { store, jobs } = ctx;
  return {
    'print.project': ({ id, print }) => {
      const { filing } = requireRecord(store, id);
      return { html: renderHtml(buildProjectLayout(filing, requireUnit(store, filing.unitCode), print ? { print } : {})) };
    },

    'print.unitYear': ({ unitCode, year, print }) => {
      const { unit, projects } = unitBook(store, unitCode, year);
      const doc = buildBookLayout({ year, units: [{ unit, projects }], deptTarget: store.getDeptTarget(unitCode, year), ...(print ? { print } : {}) });
      return { html: renderHtml(doc) };
    },

    'export.docx': ({ scope, print }) => {
      // Checked now, so that a wrong request fails at once rather than as a failed job.
      let fileName: string;
      const kindSuffix = print?.kind === 'submission' ? '（报送稿）' : '';
      if (scope.kind === 'project') {
        const { filing } = requireRecord(store, scope.id);
        fileName = safeFileName(`${filing.seq ? `${filing.seq}.` : ''}${filing.name || '未命名项目'}绩效目标表${kindSuffix}`, '.docx');
      } else {
        const { unit } = unitBook(store, scope.unitCode, scope.year);
        fileName = safeFileName(`${unit.code}${unit.name}${scope.year}年项目支出绩效目标表${kindSuffix}`, '.docx');
      }
      const jobId = docxJob(jobs, fileName, (file, opts) =>
        scope.kind === 'project' ? exportProject(store, scope.id, file, { ...opts, ...(print ? { print } : {}) }) : exportUnitBook(store, scope.unitCode, scope.year, file, { ...opts, ...(print ? { print } : {}) }),
      );
      return { jobId };
    },

    'jobs.get': ({ jobId }) => jobs.get(jobId),
    'jobs.cancel': ({ jobId }) => jobs.cancel(jobId),
  };
}
