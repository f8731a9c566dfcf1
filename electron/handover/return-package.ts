// The return package (shared/handover/return-manifest.ts): built, written (temp name,
// fsync, rename), read back, and opened from outside with every check before use:
// zip safety, manifest schema and version, the one member's size and SHA-256, return.json
// schema, and that return.json says what the manifest says.
import { join } from 'node:path';
import { APP_INFO } from '../app-info.ts';
import { HANDOVER_FORMAT, MEMBER_NAMES } from '../../shared/handover/manifest.ts';
import {
  RETURN_KIND,
  RETURN_MEMBER,
  RETURN_VERSION,
  returnDocSchema,
  returnFileName,
  returnManifestSchema,
  type ReturnDoc,
  type ReturnManifest,
} from '../../shared/handover/return-manifest.ts';
import { formatIssues } from '../../shared/model/issues.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { listZip, readZipEntry, zipFiles } from '../files/zip.ts';
import { PackageError, needsApp, openPackageGuarded, sha256Hex } from './package-read.ts';
import { TOO_MANY_CONTAINERS, tooManyContainers } from '../files/json-budget.ts';
import { verifyWritten } from './pack.ts';

export interface OpenedReturn {
  sha256: string;
  manifest: ReturnManifest;
  doc: ReturnDoc;
}

const LIMITS = { fileBytes: 20 * 1024 * 1024, memberBytes: 50 * 1024 * 1024, totalBytes: 60 * 1024 * 1024, entries: 4 };

const enc = new TextEncoder();
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A JSON member of a package (strict UTF-8), or a refusal naming the package kind. */
export function json(bytes: Uint8Array, name: string, kind = '退回包'): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new PackageError(`${kind}中的 ${name} 已损坏（不是有效的 UTF-8 文本）`, 'CORRUPT');
  }
  if (tooManyContainers(text)) throw new PackageError(`${kind}中的 ${name} ${TOO_MANY_CONTAINERS}`, 'TOO_COMPLEX');
  try {
    return JSON.parse(text);
  } catch {
    throw new PackageError(`${kind}中的 ${name} 已损坏（不是有效的 JSON 文本）`, 'CORRUPT');
  }
}

/** The bytes of a return package for one reviewed submission. */
export function buildReturnBytes(doc: ReturnDoc, unitName: string, submissionNo: number | null, now: Date): { bytes: Uint8Array; manifest: ReturnManifest; fileName: string } {
  const body = enc.encode(JSON.stringify(doc, null, 1));
  const manifest: ReturnManifest = {
    format: HANDOVER_FORMAT,
    formatVersion: RETURN_VERSION,
    kind: RETURN_KIND,
    appVersion: APP_INFO.version,
    requiresApp: APP_INFO.version,
    unit: { code: doc.unitCode, name: unitName },
    year: doc.year,
    submissionSha256: doc.submissionSha256,
    submissionNo,
    returnNo: doc.returnNo,
    createdAt: now.toISOString(),
    members: [{ name: RETURN_MEMBER, sha256: sha256Hex(body), size: body.length }],
  };
  const bytes = zipFiles([[MEMBER_NAMES.manifest, enc.encode(JSON.stringify(manifest, null, 1))], [RETURN_MEMBER, body]], now);
  return { bytes, manifest, fileName: returnFileName(doc.unitCode, unitName, doc.year, doc.returnNo) };
}

/** Writes the package into `outDir` atomically and verifies the file read back. */
export async function writeReturnPackage(outDir: string, built: { bytes: Uint8Array; fileName: string }): Promise<{ path: string; sha256: string }> {
  const path = join(outDir, built.fileName);
  await writeFileAtomic(path, built.bytes);
  await verifyWritten(path, built.bytes, (b) => void openReturnBytes(b));
  return { path, sha256: sha256Hex(built.bytes) };
}

