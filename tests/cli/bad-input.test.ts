// Bad input from outside: each case gets a clear Chinese error, a non-zero exit, and
// nothing stored changes (the database bytes are compared before and after).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSync, openSync, ftruncateSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, dbFingerprint, tempDir } from './helpers.ts';

const t = tempDir();
const db = join(t.dir, 'filings.sqlite');
afterAll(() => t.cleanup());

const unit = { code: '100001', name: '某县医疗保障局', supervisor: null, region: '', sample: false };
function goodProject(over: Record<string, unknown> = {}) {
  return {
    id: 'p1',
    templateId: 'A',
    unitCode: '100001',
    year: 2025,
    seq: 1,
    name: '办公经费',
    fundUse: '保障日常办公',
    periods: {
      annual: {
        funding: { total: 1_000_000, fiscal: 1_000_000, other: null },
        goal: '1.保障运转',
        indicators: [{ id: 'i1', level1: '产出指标', level2: '数量指标', name: '保障人数', value: '≥10人' }],
      },
    },
    ...over,
  };
}
function doc(projects: unknown[], units: unknown[] = [unit]) {
  return { format: 'jxmb-filings', version: 1, units, projects, deptTargets: [] };
}

async function expectRefused(file: string, contents: string | null, message: RegExp) {
  if (contents !== null) writeFileSync(file, contents);
  const before = dbFingerprint(db);
  const r = await cli(['import', file, '--db', db]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/^错误：/);
  expect(r.err).toMatch(message);
  expect(dbFingerprint(db)).toBe(before);
}

