// Two levels with three real SQLite files (unit, 主管部门, 财政局): the 主管部门 reviews and
// forwards the unit's submission unchanged with its review (the forward is recorded); the
// 财政局 receives it, sees the 主管部门's review as comments, returns; the 主管部门 imports
// that return (only about a submission it forwarded), sees it in its review panel and passes
// it down; the unit imports it. Hostile forward packages change nothing.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { submitToFolder } from '../../electron/services/submit.ts';
import { importPackageFile } from '../../electron/handover/receive.ts';
import { addComment, setTableReview, writeReturn } from '../../electron/services/review.ts';
import { importReturn, tableComments, tableHistory } from '../../electron/services/review-return.ts';
import { forwardsOf, importUpperReturn, upperReturns, upperTableView } from '../../electron/services/review-upper.ts';
import { buildForward, importForward, recordForward } from '../../electron/services/review-forward.ts';
import { zipFiles } from '../../electron/files/zip.ts';
import { buildReturnBytes, openReturnBytes } from '../../electron/handover/return-package.ts';
import { tempDirs } from '../handover/helpers.ts';
import { decideAll, decideDept, submitReceived, threeSides } from './review-helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('two levels: 主管部门 → 财政局 and back', () => {
  it('forwards the submission unchanged with the 主管部门 review; the 财政局 return reaches the unit', async () => {
    const s = await threeSides(dirs.make());
    const { unit, recv: sup, bureau, stick, down, unitCode, year } = s;
    try {
      const sub = await submitReceived(s);
      const subBytes = new Uint8Array(fs.readFileSync(sub.path));
      const tables = sup.projectsOfUnitYear(unitCode, year);
      // Not yet decided: refused.
      expect(() => buildForward(sup, [subBytes], '李科长')).toThrow(/没有审核结论/);
      const c = addComment(sup, { projectId: tables[0]!.id, path: 'fundUse', text: '资金用途请细化', author: '李科长' });
      setTableReview(sup, { projectId: tables[0]!.id, grade: '良', criteria: { 可行性: '进度安排偏紧' }, criteriaGrades: { 可行性: '中' }, verdict: 'return', reviewer: '李科长' });
      for (const t of tables.slice(1)) setTableReview(sup, { projectId: t.id, verdict: 'pass', reviewer: '李科长' });
      decideDept(sup, unitCode, year, 'pass', '李科长');
      expect(() => buildForward(sup, [new Uint8Array([1, 2, 3])], '李科长')).toThrow(/报送包/);
      const fwd = buildForward(sup, [subBytes], '李科长', new Date('2026-12-02T08:00:00Z'));
      expect(fwd.fileName).toMatch(/^绩效目标转报_.+_2025\.jxmb$/);
      // Built is not yet forwarded; recorded once verified: which submission, the package's hash.
      expect(forwardsOf(sup, unitCode, year)).toEqual([]);
      const { sha256: fwdSha } = recordForward(sup, fwd);
      expect(forwardsOf(sup, unitCode, year)).toEqual([
        { sha256: fwdSha, submissionSha256: sub.sha256, submissionNo: 1, supervisor: '唐山市医疗保障局', reviewer: '李科长', createdAt: '2026-12-02T08:00:00.000Z', recordedAt: expect.any(String) },
      ]);
      expect(tableHistory(sup, tables[0]!.id).map((e) => [e.label, e.sha256])).toEqual([
        ['提交 1', sub.sha256],
        ['转报', fwdSha],
      ]);

      // The 财政局: hostile variants first — nothing stored.
      const tampered = Uint8Array.from(fwd.bytes);
      tampered[Math.floor(tampered.length / 2)]! ^= 0xff;
      expect(() => importForward(bureau, tampered, 'x.jxmb')).toThrow(/转报包/);
      const ret0 = await writeReturn(sup, unitCode, year, stick, '李科长');
      expect(() => importForward(bureau, new Uint8Array(fs.readFileSync(ret0.path)), 'r.jxmb')).toThrow('这是退回包，不是转报包');
      expect(() => importForward(bureau, zipFiles([['manifest.json', new TextEncoder().encode('{"format":"jxmb-handover","formatVersion":9,"kind":"forward"}')]]), 'v.jxmb')).toThrow(/比本程序新/);
      expect(bureau.received.list({})).toEqual([]);

      const report = importForward(bureau, fwd.bytes, fwd.fileName);
      expect(report[0]).toMatch(/^转报包：.+，2025 年度，1 个单位$/);
      expect(report[1]).toMatch(/：已导入$/);
      expect(report[2]).toMatch(/初审意见 \d+ 条（1 张表初审退回修改）/);
      // Same bytes as the unit made: same hash.
      expect(bureau.received.current(unitCode, year)!.sha256).toBe(sub.sha256);
      const seen = bureau.reviews.comments(unitCode, year).filter((x) => x.projectId === tables[0]!.id);
      expect(seen.map((x) => [x.path, x.text])).toEqual([
        ['', expect.stringMatching(/^唐山市医疗保障局初审：退回修改，等级 良；.*可行性（中）：进度安排偏紧$/)],
        ['fundUse', '资金用途请细化'],
      ]);
      expect(seen[1]!.author).toMatch(/·李科长$/);
      expect(seen[1]!.id).not.toBe(c.id);
      // Again: the repeat adds nothing.
      importForward(bureau, fwd.bytes, fwd.fileName);
      expect(bureau.reviews.comments(unitCode, year).filter((x) => x.projectId === tables[0]!.id)).toHaveLength(2);

      // The 财政局 decides and returns; the file goes down through the 主管部门 to the unit.
      for (const t of tables) setTableReview(bureau, { projectId: t.id, verdict: t.id === tables[0]!.id ? 'return' : 'pass', reviewer: '财政局王' });
      decideDept(bureau, unitCode, year, 'pass', '财政局王');
      const ret = await writeReturn(bureau, unitCode, year, down, '财政局王');
      const r = importReturn(unit, new Uint8Array(fs.readFileSync(ret.path)));
      expect(r).toMatchObject({ submissionNo: 1, returned: 1 });
      expect(unit.getProject(tables[0]!.id)!.status).toBe('returned');

      // The 主管部门 imports the 财政局's returns about the submission it received: recorded as an
      // event of the unit-year, shown in the table's history; refusals change nothing.
      const ret2 = await writeReturn(bureau, unitCode, year, down, '财政局王');
      const [bytes1, bytes2] = [ret.path, ret2.path].map((f) => new Uint8Array(fs.readFileSync(f)));
      const events = () => sup.auditLog().length;
      const before = events();
      const bad = Uint8Array.from(bytes2!);
      bad[Math.floor(bad.length / 2)]! ^= 0xff;
      expect(() => importUpperReturn(sup, bad)).toThrow(/退回包/);
      expect(() => importUpperReturn(unit, bytes2!)).toThrow(`这个退回包是给单位 ${unitCode}`);
      expect(() => importUpperReturn(sup, new Uint8Array(fs.readFileSync(ret0.path)))).toThrow('这是本机写出的退回包，不是上级的审核意见，不能导入');
      // Well-formed returns about a submission the 主管部门 does not hold, or naming a table outside it.
      const doc2 = openReturnBytes(bytes2!).doc;
      const craft = (d: typeof doc2) => buildReturnBytes(d, '某单位', 1, new Date('2026-12-03T00:00:00Z')).bytes;
      expect(() => importUpperReturn(sup, craft({ ...doc2, submissionSha256: '0'.repeat(64) }))).toThrow(`本机没有接收过 ${unitCode}`);
      expect(() => importUpperReturn(sup, craft({ ...doc2, tables: [{ ...doc2.tables[0]!, projectId: 'no-such-table' }] }))).toThrow('不在该次报送中，不能导入');
      expect(events()).toBe(before);
      expect(importUpperReturn(sup, bytes2!)).toEqual({ unitCode, year, returnNo: 2, returned: 1, passed: tables.length - 1 });
      expect(() => importUpperReturn(sup, bytes2!)).toThrow('这个上级退回包已经导入过了');
      expect(() => importUpperReturn(sup, bytes1!)).toThrow('已导入过更新的上级退回包（第 2 次退回），这个包（第 1 次）已过时，不能导入');
      expect(events()).toBe(before + 1);
      const [up] = upperReturns(sup, unitCode, year);
      expect(up!.sha256).toBe(ret2.sha256);
      expect(up!.doc.reviewer).toBe('财政局王');
      expect(up!.doc.tables.find((t) => t.projectId === tables[0]!.id)!.verdict).toBe('return');
      expect(tableHistory(sup, tables[0]!.id).map((e) => e.label)).toEqual(['提交 1', '转报', '退回', '上级退回']);
      expect(tableHistory(sup, tables[1]!.id).at(-1)).toMatchObject({ label: '上级通过', sha256: ret2.sha256 });

      // The 主管部门's review panel: the 财政局's decision per table, not yet passed down.
      const seenUp = upperTableView(sup, tables[0]!.id)!;
      expect(seenUp).toMatchObject({ returnNo: 2, sha256: ret2.sha256, reviewer: '财政局王', submissionNo: 1, current: true, verdict: 'return', passedDown: null });
      // Its comments: the 主管部门's own that came up with the forward are marked, not passed down again.
      expect(seenUp.comments.map((x) => [x.text, x.own])).toEqual([
        [expect.stringMatching(/^唐山市医疗保障局初审：退回修改/), true],
        ['资金用途请细化', true],
      ]);
      expect(upperTableView(sup, tables[1]!.id)).toMatchObject({ verdict: 'pass', comments: [expect.objectContaining({ own: true })] });
      expect(() => upperTableView(unit, tables[0]!.id)).toThrow('只有接收到的表才有财政局的审核意见');

      // Passed down: the 主管部门's next return to the unit carries the 财政局's decision and
      // comments, marked as the 财政局's, beside its own; the unit imports it and sees both.
      const mine = await writeReturn(sup, unitCode, year, down, '李科长');
      const got = importReturn(unit, new Uint8Array(fs.readFileSync(mine.path)));
      expect(got).toMatchObject({ returnNo: 2, submissionNo: 1 });
      expect(upperTableView(sup, tables[0]!.id)!.passedDown).toEqual({ returnNo: 2, sha256: mine.sha256, at: expect.any(String) });
      const seenByUnit = tableComments(unit, tables[0]!.id)!.comments.map((x) => [x.author, x.text]);
      expect(seenByUnit).toEqual([
        ['李科长', '资金用途请细化'],
        ['财政局·财政局王', '【财政局】审核结论：退回修改，等级 优；完整性（优）；相关性（优）；适当性（优）；可行性（优）'],
      ]);
      expect(tableComments(unit, tables[1]!.id)!.comments.map((x) => x.text)).toEqual([expect.stringMatching(/^【财政局】审核结论：通过/)]);
    } finally {
      s.close();
    }
  });
  it('refuses the 财政局 return about a submission the unit has since superseded, storing nothing', async () => {
    const s = await threeSides(dirs.make());
    const { unit, recv: sup, bureau, stick, down, unitCode, year } = s;
    try {
      const sub1 = await submitReceived(s, new Date('2026-03-01T08:00:00Z'));
      decideAll(sup, s, 'pass', '李科长');
      const fwd = buildForward(sup, [new Uint8Array(fs.readFileSync(sub1.path))], '李科长');
      recordForward(sup, fwd);
      importForward(bureau, fwd.bytes, fwd.fileName);
      decideAll(bureau, s, 'return', '财政局王');
      const ret = await writeReturn(bureau, unitCode, year, down, '财政局王');

      // Meanwhile the unit submits again and the 主管部门 takes the newer version as current.
      const sub2 = await submitToFolder(unit, { unitCode, year, outDir: stick, book: null, now: () => new Date('2026-03-05T08:00:00Z') });
      expect(sub2.submissionNo).toBe(2);
      expect((await importPackageFile(sup, sub2.path, { noBackup: true })).outcome).not.toBe('duplicate');
      expect(sup.received.current(unitCode, year)!.sha256).toBe(sub2.sha256);

      const events = sup.auditLog().length;
      expect(() => importUpperReturn(sup, new Uint8Array(fs.readFileSync(ret.path)))).toThrow(`这个退回包针对 ${unitCode}`);
      expect(() => importUpperReturn(sup, new Uint8Array(fs.readFileSync(ret.path)))).toThrow(/已被新版本取代的报送（第 1 次）/);
      expect(sup.auditLog().length).toBe(events);
      expect(upperReturns(sup, unitCode, year)).toEqual([]);
    } finally {
      s.close();
    }
  });
  it('refuses a 财政局 return about a submission this 主管部门 never forwarded, storing nothing', async () => {
    const s = await threeSides(dirs.make());
    const { unit, recv: sup, bureau, down, unitCode, year } = s;
    try {
      const sub = await submitReceived(s);
      decideAll(sup, s, 'pass', '李科长');
      // The 财政局 got the unit's submission some other way (the unit's own stick), and returns it.
      await importPackageFile(bureau, sub.path, { noBackup: true });
      decideAll(bureau, s, 'return', '财政局王');
      const ret = await writeReturn(bureau, unitCode, year, down, '财政局王');
      const bytes = new Uint8Array(fs.readFileSync(ret.path));

      const events = sup.auditLog().length;
      const refusal = `本机没有把 ${unitCode}（${unit.getUnit(unitCode)!.name}）${year} 年度的这个报送版本（第 1 次，校验值 ${sub.sha256.slice(0, 8)}…）转报给财政局，不能作为财政局的意见导入`;
      expect(() => importUpperReturn(sup, bytes)).toThrow(refusal);
      // A forward package built but never handed over (not recorded) does not count either.
      const fwd = buildForward(sup, [new Uint8Array(fs.readFileSync(sub.path))], '李科长');
      expect(() => importUpperReturn(sup, bytes)).toThrow(refusal);
      expect(sup.auditLog().length).toBe(events);
      expect(upperReturns(sup, unitCode, year)).toEqual([]);
      expect(upperTableView(sup, sup.projectsOfUnitYear(unitCode, year)[0]!.id)).toBeNull();

      // Once the forward is recorded, the same return is taken.
      recordForward(sup, fwd);
      expect(importUpperReturn(sup, bytes)).toMatchObject({ unitCode, year, returnNo: 1 });
      expect(upperReturns(sup, unitCode, year)).toHaveLength(1);
    } finally {
      s.close();
    }
  });
});
