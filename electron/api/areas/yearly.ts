// yearly.*: 绩效运行监控 and 绩效自评 — thin adapters of electron/services/yearly-view.ts
// (forms, 审核, scores, 调整绩效目标), yearly-print.ts (print view, DOCX job) and the
// spreadsheets (export of both forms, 执行数 from a treasury / accounting export).
import { renderHtml } from '../../../shared/print-html/index.ts';
import { createUnitYearYearlyForms } from '../../services/yearly-service.ts';
import { adjustTarget, applyYearlyFixView, createYearlyView, saveYearlyView, yearlyRows, yearlyView } from '../../services/yearly-view.ts';
import { yearlyFileName, yearlyLayout } from '../../services/yearly-print.ts';
import { importExecution } from '../../services/execution-import.ts';
import { exportYearlyWorkbook } from '../../import/spreadsheet/yearly-workbook.ts';
import { writeDocument } from '../../export/book-export.ts';
import type { AreaHandlers, HandlerContext } from '../context.ts';
import { docxJob } from './output.ts';
import { regenerateFromPassed, regeneratePlan } from '../../services/yearly-regenerate.ts';
import { safeFileName } from '../../../shared/model/file-name.ts';
import { uploadBytes } from '../upload.ts';
import { createDeptSelfEvaluationForm, deptSelfEvaluationLayout, deptSelfEvaluationView, saveDeptSelfEvaluation } from '../../services/dept-self-evaluation.ts';

export function yearlyHandlers({ store, jobs }: HandlerContext): AreaHandlers<'yearly'> {
  return {
    'yearly.get': ({ projectId }) => yearlyView(store, projectId),
    'yearly.create': ({ projectId }) => createYearlyView(store, projectId),
    'yearly.createUnitYear': ({ unitCode, year }) => createUnitYearYearlyForms(store, unitCode, year),
    'yearly.save': ({ form, expectedRevision }) => saveYearlyView(store, form, expectedRevision),
    'yearly.applyFix': ({ kind, projectId, fix, expectedRevision }) => applyYearlyFixView(store, kind, projectId, fix, expectedRevision),
    'yearly.adjust': (args) => adjustTarget(store, args),
    'yearly.list': ({ unitCode, year }) => yearlyRows(store, unitCode, year),
    'yearly.print': ({ scope, kind, print }) => ({ html: renderHtml(yearlyLayout(store, scope, kind, print)) }),
    'yearly.exportDocx': ({ scope, kind, print }) => {
      // Built now, so that a wrong request fails at once rather than as a failed job.
      const doc = yearlyLayout(store, scope, kind, print);
      const fileName = yearlyFileName(store, scope, kind, '.docx', print?.kind === 'submission' ? '（报送稿）' : '');
      const jobId = docxJob(jobs, fileName, (file, opts) => writeDocument(doc, file, opts));
      return { jobId };
    },
    'yearly.exportXlsx': async ({ unitCode, year }) => {
      const { fileName, bytes } = await exportYearlyWorkbook(store, unitCode, year);
      return { fileName, base64: Buffer.from(bytes).toString('base64') };
    },
    'yearly.importExecution': ({ unitCode, year, file, into, store: write }) =>
      importExecution(store, { unitCode, year, into, store: write }, uploadBytes(file)),
    'yearly.regeneratePlan': ({ projectId }) => regeneratePlan(store, projectId),
    'yearly.regenerate': ({ projectId, revisions }) => (regenerateFromPassed(store, projectId, revisions), yearlyView(store, projectId)),
    'yearly.deptGet': ({ unitCode, year }) => deptSelfEvaluationView(store, unitCode, year),
    'yearly.deptCreate': ({ unitCode, year }) => createDeptSelfEvaluationForm(store, unitCode, year),
    'yearly.deptSave': ({ form, expectedRevision }) => saveDeptSelfEvaluation(store, form, expectedRevision),
    'yearly.deptPrint': ({ unitCode, year, print }) => ({ html: renderHtml(deptSelfEvaluationLayout(store, unitCode, year, print)) }),
    'yearly.deptExportDocx': ({ unitCode, year, print }) => {
      const doc = deptSelfEvaluationLayout(store, unitCode, year, print);
      const unit = store.getUnit(unitCode);
      const fileName = safeFileName(`${unitCode}${unit?.name ?? ''}${year}年部门整体绩效自评表${print?.kind === 'submission' ? '（报送稿）' : ''}`, '.docx', { fallback: '部门整体绩效自评表' });
      return { jobId: docxJob(jobs, fileName, (file, opts) => writeDocument(doc, file, opts)) };
    },
  };
}
