// Opens a handover package from outside and verifies everything before anything is
// used: zip structure (safe names, bounded inflation, CRC), manifest schema and version,
// exactly the members the manifest lists, each member's size and SHA-256, the
// interchange document, and that every filing belongs to the manifest's unit-year.
import { createHash } from 'node:crypto';
import {
  HANDOVER_FORMAT,
  HANDOVER_READS,
  HANDOVER_VERSION,
  MEMBER_NAMES,
  V2_MEMBERS,
  PACKAGE_LIMITS,
  auditMemberSchema,
  handoverManifestSchema,
  type AuditMember,
  type HandoverManifest,
} from '../../shared/handover/manifest.ts';
import { yearlyMemberSchema, yearlyProblems, type YearlyMember } from '../../shared/handover/extras.ts';
import { unitYearSettingsSchema, type UnitYearSettings } from '../../shared/settings/unit-year.ts';
import { InterchangeError, parseInterchange, type InterchangeDoc } from '../../shared/interchange/format.ts';
import { formatIssues } from '../../shared/model/issues.ts';
import { ArchiveError, listZip, readZipEntry } from '../files/zip.ts';
import { readFileLimited } from '../files/read-limited.ts';
import { UserError } from '../user-error.ts';
import { TOO_MANY_CONTAINERS, tooManyContainers } from '../files/json-budget.ts';

export class PackageError extends UserError {
  override name = 'PackageError';
  constructor(message: string, code = 'INVALID') {
    super(message, code);
  }
}

export interface OpenedPackage {
  sha256: string;
  size: number;
  manifest: HandoverManifest;
  doc: InterchangeDoc;
  audit: AuditMember;
  book: Uint8Array | null;
  /** Version 2, optional: the yearly forms and the unit-year's settings record (null: not in the package). */
  yearly: YearlyMember | null;
  settings: UnitYearSettings | null;
}

export const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJsonMember(bytes: Uint8Array, name: string): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new PackageError(`报送包中的 ${name} 不是有效的 UTF-8 文本`, 'CORRUPT');
  }
  if (tooManyContainers(text)) throw new PackageError(`报送包中的 ${name} ${TOO_MANY_CONTAINERS}`, 'TOO_COMPLEX');
  try {
    return JSON.parse(text);
  } catch {
    throw new PackageError(`报送包中的 ${name} 不是有效的 JSON（文件已损坏）`, 'CORRUPT');
  }
}

/** `（需要 1.2.0 或更新版本）` from a newer manifest's `requiresApp`, else ''. */
export function needsApp(m: Record<string, unknown>): string {
  const v = m.requiresApp;
  return typeof v === 'string' && /^[0-9][0-9A-Za-z.+-]{0,39}$/.test(v) ? `（需要 ${v} 或更新版本）` : '';
}

/** yearly.json and settings.json of a version-2 package, validated against its own filings. */
function readExtras(contents: Map<string, Uint8Array>, manifest: HandoverManifest, doc: InterchangeDoc): Pick<OpenedPackage, 'yearly' | 'settings'> {
  const { code } = manifest.unit;
  let yearly: YearlyMember | null = null;
  const y = contents.get(MEMBER_NAMES.yearly);
  if (y) {
    const r = yearlyMemberSchema.safeParse(parseJsonMember(y, MEMBER_NAMES.yearly));
    if (!r.success) throw new PackageError(`报送包的 yearly.json（绩效运行监控表和绩效自评表）内容有误：\n${formatIssues(r.error.issues)}`, 'INVALID');
    const problems = yearlyProblems(r.data, code, manifest.year, doc.projects);
    if (problems.length) throw new PackageError(`报送包中的绩效运行监控表和绩效自评表与填报数据不一致：${problems.join('；')}`, 'INVALID');
    yearly = r.data;
  }
  let settings: UnitYearSettings | null = null;
  const s = contents.get(MEMBER_NAMES.settings);
  if (s) {
    const r = unitYearSettingsSchema.safeParse(parseJsonMember(s, MEMBER_NAMES.settings));
    if (!r.success) throw new PackageError(`报送包的 settings.json（单位年度设置）内容有误：\n${formatIssues(r.error.issues)}`, 'INVALID');
    if (r.data.unitCode !== code || r.data.year !== manifest.year) {
      throw new PackageError(`报送包的单位年度设置属于 ${r.data.unitCode} ${r.data.year} 年度，不属于本包的 ${code} ${manifest.year} 年度`, 'INVALID');
    }
    settings = r.data;
  }
  return { yearly, settings };
}