describe('bad input is refused and changes nothing', () => {
  beforeAll(async () => {
    writeFileSync(join(t.dir, 'seed.json'), JSON.stringify(doc([goodProject()])));
    expect((await cli(['import', join(t.dir, 'seed.json'), '--db', db])).code).toBe(0);
  });

  it('malformed JSON', async () => {
    await expectRefused(join(t.dir, 'bad.json'), '{"format": "jxmb-filings", version: 1}', /不是有效的 JSON（第 1 行附近）/);
  });

  it('millions of empty arrays (6 MB that would hang the parser at its memory limit)', async () => {
    const projects = `[${'[],'.repeat(2_000_000)}[]]`;
    await expectRefused(join(t.dir, 'arrays.json'), `{"format": "jxmb-filings", "version": 1, "units": [], "projects": ${projects}, "deptTargets": []}`, /结构过于复杂（数组和对象超过 200 万个）/);
  });

  it('truncated JSON', async () => {
    const full = JSON.stringify(doc([goodProject({ id: 'p2' })]), null, 2);
    await expectRefused(join(t.dir, 'cut.json'), full.slice(0, Math.floor(full.length / 2)), /不完整（被截断）/);
  });

  it('not an interchange file', async () => {
    await expectRefused(join(t.dir, 'other.json'), JSON.stringify({ hello: 'world' }), /不是本程序的交换文件/);
  });

  it('a newer format version', async () => {
    await expectRefused(join(t.dir, 'v9.json'), JSON.stringify({ ...doc([]), version: 9 }), /版本 9 比本程序新/);
  });

  it('an unknown template', async () => {
    await expectRefused(join(t.dir, 'tpl.json'), JSON.stringify(doc([goodProject({ id: 'p3', templateId: 'Q' })])), /未知的模板“Q”/);
  });

  it('wrong types', async () => {
    await expectRefused(join(t.dir, 'types.json'), JSON.stringify(doc([goodProject({ id: 'p4', year: '二〇二五' })])), /year（年度）：年度必须是数字/);
  });

  it('out-of-range and fractional money', async () => {
    const p = goodProject({ id: 'p5' }) as any;
    p.periods.annual.funding.total = -5;
    await expectRefused(join(t.dir, 'neg.json'), JSON.stringify(doc([p])), /金额不能为负数/);
    p.periods.annual.funding.total = 12.5;
    await expectRefused(join(t.dir, 'frac.json'), JSON.stringify(doc([p])), /以“分”为单位的整数/);
    p.periods.annual.funding.total = 1e20;
    await expectRefused(join(t.dir, 'huge.json'), JSON.stringify(doc([p])), /金额超出合理范围/);
  });

  it('a year out of range and a bad unit code', async () => {
    await expectRefused(join(t.dir, 'year.json'), JSON.stringify(doc([goodProject({ id: 'p6', year: 1899 })])), /年度须在 2000—2100 之间/);
    await expectRefused(join(t.dir, 'code.json'), JSON.stringify(doc([], [{ ...unit, code: '12345' }])), /单位编码必须是 6 位数字/);
  });

  it('one bad project among good ones: nothing of the file is stored', async () => {
    const good = goodProject({ id: 'p7' });
    const bad = goodProject({ id: 'p8', unitCode: '999999' });
    await expectRefused(join(t.dir, 'mixed.json'), JSON.stringify(doc([good, bad])), /单位 999999 不存在/);
    const r = await cli(['show', 'p7', '--db', db]);
    expect(r.code).toBe(2);
  });

  it('invalid UTF-8 is not replaced silently: the import says where and how often', async () => {
    const text = JSON.stringify(doc([goodProject({ id: 'p-utf8', name: '办公经费X' })]), null, 2);
    const bytes = Buffer.from(text);
    const at = bytes.indexOf(Buffer.from('X'));
    const file = join(t.dir, 'latin.json');
    writeFileSync(file, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xb0, 0xec]), bytes.subarray(at + 1)]));
    const line = text.slice(0, text.indexOf('办公经费X')).split('\n').length;
    const r = await cli(['import', file, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`中有 2 处不是有效的 UTF-8 编码（第一处在第 ${line} 行），已替换为“\ufffd”`);
    const shown = await cli(['show', 'p-utf8', '--db', db, '--json']);
    expect(shown.out).toContain('办公经费\ufffd\ufffd');
  });

  it('a file of 200 MB is refused before it is read', async () => {
    const big = join(t.dir, 'big.json');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 200 * 1024 * 1024); // sparse: sized like a 200 MB file
    closeSync(fd);
    await expectRefused(big, null, /文件过大：200\.0 MB/);
  });

  it('a missing file', async () => {
    await expectRefused(join(t.dir, 'nope.json'), null, /文件不存在/);
  });

  it('a database file that is not SQLite', async () => {
    const notDb = join(t.dir, 'notes.sqlite');
    writeFileSync(notDb, '这是一份会议纪要，不是数据库。\n'.repeat(200));
    const before = readFileSync(notDb);
    const r = await cli(['list', '--db', notDb]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/不是 SQLite 文件/);
    expect(readFileSync(notDb).equals(before)).toBe(true);
  });

  it('a corrupt database', async () => {
    const c = join(t.dir, 'corrupt.sqlite');
    expect((await cli(['demo', '--db', c])).code).toBe(0);
    const bytes = readFileSync(c);
    // Overwrite pages in the middle of the file (past the header and schema page).
    for (let i = 8192; i < Math.min(bytes.length - 4096, 8192 * 6); i++) bytes[i] = (i * 31) & 0xff;
    writeFileSync(c, bytes);
    const r = await cli(['list', '--db', c]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/数据库文件已损坏/);
    expect(readFileSync(c).equals(bytes)).toBe(true);
  });
});

describe('a bad package on the command line', () => {
  it('inspect and import-package refuse a file that is not a package, in Chinese, storing nothing', async () => {
    const fake = join(t.dir, '假的报送包.jxmb');
    writeFileSync(fake, 'PK\u0003\u0004 这不是报送包');
    const before = dbFingerprint(db);
    const inspected = await cli(['inspect', fake, '--db', db]);
    expect(inspected.code).toBe(2);
    expect(inspected.err).toMatch(/^错误：报送包已损坏或不安全/);
    expect(inspected.err).not.toMatch(/内部错误|at \w+ \(/);
    // import-package reports each file, refused ones with the reason, and exits non-zero.
    const imported = await cli(['import-package', fake, '--db', db]);
    expect(imported.code).toBe(2);
    expect(imported.out).toMatch(/未导入：报送包已损坏或不安全/);
    expect(imported.err).toBe('');
    expect(dbFingerprint(db)).toBe(before);
  });
});
