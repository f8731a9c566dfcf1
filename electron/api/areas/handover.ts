// handover.* (USB packages: pack, inspect, import many with progress and cancel, history,
// 汇总), spreadsheet.export and import.* (spreadsheets and last year's Word files: preview
// first, store as a separate step). Uploads travel as bytes (shared/api/upload.ts), downloads
// as base64, so that browser mode and Electron use the same calls.
import { ApiError, type PackageSummary } from '../../../shared/api/contract.ts';
import { importPlanSchema } from '../../../shared/api/import-preview.ts';
import { assertReadyToPack, assertNotRepeat, buildSubmission, recordSubmission } from '../../services/submit.ts';
import { requireUnit as requireUnitOf } from '../../services/service-error.ts';
import { openPackageBytes } from '../../handover/package-read.ts';
import { yearlyPackNote } from '../../services/yearly-pack-note.ts';
import { openPackageInWorker } from '../../handover/offthread.ts';
import { importOpenedPackage, makeReceivedVersionCurrent, OUTCOME_LABELS, packageFacts, sampleUnitRefusal } from '../../handover/receive.ts';
import { buildSummaryWorkbook, summaryRows } from '../../handover/summary.ts';
import { receivedRows } from '../../handover/received-list.ts';
import { describeDiff } from '../../../shared/handover/diff.ts';
import { exportUnitYearWorkbook } from '../../import/spreadsheet/workbook.ts';
import type { AreaHandlers, HandlerContext } from '../context.ts';
import { safeFileName } from './output.ts';
import { nextTurn, uploadBytes } from '../upload.ts';
import { backupBeforeImport } from '../../services/import-scope.ts';
import { recentImports, undoLastImport } from '../../services/file-import.ts';
import { buildPreview, readImportFile } from '../../services/import-preview.ts';
import { applyImport } from '../../services/import-apply.ts';


export function handoverHandlers(
  ctx: HandlerContext,
): AreaHandlers<'handover'> & AreaHandlers<'spreadsheet'> & AreaHandlers<'import'> {
  const { store, jobs } = ctx;
  const requireUnit = (code: string) => requireUnitOf(store, code);
  return {
    'handover.pack': ({ unitCode, year, again }) => {
      requireUnit(unitCode);
      assertReadyToPack(store, unitCode, year); // refused at once, not as a failed job
      assertNotRepeat(store, unitCode, year, again === true);
      const jobId = jobs.start(`打包 ${unitCode} ${year}`, async ({ signal, progress }) => {
        const pkg = await buildSubmission(store, unitCode, year, { signal, onProgress: (p) => progress(p.done, p.total) });
        // Verify the bytes as the receiver will, before they are handed over; then it is a submission.
        const opened = openPackageBytes(pkg.bytes);
        recordSubmission(store, pkg.manifest, opened.sha256);
        return { fileName: pkg.fileName, data: pkg.bytes, report: [`已打包：${pkg.fileName}（${pkg.manifest.projectCount} 张项目表${opened.doc.deptTargets.length ? '和部门整体绩效目标' : ''}，已校验）`, ...yearlyPackNote(store, unitCode, year)] };
      });
      return { jobId };
    },

    'handover.inspect': async ({ file }): Promise<PackageSummary> => {
      const p = await openPackageInWorker(uploadBytes(file));
      return { fileName: file.name, ...packageFacts(p), alreadyImported: store.received.findByHash(p.sha256) !== null, refusal: sampleUnitRefusal(store, p.manifest.unit.code) };
    },

    'handover.import': ({ files, expectUnit, expectYear }) => {
      const jobId = jobs.start(`接收 ${files.length} 个报送包`, async ({ progress }) => {
        const report: string[] = [];
        progress(0, files.length);
        await backupBeforeImport(store);
        for (const [i, f] of files.entries()) {
          try {
            const pkg = await openPackageInWorker(uploadBytes(f));
            const r = importOpenedPackage(store, pkg, f.name, f.name, { expectUnit, expectYear });
            const who = `${r.info.unit.code}${r.info.unit.name} ${r.info.year} 年度`;
            report.push(`${f.name}：${OUTCOME_LABELS[r.outcome]}（${who}；审核 错误 ${r.audit.errors}，警告 ${r.audit.warnings}）`);
            if (r.diff) for (const line of describeDiff(r.diff, 50)) report.push(`　　${line}`);
          } catch (e) {
            // One bad package does not stop the others; it changed nothing (one transaction each).
            report.push(`${f.name}：未导入——${e instanceof Error ? e.message : String(e)}`);
          }
          progress(i + 1, files.length); // throws here when cancelled: the rest are not imported
          await nextTurn();
        }
        return { report };
      });
      return { jobId };
    },

    'handover.received': ({ year }) => receivedRows(store, { year }),

    'handover.summaryRows': ({ year }) => summaryRows(store, { year }).rows.map(({ kinds: _k, ...r }) => r),

    'handover.makeCurrent': ({ packageId }) => makeReceivedVersionCurrent(store, packageId),

    'handover.summary': ({ year }) => {
      const jobId = jobs.start(`汇总 ${year}`, async ({ progress }) => {
        progress(0, 1);
        const { bytes, rows } = await buildSummaryWorkbook(store, { year });
        progress(1, 1);
        return { fileName: `绩效目标汇总_${year}.xlsx`, data: bytes, report: [`汇总了 ${rows.length} 个单位年度`] };
      });
      return { jobId };
    },

    'spreadsheet.export': async ({ unitCode, year }) => {
      const unit = requireUnit(unitCode);
      const projects = store.projectsOfUnitYear(unitCode, year);
      if (!projects.length) throw new ApiError('NOT_FOUND', `${unit.code}${unit.name}在 ${year} 年度还没有项目表`);
      const bytes = await exportUnitYearWorkbook({ unit, year, projects, deptTarget: store.getDeptTarget(unitCode, year) });
      return { fileName: safeFileName(`${unit.code}${unit.name}${year}年绩效目标`, '.xlsx'), base64: Buffer.from(bytes).toString('base64') };
    },

    'import.preview': async ({ kind, file, unitCode, year, plan }) => {
      requireUnit(unitCode);
      const p = plan ?? importPlanSchema.parse({});
      const bytes = uploadBytes(file);
      const read = await readImportFile(kind, bytes, unitCode, p);
      return buildPreview(store, read, { fileName: file.name, defaultUnit: unitCode, year: year ?? null, plan: p, bytes });
    },

    'import.store': async ({ kind, file, unitCode, year, sha256, plan }) => {
      requireUnit(unitCode);
      return applyImport(store, { kind, bytes: uploadBytes(file), fileName: file.name, sha256, defaultUnit: unitCode, year, plan });
    },

    'import.undo': ({ unitCode, year, sha256 }) => {
      requireUnit(unitCode);
      return undoLastImport(store, unitCode, year, sha256);
    },

    'import.recent': ({ unitCode, year }) =>
      recentImports(store, unitCode, year).map((r) => ({ sha256: r.sha256, fileName: r.fileName, at: r.at, projects: r.stored.length, scopes: r.scopes ?? [{ unitCode: r.unitCode, year: r.year }] })),
  };
}
