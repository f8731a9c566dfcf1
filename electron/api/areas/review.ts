// review.*: the review loop (adapters of electron/services/review.ts on the receiving side
// and review-return.ts on the unit's side). The return package travels as base64, like a
// submission: a download in browser mode, a save dialog in Electron.
import { addComment, buildReturn, reviewedTable, deleteComment, findingsToComments, recordReturn, setTableReview, setUnitYearReview, unitYearReview } from '../../services/review.ts';
import { answerComment, importReturn, tableComments, tableHistory } from '../../services/review-return.ts';
import { reviewSummary, tableDiff, unitTableDiff } from '../../services/review-views.ts';
import { reviewSheet } from '../../services/review-print.ts';
import { buildForward, importForward, recordForward } from '../../services/review-forward.ts';
import { importUpperReturn, upperTableView } from '../../services/review-upper.ts';
import type { AreaHandlers, HandlerContext } from '../context.ts';
import { safeFileName } from './output.ts';
import { nextTurn, uploadBytes } from '../upload.ts';


export function reviewHandlers({ store, jobs }: HandlerContext): AreaHandlers<'review'> {
  return {
    'review.unitYear': ({ unitCode, year }) => unitYearReview(store, unitCode, year),
    'review.setTable': (args) => setTableReview(store, args),
    'review.addComment': ({ field, ...rest }) => addComment(store, { ...rest, path: field ?? '' }),
    'review.deleteComment': ({ commentId }) => (deleteComment(store, commentId), { deleted: true as const }),
    'review.fromFindings': ({ projectId, author }) => findingsToComments(store, projectId, author),
    'review.setOverall': (args) => setUnitYearReview(store, args),
    'review.return': ({ unitCode, year, reviewer }) => {
      // Checked at once (missing verdicts are a refusal, not a failed job); built, verified and recorded in the job.
      const built = buildReturn(store, unitCode, year, reviewer);
      const jobId = jobs.start(`退回 ${unitCode} ${year}`, async ({ progress }) => {
        progress(0, 2);
        await nextTurn();
        const { sha256, returnNo } = recordReturn(store, built);
        progress(2, 2);
        return { fileName: built.fileName, data: built.bytes, report: [`第 ${returnNo} 次退回：${built.doc.tables.length} 张表${built.doc.dept ? '和部门整体绩效目标' : ''}，校验值 ${sha256}`] };
      });
      return { jobId };
    },
    'review.importReturn': ({ file }) => importReturn(store, uploadBytes(file)),
    'review.comments': ({ projectId }) => tableComments(store, projectId),
    'review.answer': (args) => answerComment(store, args),
    'review.history': ({ projectId }) => tableHistory(store, projectId),
    'review.table': ({ projectId }) => reviewedTable(store, projectId),
    'review.diff': ({ projectId }) => tableDiff(store, projectId),
    'review.summary': ({ year }) => reviewSummary(store, year),
    'review.forward': ({ files, reviewer }) => {
      const built = buildForward(store, files.map(uploadBytes), reviewer);
      const { sha256 } = recordForward(store, built);
      return { fileName: built.fileName, base64: Buffer.from(built.bytes).toString('base64'), sha256 };
    },
    'review.importForward': ({ file }) => ({ report: importForward(store, uploadBytes(file), file.name) }),
    'review.importUpper': ({ file }) => importUpperReturn(store, uploadBytes(file)),
    'review.upper': ({ projectId }) => upperTableView(store, projectId),
    'review.unitDiff': ({ projectId, from, to }) => unitTableDiff(store, projectId, { from, to }),
    'review.print': async ({ unitCode, year, format }) => {
      const r = await reviewSheet(store, unitCode, year, format);
      const name = store.getUnit(unitCode)?.name ?? '';
      return { fileName: safeFileName(`${unitCode}${name}${year}年绩效目标审核意见表`, `.${format}`), base64: Buffer.from(r.bytes).toString('base64') };
    },
  };
}