/** Reads a package file with the size limit; Chinese errors. */
export function readPackageFile(path: string): Promise<Uint8Array> {
  return readFileLimited(path, {
    maxBytes: PACKAGE_LIMITS.fileBytes,
    tooLarge: (size) =>
      new PackageError(`报送包过大（${(size / 1024 / 1024).toFixed(0)} MB，上限 ${PACKAGE_LIMITS.fileBytes / 1024 / 1024} MB）`, 'TOO_LARGE'),
    empty: () => new PackageError(`报送包“${path}”是空文件（可能复制未完成）`, 'TRUNCATED'),
  });
}

/**
 * Opens a package of any kind (报送包, 退回包, 转报包) held in memory with `open`: too large, a
 * broken or unsafe archive, bad filings and anything else thrown reading hostile bytes all
 * become a PackageError naming the kind — a refusal, never a crash.
 */
export function openPackageGuarded<T>(noun: string, bytes: Uint8Array, maxBytes: number, open: (bytes: Uint8Array) => T): T {
  if (bytes.length > maxBytes) throw new PackageError(`${noun}过大`, 'TOO_LARGE');
  try {
    return open(bytes);
  } catch (e) {
    if (e instanceof PackageError) throw e;
    if (e instanceof ArchiveError) throw new PackageError(`${noun}已损坏或不安全：${e.message}`, e.code);
    if (e instanceof InterchangeError) throw new PackageError(`${noun}中的填报数据有误：${e.message}`, 'INVALID');
    throw new PackageError(`${noun}无法读取：${e instanceof Error ? e.message : String(e)}`, 'CORRUPT');
  }
}

/** Verifies and opens a package held in memory. Throws PackageError. */
export function openPackageBytes(bytes: Uint8Array): OpenedPackage {
  return openPackageGuarded('报送包', bytes, PACKAGE_LIMITS.fileBytes, openUnchecked);
}

