// The forward package (shared/handover/forward-manifest.ts): built from the units' own
// submission packages and the 主管部门's review; opened from outside with every check
// before use: zip safety and limits, manifest schema and version, each member's size and
// SHA-256, every inner submission verified as a submission is, review.json's schema, and
// that each review names a forwarded submission.
import { APP_INFO } from '../app-info.ts';
import { HANDOVER_FORMAT, MEMBER_NAMES } from '../../shared/handover/manifest.ts';
import {
  FORWARD_KIND,
  FORWARD_MAX_UNITS,
  FORWARD_REVIEW,
  FORWARD_VERSION,
  forwardFileName,
  forwardManifestSchema,
  forwardMemberName,
  forwardReviewSchema,
  type ForwardManifest,
  type ForwardReview,
} from '../../shared/handover/forward-manifest.ts';
import { formatIssues } from '../../shared/model/issues.ts';
import { listZip, readZipEntry, zipFiles } from '../files/zip.ts';
import { PackageError, needsApp, openPackageGuarded, openPackageBytes, sha256Hex, type OpenedPackage } from './package-read.ts';
import { json as returnJson } from './return-package.ts';

export interface OpenedForward {
  sha256: string;
  manifest: ForwardManifest;
  review: ForwardReview;
  /** The forwarded submissions, verified, in member order. */
  packages: OpenedPackage[];
}

const LIMITS = { fileBytes: 500 * 1024 * 1024, memberBytes: 50 * 1024 * 1024, totalBytes: 600 * 1024 * 1024, entries: FORWARD_MAX_UNITS + 2 };
const enc = new TextEncoder();
const json = (bytes: Uint8Array, name: string) => returnJson(bytes, name, '转报包');

export function buildForwardBytes(submissions: readonly Uint8Array[], review: ForwardReview, year: number, now: Date): { bytes: Uint8Array; fileName: string; manifest: ForwardManifest } {
  const body = enc.encode(JSON.stringify(review, null, 1));
  const members: Array<[string, Uint8Array]> = [...submissions.map((b, i) => [forwardMemberName(i), b] as [string, Uint8Array]), [FORWARD_REVIEW, body]];
  const manifest: ForwardManifest = {
    format: HANDOVER_FORMAT,
    formatVersion: FORWARD_VERSION,
    kind: FORWARD_KIND,
    appVersion: APP_INFO.version,
    requiresApp: APP_INFO.version,
    supervisor: review.supervisor,
    year,
    createdAt: now.toISOString(),
    members: members.map(([name, data]) => ({ name, sha256: sha256Hex(data), size: data.length })),
  };
  const bytes = zipFiles([[MEMBER_NAMES.manifest, enc.encode(JSON.stringify(manifest, null, 1))], ...members], now);
  return { bytes, manifest, fileName: forwardFileName(review.supervisor.name, year) };
}

export function openForwardBytes(bytes: Uint8Array): OpenedForward {
  return openPackageGuarded('转报包', bytes, LIMITS.fileBytes, openUnchecked);
}