/** Verifies and opens a return package. Throws PackageError (Chinese) for anything wrong. */
export function openReturnBytes(bytes: Uint8Array): OpenedReturn {
  return openPackageGuarded('退回包', bytes, LIMITS.fileBytes, openUnchecked);
}

function openUnchecked(bytes: Uint8Array): OpenedReturn {
  const entries = listZip(bytes, LIMITS);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const mEntry = byName.get(MEMBER_NAMES.manifest);
  if (!mEntry || mEntry.size > 64 * 1024) throw new PackageError('不是退回包：缺少 manifest.json（可能选错了文件）', 'NOT_PACKAGE');
  const raw = json(readZipEntry(bytes, mEntry), MEMBER_NAMES.manifest) as Record<string, unknown> | null;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || raw.format !== HANDOVER_FORMAT) {
    throw new PackageError('不是本程序的退回包', 'NOT_PACKAGE');
  }
  if (raw.kind !== RETURN_KIND) {
    if (typeof raw.formatVersion === 'number' && raw.formatVersion > RETURN_VERSION) {
      throw new PackageError(`文件格式版本 ${raw.formatVersion} 比本程序新，请升级程序${needsApp(raw)}`, 'VERSION');
    }
    throw new PackageError('这是报送包，不是退回包：报送包请由审核单位用“接收报送包”导入', 'WRONG_KIND');
  }
  if (raw.formatVersion !== RETURN_VERSION) {
    throw new PackageError(
      typeof raw.formatVersion === 'number' && raw.formatVersion > RETURN_VERSION
        ? `退回包格式版本 ${raw.formatVersion} 比本程序新（支持版本 ${RETURN_VERSION}），请升级程序${needsApp(raw)}`
        : `退回包格式版本不受支持（本程序支持版本 ${RETURN_VERSION}）`,
      'VERSION',
    );
  }
  const m = returnManifestSchema.safeParse(raw);
  if (!m.success) throw new PackageError(`退回包的 manifest.json 内容有误：\n${formatIssues(m.error.issues)}`, 'INVALID');
  const manifest = m.data;
  const member = manifest.members[0]!;
  for (const e of entries) {
    if (e.name !== MEMBER_NAMES.manifest && e.name !== RETURN_MEMBER) throw new PackageError(`退回包内有清单之外的文件“${e.name.slice(0, 80)}”，已拒绝`, 'EXTRA_MEMBER');
  }
  const entry = byName.get(RETURN_MEMBER);
  if (!entry) throw new PackageError(`退回包缺少文件“${RETURN_MEMBER}”，文件不完整`, 'MISSING_MEMBER');
  if (entry.size !== member.size) throw new PackageError(`退回包内“${RETURN_MEMBER}”的大小与清单不符，文件已损坏或被改动`, 'CHECKSUM');
  const body = readZipEntry(bytes, entry);
  if (sha256Hex(body) !== member.sha256) throw new PackageError(`退回包内“${RETURN_MEMBER}”的校验值（SHA-256）与清单不符，文件已损坏或被改动`, 'CHECKSUM');
  const d = returnDocSchema.safeParse(json(body, RETURN_MEMBER));
  if (!d.success) throw new PackageError(`退回包的 ${RETURN_MEMBER} 内容有误：\n${formatIssues(d.error.issues)}`, 'INVALID');
  const doc = d.data;
  if (doc.unitCode !== manifest.unit.code || doc.year !== manifest.year || doc.submissionSha256 !== manifest.submissionSha256 || doc.returnNo !== manifest.returnNo) {
    throw new PackageError('退回包的内容与清单不一致（单位、年度、报送版本或退回次数不同），已拒绝', 'INVALID');
  }
  const ids = new Set<string>();
  for (const t of doc.tables) {
    if (ids.has(t.projectId)) throw new PackageError(`退回包中同一张表出现了两次（${t.projectId}）`, 'INVALID');
    ids.add(t.projectId);
  }
  return { sha256: sha256Hex(bytes), manifest, doc };
}