function openUnchecked(bytes: Uint8Array): OpenedPackage {
  const entries = listZip(bytes, PACKAGE_LIMITS);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const mEntry = byName.get(MEMBER_NAMES.manifest);
  if (!mEntry) throw new PackageError('不是报送包：缺少 manifest.json（可能选错了文件）', 'NOT_PACKAGE');
  if (mEntry.size > PACKAGE_LIMITS.manifestBytes) throw new PackageError('报送包的 manifest.json 过大', 'TOO_LARGE');
  const rawManifest = parseJsonMember(readZipEntry(bytes, mEntry), MEMBER_NAMES.manifest);
  const m = rawManifest as Record<string, unknown> | null;
  if (typeof m !== 'object' || m === null || Array.isArray(m) || m.format !== HANDOVER_FORMAT) {
    throw new PackageError(`不是本程序的报送包（manifest.json 的 format 应为 ${HANDOVER_FORMAT}）`, 'NOT_PACKAGE');
  }
  if (m.kind === 'return') throw new PackageError('这是审核单位的退回包，不是报送包：请由填报单位用“导入退回包”打开', 'WRONG_KIND');
  if (typeof m.formatVersion === 'number' && !HANDOVER_READS.includes(m.formatVersion)) {
    throw new PackageError(
      m.formatVersion > HANDOVER_VERSION
        ? `报送包格式版本 ${m.formatVersion} 比本程序新（支持版本 ${HANDOVER_READS.join('、')}），请升级程序${needsApp(m)}`
        : `报送包格式版本 ${m.formatVersion} 不受支持（本程序支持版本 ${HANDOVER_READS.join('、')}）`,
      'VERSION',
    );
  }
  const parsed = handoverManifestSchema.safeParse(rawManifest);
  if (!parsed.success) throw new PackageError(`报送包的 manifest.json 内容有误：\n${formatIssues(parsed.error.issues)}`, 'INVALID');
  const manifest = parsed.data;

  const listed = new Map(manifest.members.map((x) => [x.name, x]));
  if (listed.size !== manifest.members.length) throw new PackageError('manifest.json 中有重复的成员文件', 'INVALID');
  if (listed.has(MEMBER_NAMES.manifest)) throw new PackageError('manifest.json 不应列出它自己', 'INVALID');
  for (const e of entries) {
    if (e.name === MEMBER_NAMES.manifest) continue;
    if (!listed.has(e.name)) throw new PackageError(`报送包内有清单之外的文件“${e.name.slice(0, 80)}”，已拒绝`, 'EXTRA_MEMBER');
  }
  for (const name of listed.keys()) {
    if (!byName.has(name)) throw new PackageError(`报送包缺少文件“${name}”（清单中有，包内没有）`, 'MISSING_MEMBER');
  }
  if (manifest.formatVersion === 1) {
    const v2 = manifest.members.find((x) => V2_MEMBERS.includes(x.name));
    if (v2) throw new PackageError(`版本 1 的报送包不应含有“${v2.name}”（版本 2 才有），已拒绝`, 'EXTRA_MEMBER');
  }
  for (const required of [MEMBER_NAMES.filings, MEMBER_NAMES.audit]) {
    if (!listed.has(required)) throw new PackageError(`报送包缺少必需的文件“${required}”`, 'MISSING_MEMBER');
  }
  const contents = new Map<string, Uint8Array>();
  for (const [name, member] of listed) {
    const e = byName.get(name)!;
    if (e.size !== member.size) {
      throw new PackageError(`报送包内“${name}”的大小（${e.size} 字节）与清单（${member.size} 字节）不符，文件已损坏或被改动`, 'CHECKSUM');
    }
    const data = readZipEntry(bytes, e);
    if (sha256Hex(data) !== member.sha256) {
      throw new PackageError(`报送包内“${name}”的校验值（SHA-256）与清单不符，文件已损坏或被改动`, 'CHECKSUM');
    }
    contents.set(name, data);
  }

  const doc = parseInterchange(parseJsonMember(contents.get(MEMBER_NAMES.filings)!, MEMBER_NAMES.filings));
  const u = manifest.unit;
  const problems: string[] = [];
  if (doc.units.length !== 1 || doc.units[0]?.code !== u.code) problems.push(`应恰好包含单位 ${u.code}`);
  else if (doc.units[0].name !== u.name) problems.push(`单位名称“${doc.units[0].name}”与清单中的“${u.name}”不符`);
  if (doc.projects.length !== manifest.projectCount) problems.push(`项目数 ${doc.projects.length} 与清单（${manifest.projectCount}）不符`);
  for (const p of doc.projects) {
    if (p.unitCode !== u.code || p.year !== manifest.year) {
      problems.push(`项目“${p.name || p.id}”属于 ${p.unitCode} ${p.year} 年，不属于本包的 ${u.code} ${manifest.year} 年`);
      break;
    }
    if (p.templateId !== manifest.templateId) {
      problems.push(`项目“${p.name || p.id}”的模板 ${p.templateId} 与清单（${manifest.templateId}）不符`);
      break;
    }
  }
  for (const d of doc.deptTargets) {
    if (d.unitCode !== u.code || d.year !== manifest.year) problems.push('部门整体绩效目标不属于本包的单位年度');
  }
  if (problems.length) throw new PackageError(`报送包中的填报数据与清单不一致：${problems.join('；')}`, 'INVALID');

  const auditParsed = auditMemberSchema.safeParse(parseJsonMember(contents.get(MEMBER_NAMES.audit)!, MEMBER_NAMES.audit));
  if (!auditParsed.success) throw new PackageError(`报送包的 audit.json 内容有误：\n${formatIssues(auditParsed.error.issues)}`, 'INVALID');

  return {
    sha256: sha256Hex(bytes),
    size: bytes.length,
    manifest,
    doc,
    audit: auditParsed.data,
    book: contents.get(MEMBER_NAMES.book) ?? null,
    ...readExtras(contents, manifest, doc),
  };
}