function openUnchecked(bytes: Uint8Array): OpenedForward {
  const entries = listZip(bytes, LIMITS);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const mEntry = byName.get(MEMBER_NAMES.manifest);
  if (!mEntry || mEntry.size > 256 * 1024) throw new PackageError('不是转报包：缺少 manifest.json（可能选错了文件）', 'NOT_PACKAGE');
  const raw = json(readZipEntry(bytes, mEntry), MEMBER_NAMES.manifest) as Record<string, unknown> | null;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || raw.format !== HANDOVER_FORMAT) throw new PackageError('不是本程序的转报包', 'NOT_PACKAGE');
  if (raw.kind !== FORWARD_KIND) {
    throw new PackageError(raw.kind === 'return' ? '这是退回包，不是转报包：退回包由填报单位用“导入审核意见”导入' : '这是报送包，不是转报包：报送包请用“接收报送包”导入', 'WRONG_KIND');
  }
  if (raw.formatVersion !== FORWARD_VERSION) {
    throw new PackageError(
      typeof raw.formatVersion === 'number' && raw.formatVersion > FORWARD_VERSION ? `转报包格式版本 ${raw.formatVersion} 比本程序新，请升级程序${needsApp(raw)}` : `转报包格式版本不受支持（本程序支持版本 ${FORWARD_VERSION}）`,
      'VERSION',
    );
  }
  const m = forwardManifestSchema.safeParse(raw);
  if (!m.success) throw new PackageError(`转报包的 manifest.json 内容有误：\n${formatIssues(m.error.issues)}`, 'INVALID');
  const manifest = m.data;
  const listed = new Map(manifest.members.map((x) => [x.name, x]));
  if (listed.size !== manifest.members.length) throw new PackageError('转报包的清单中有重复的文件', 'INVALID');
  for (const e of entries) {
    if (e.name !== MEMBER_NAMES.manifest && !listed.has(e.name)) throw new PackageError(`转报包内有清单之外的文件“${e.name.slice(0, 80)}”，已拒绝`, 'EXTRA_MEMBER');
  }
  const read = (name: string): Uint8Array => {
    const meta = listed.get(name)!;
    const entry = byName.get(name);
    if (!entry) throw new PackageError(`转报包缺少文件“${name}”，文件不完整`, 'MISSING_MEMBER');
    if (entry.size !== meta.size) throw new PackageError(`转报包内“${name}”的大小与清单不符，文件已损坏或被改动`, 'CHECKSUM');
    const data = readZipEntry(bytes, entry);
    if (sha256Hex(data) !== meta.sha256) throw new PackageError(`转报包内“${name}”的校验值（SHA-256）与清单不符，文件已损坏或被改动`, 'CHECKSUM');
    return data;
  };
  if (!listed.has(FORWARD_REVIEW)) throw new PackageError(`转报包缺少文件“${FORWARD_REVIEW}”`, 'MISSING_MEMBER');
  const r = forwardReviewSchema.safeParse(json(read(FORWARD_REVIEW), FORWARD_REVIEW));
  if (!r.success) throw new PackageError(`转报包的 ${FORWARD_REVIEW} 内容有误：\n${formatIssues(r.error.issues)}`, 'INVALID');
  const review = r.data;
  const packages: OpenedPackage[] = [];
  for (const x of manifest.members) {
    if (x.name === FORWARD_REVIEW) continue;
    try {
      packages.push(openPackageBytes(read(x.name)));
    } catch (e) {
      throw new PackageError(`转报包内的报送包“${x.name}”有误：${e instanceof Error ? e.message : String(e)}`, e instanceof PackageError ? e.code : 'INVALID');
    }
  }
  const bySha = new Map(packages.map((p) => [p.sha256, p]));
  const seen = new Set<string>();
  for (const p of packages) {
    const key = `${p.manifest.unit.code}/${p.manifest.year}`;
    if (seen.has(key)) throw new PackageError(`转报包中单位 ${key} 的报送包出现了两次`, 'INVALID');
    seen.add(key);
    if (p.manifest.year !== manifest.year) throw new PackageError(`转报包是 ${manifest.year} 年度的，其中 ${p.manifest.unit.code} 的报送包却是 ${p.manifest.year} 年度`, 'INVALID');
  }
  for (const u of review.units) {
    const p = bySha.get(u.submissionSha256);
    if (!p || p.manifest.unit.code !== u.unitCode || p.manifest.year !== u.year) throw new PackageError(`转报包中对 ${u.unitCode} 的审核意见不针对包内的任何报送包，已拒绝`, 'INVALID');
    const ids = new Set(p.doc.projects.map((x) => x.id));
    const foreign = u.tables.find((t) => !ids.has(t.projectId));
    if (foreign) throw new PackageError(`转报包中对 ${u.unitCode} 第 ${foreign.seq} 张表的意见不在其报送包中`, 'INVALID');
  }
  return { sha256: sha256Hex(bytes), manifest, review, packages };
}
