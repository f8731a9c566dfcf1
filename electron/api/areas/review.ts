// review.*: the review loop (adapters of electron/services/review.ts on the receiving side
// and review-return.ts on the unit's side). The return package travels as base64, like a
// submission: a download in browser mode, a save dialog in Electron.
import { addComment, buildReturn, deleteComment, findingsToComments, recordReturn, setTableReview, setUnitYearReview, unitYearReview } from '../../services/review.ts';
import { answerComment, importReturn, tableComments, tableHistory } from '../../services/review-return.ts';
import type { AreaHandlers, HandlerContext } from '../context.ts';

export function reviewHandlers({ store }: HandlerContext): AreaHandlers<'review'> {
  return {
    'review.unitYear': ({ unitCode, year }) => unitYearReview(store, unitCode, year),
    'review.setTable': (args) => setTableReview(store, args),
    'review.addComment': ({ field, ...rest }) => addComment(store, { ...rest, path: field ?? '' }),
    'review.deleteComment': ({ commentId }) => (deleteComment(store, commentId), { deleted: true as const }),
    'review.fromFindings': ({ projectId, author }) => findingsToComments(store, projectId, author),
    'review.setOverall': (args) => setUnitYearReview(store, args),
    'review.return': ({ unitCode, year, reviewer }) => {
      const built = buildReturn(store, unitCode, year, reviewer);
      const { sha256, returnNo } = recordReturn(store, built);
      return { fileName: built.fileName, base64: Buffer.from(built.bytes).toString('base64'), sha256, returnNo };
    },
    'review.importReturn': ({ file }) => importReturn(store, new Uint8Array(Buffer.from(file.base64, 'base64'))),
    'review.comments': ({ projectId }) => tableComments(store, projectId),
    'review.answer': (args) => answerComment(store, args),
    'review.history': ({ projectId }) => tableHistory(store, projectId),
  };
}
