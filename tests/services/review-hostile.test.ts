// Hostile return packages on the unit's side: tampered, truncated, for another unit or year,
// for a submission the unit never made, replayed after a newer return, a newer format, the
// wrong kind of package. Each is refused in Chinese and nothing stored changes.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { importReturn } from '../../electron/services/review-return.ts';
import { setTableReview, writeReturn } from '../../electron/services/review.ts';
import { openPackageBytes } from '../../electron/handover/package-read.ts';
import { snapshot, tempDirs } from '../handover/helpers.ts';
import { forge, submitAndReturn, twoSides, decideDept } from './review-helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('hostile return packages', () => {
  it('are refused with a Chinese message and change nothing stored', async () => {
    const s = await twoSides(dirs.make());
    try {
      const { bytes, submissionSha256 } = await submitAndReturn(s);
      // A second return for the same submission (the reviewer changed her mind).
      for (const t of s.recv.projectsOfUnitYear(s.unitCode, s.year)) setTableReview(s.recv, { projectId: t.id, verdict: 'pass', reviewer: '张审核' });
      decideDept(s.recv, s.unitCode, s.year);
      const second = new Uint8Array(fs.readFileSync((await writeReturn(s.recv, s.unitCode, s.year, s.stick, '张审核')).path));
      expect(importReturn(s.unit, second)).toMatchObject({ returnNo: 2 });
      const before = snapshot(s.unitDb);
      const submission = fs.readdirSync(s.stick).find((f) => !f.includes('退回'))!;

      const cases: Array<[string, Uint8Array, RegExp | string]> = [
        ['replayed after a newer return', bytes, '已导入过更新的退回包（第 2 次退回），这个包（第 1 次）已过时，不能导入'],
        ['tampered', forge(bytes, (d) => (d.reviewer = '李审核'), false), '退回包内“return.json”的校验值（SHA-256）与清单不符，文件已损坏或被改动'],
        ['truncated', bytes.slice(0, Math.floor(bytes.length * 0.6)), /^退回包已损坏或不安全：/],
        ['empty', new Uint8Array(0), /^退回包已损坏或不安全：/],
        ['another unit', forge(bytes, (d, m) => ((d.unitCode = '382201'), (m.unit.code = '382201'), d.dept && (d.dept.projectId = `dept:382201:${s.year}`))), /^这个退回包是给单位 382201（.+）的，本机没有该单位自己填报的数据，不能导入$/],
        ['another year', forge(bytes, (d, m) => ((d.year = s.year + 1), (m.year = s.year + 1), (d.returnNo = 9), (m.returnNo = 9), d.dept && (d.dept.projectId = `dept:${s.unitCode}:${s.year + 1}`))), /^本单位 2026 年度没有报送过这个版本（校验值 [0-9a-f]{12}…）/],
        ['a submission never made', forge(bytes, (d, m) => ((d.submissionSha256 = 'a'.repeat(64)), (m.submissionSha256 = 'a'.repeat(64)), (d.returnNo = 9), (m.returnNo = 9))), /没有报送过这个版本（校验值 aaaaaaaaaaaa…）/],
        ['a table not in the submission', forge(bytes, (d, m) => ((d.tables[0].projectId = 'p-forged'), (d.returnNo = 9), (m.returnNo = 9))), /^退回包中的第 \d+ 张表“.*”不在第 1 次报送中，不能导入$/],
        ['manifest and body disagree', forge(bytes, (d) => (d.returnNo = 9)), '退回包的内容与清单不一致（单位、年度、报送版本或退回次数不同），已拒绝'],
        ['a comment too long', forge(bytes, (d, m) => ((d.tables[0].comments = [{ id: 'c1', path: '', text: '长'.repeat(2001), author: '张', createdAt: m.createdAt }]), (d.returnNo = 9), (m.returnNo = 9))), /意见不能超过 2000 字/],
        ['a newer format', forge(bytes, (_d, m) => ((m.formatVersion = 3), (m.requiresApp = '9.1.0'))), '退回包格式版本 3 比本程序新（支持版本 2），请升级程序（需要 9.1.0 或更新版本）'],
        ['a submission package', new Uint8Array(fs.readFileSync(`${s.stick}/${submission}`)), '这是报送包，不是退回包：报送包请由审核单位用“接收报送包”导入'],
      ];
      for (const [what, b, message] of cases) {
        let err: unknown;
        try {
          importReturn(s.unit, b);
        } catch (e) {
          err = e;
        }
        expect(err, what).toBeInstanceOf(Error);
        if (typeof message === 'string') expect((err as Error).message, what).toBe(message);
        else expect((err as Error).message, what).toMatch(message);
      }
      expect(snapshot(s.unitDb)).toEqual(before);
      expect(submissionSha256).toMatch(/^[0-9a-f]{64}$/);
      // The submission reader, meeting a return package, says what it is.
      expect(() => openPackageBytes(bytes)).toThrow('这是审核单位的退回包，不是报送包：请由填报单位用“导入退回包”打开');
    } finally {
      s.close();
    }
  });
});
