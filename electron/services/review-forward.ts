// Two levels: a 主管部门 that reviewed its units forwards their submissions, exactly as the
// units made them, with its own review, to the 财政局 in one forward package; the 财政局
// receives each submission as if from the unit and sees the 主管部门's review as comments.
// The 财政局's return packages name the units' own submissions, so the 主管部门 passes them
// down unchanged and each unit imports its own (review-return.ts checks it made that submission).
import type { ReturnDoc } from '../../shared/handover/return-manifest.ts';
import { forwardReviewSchema } from '../../shared/handover/forward-manifest.ts';
import type { ReviewComment } from '../../shared/handover/review-model.ts';
import { buildForwardBytes, openForwardBytes } from '../handover/forward-package.ts';
import { openPackageBytes } from '../handover/package-read.ts';
import { importOpenedPackage, OUTCOME_LABELS } from '../handover/receive.ts';
import type { FilingStore } from '../store/store.ts';
import { buildReturn } from './review.ts';
import { decisionText, forwardedId, logForward } from './review-upper.ts';
import { ServiceError } from './service-error.ts';

/** 主管部门: the forward package of these submission files (each the current received version, every table decided; not yet recorded). */
export function buildForward(store: FilingStore, files: readonly Uint8Array[], reviewer: string, now = new Date()) {
  if (!files.length) throw new ServiceError('请选择要转报的报送包', 'INVALID');
  const docs: ReturnDoc[] = [];
  let year: number | null = null;
  let supervisor: { code: string; name: string } | null = null;
  for (const bytes of files) {
    const p = openPackageBytes(bytes);
    const { unit, year: y } = p.manifest;
    if (year !== null && y !== year) throw new ServiceError(`转报包只能是同一年度的：${unit.code} 是 ${y} 年度，其余是 ${year} 年度`, 'INVALID');
    year = y;
    const current = store.received.current(unit.code, y);
    if (current?.sha256 !== p.sha256) throw new ServiceError(`${unit.code}${unit.name} 的这个报送包不是本机接收的现用版本，请选择审核过的那一份`, 'NOT_CURRENT');
    const sup = store.getUnit(unit.code)?.supervisor ?? null;
    if (!sup) throw new ServiceError(`${unit.code}${unit.name} 没有主管部门，不能转报`, 'INVALID');
    if (supervisor && sup.code !== supervisor.code) throw new ServiceError(`所选单位属于不同的主管部门（${supervisor.name}、${sup.name}），请分别转报`, 'INVALID');
    supervisor = sup;
    docs.push(buildReturn(store, unit.code, y, reviewer, now).doc);
  }
  const review = forwardReviewSchema.parse({ supervisor, reviewer: docs[0]!.reviewer, units: docs });
  return buildForwardBytes(files, review, year!, now);
}

/** Records a forward package once its bytes are verified (read back, or handed over): which submissions went up, its hash, when. */
export function recordForward(store: FilingStore, built: ReturnType<typeof buildForward>): { sha256: string } {
  const f = openForwardBytes(built.bytes);
  const subs = f.packages.map((p) => ({ unitCode: p.manifest.unit.code, year: p.manifest.year, sha256: p.sha256, submissionNo: p.manifest.submissionNo ?? null }));
  logForward(store, f.sha256, f.manifest.createdAt, f.review.supervisor.name, f.review.reviewer, subs);
  return { sha256: f.sha256 };
}

/** 财政局: receives every forwarded submission (checked first, all of them) and the 主管部门's review as comments. */
export function importForward(store: FilingStore, bytes: Uint8Array, fileName: string): string[] {
  const f = openForwardBytes(bytes);
  const sup = f.review.supervisor.name;
  const report: string[] = [`转报包：${sup}，${f.manifest.year} 年度，${f.packages.length} 个单位`];
  for (const p of f.packages) {
    const r = importOpenedPackage(store, p, fileName, fileName);
    const { unit, year } = p.manifest;
    report.push(`${unit.code}${unit.name}：${OUTCOME_LABELS[r.outcome]}`);
    const doc = f.review.units.find((u) => u.submissionSha256 === p.sha256);
    if (!doc || store.received.current(unit.code, year)?.sha256 !== p.sha256) continue;
    const comments: Array<Omit<ReviewComment, 'createdAt'>> = [];
    for (const t of doc.tables) {
      const summary = decisionText(`${sup}初审：`, t);
      const base = { projectId: t.projectId, unitCode: unit.code, year, source: 'reviewer' as const, findingKey: null, author: `${sup}·${doc.reviewer}`.slice(0, 60) };
      comments.push({ ...base, id: forwardedId(p.sha256, t.projectId), path: '', text: summary.slice(0, 2000) });
      for (const c of t.comments) comments.push({ ...base, id: forwardedId(p.sha256, c.id), path: c.path, text: c.text, author: `${sup}·${c.author}`.slice(0, 60) });
    }
    const added = store.reviews.addComments(comments);
    report.push(`　　${sup}的初审意见 ${added.length} 条（${doc.tables.filter((t) => t.verdict === 'return').length} 张表初审退回修改）`);
  }
  return report;
}
