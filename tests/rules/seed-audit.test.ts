// The 审核 engine over the published seed documents: it must find the real defects they
// contain, raise no 错误 anywhere else, and any change in what it reports shows up in the
// counts snapshot below.
import { describe, expect, it } from 'vitest';
import { loadSeedCorpus } from '../../tools/seed-corpus.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { applyFix, auditUnitYear, validateProject, type Finding, type UnitYearReport } from '../../shared/rules/index.ts';

const corpus = loadSeedCorpus();

/** One audit per seed book (a department book may span several budget units). */
const reports = new Map<string, UnitYearReport>(
  corpus.map((c) => {
    const t = getTemplate(c.templateId);
    if (!t) throw new Error(`template ${c.templateId}`);
    return [c.seed, auditUnitYear(c.projects, c.deptTargets[0] ?? null, t)];
  }),
);
const all: Finding[] = [...reports.values()].flatMap((r) => r.findings);

function project(seed: string, seq: number) {
  const c = corpus.find((x) => x.seed === seed)!;
  const p = c.projects.find((x) => x.seq === seq);
  if (!p) throw new Error(`seed ${seed} table ${seq}`);
  return p;
}
function findingsOf(seed: string, seq: number): Finding[] {
  return reports.get(seed)!.byProject[project(seed, seq).id] ?? [];
}
const codesOf = (fs: Finding[]) => fs.map((f) => f.code);

describe('seed audit: the real defects are found', () => {
  it('seed 000 table 42 has no 用途, no goal and no indicators', () => {
    const f = findingsOf('000', 42);
    expect(codesOf(f).sort()).toEqual(['R-IND-NONE', 'R-REQUIRED', 'R-REQUIRED']);
    expect(f.map((x) => x.message)).toEqual(
      expect.arrayContaining([
        '「新冠患者和一线医务人员救治费用财政补助」第 42 张表 没有填写任何绩效指标',
        '「新冠患者和一线医务人员救治费用财政补助」第 42 张表 的“资金用途”未填写',
        '「新冠患者和一线医务人员救治费用财政补助」第 42 张表 的“绩效目标”未填写',
      ]),
    );
  });

  it('cost ceilings above the project budget, compared in 分 after converting 元/万元', () => {
    const costErrors = all.filter((f) => f.code === 'R-COST-BUDGET');
    expect(costErrors.map((f) => `${f.location.projectId} ${f.location.row}`)).toEqual([
      'seed000-07 0', // ≤5万元 on a 0.29 万元 project
      'seed000-36 0', // ≤79.51万元 on 79.33 万元
      'seed000-46 0', // “不超过预算资金” ≤4.2万元 on 4.11 万元
    ]);
    expect(costErrors[0]!.message).toBe(
      '「医疗服务与保障能力提升-01中央直达资金-2023年医疗服务与保障能力提升补助资金（第二批）」第 7 张表 ' +
        '产出指标/成本指标/“医保政策社会稳定性评估和网络舆情风险评估” 的指标值 “≤5万元”（即 5.00 万元）' +
        '超过本表“预算数” 0.29 万元，请核对金额或单位（元/万元）',
    );
    // Seed 002 writes ceilings in 元 on 万元 tables: <101000元 on 10.10 万元 is equal, not over.
    const p29 = project('002', 29);
    expect(p29.periods.annual!.funding.total).toBe(10_100_000);
    expect(p29.periods.annual!.indicators.some((r) => r.value === '<101000元')).toBe(true);
    expect(codesOf(findingsOf('002', 29))).not.toContain('R-COST-BUDGET');
  });

  it('the impossible date 1002025年12月31日 (seed 002 table 33)', () => {
    const [f] = findingsOf('002', 33).filter((x) => x.code === 'R-DATE-INVALID');
    expect(f).toBeDefined();
    expect(f!.severity).toBe('error');
    expect(f!.message).toContain('“1002025年12月31日” 不是有效日期：年份“1002025”不是有效的年份（可能多输入了“100”）');
    expect(f!.location).toMatchObject({ period: 'annual', field: expect.stringMatching(/^periods\.annual\.indicators\[\d+\]\.value$/) });
  });

  it('tables missing the 满意度 group (seed 000 tables 2 and 50)', () => {
    const missing = all.filter((f) => f.code === 'R-IND-L1-MISSING');
    expect(missing.map((f) => `${f.location.projectId}: ${f.message.replace(/^.*张表 /, '')}`)).toEqual([
      'seed000-02: 缺少“满意度指标”（该一级指标下至少要有一个三级指标）',
      'seed000-50: 缺少“满意度指标”（该一级指标下至少要有一个三级指标）',
    ]);
  });

  it('a duplicated indicator row (seed 002 table 51: 工作完成率 ≥100% under 数量 and again under 质量)', () => {
    const [f] = findingsOf('002', 51).filter((x) => x.code === 'R-IND-DUP');
    expect(f!.message).toBe(
      '「物业管理费」第 51 张表 产出指标/质量指标/“工作完成率”（第 2 行）与第 1 行（数量指标）的三级指标和指标值 “≥100%” 相同，是重复行',
    );
    const fixed = applyFix(project('002', 51), f!.fix!);
    expect(fixed.periods.annual!.indicators.map((r) => r.level2)).toEqual(['数量指标', '成本指标', '时效指标', '社会效益指标', '服务对象满意度指标']);
    expect(codesOf(validateProject(fixed, getTemplate('B')!))).not.toContain('R-IND-DUP');
  });

  it('≥100% (hint with fix) and 百分比 (warning with fix)', () => {
    const ge = findingsOf('002', 1).find((x) => x.code === 'R-VALUE-GE100')!;
    expect(ge.message).toBe('「办公楼维修（护）费」第 1 张表 产出指标/数量指标/“工程量完成率” 的指标值 “≥100%” 建议写作 “100%”');
    expect(ge.fix!.patch).toEqual({ path: 'periods.annual.indicators[0].value', value: '100%', expect: '≥100%' });
    const pw = findingsOf('000', 1).find((x) => x.code === 'R-VALUE-PERCENT-WORD')!;
    expect(pw.message).toBe(
      '「医保待遇调整、医疗服务价格调整、打击欺诈骗保等工作经费」第 1 张表 产出指标/质量指标/“设备验收合格率” 的指标值 “≥90百分比” 用了“百分比”，应写作 “≥90%”',
    );
    expect(applyFix(project('000', 1), pw.fix!).periods.annual!.indicators[4]!.value).toBe('≥90%');
  });
});

describe('seed audit: no 错误 on the tables that have none', () => {
  it('errors only where the seed really has a defect', () => {
    const errors = all.filter((f) => f.severity === 'error' && f.code !== 'R-UNIT-PROJECTS');
    const byTable = new Map<string, string[]>();
    for (const f of errors) byTable.set(f.location.projectId, [...(byTable.get(f.location.projectId) ?? []), f.code]);
    // Each read against the seed text (../shared/seeds):
    expect(Object.fromEntries(byTable)).toEqual({
      'seed000-02': ['R-IND-L1-MISSING'], // ends after 效益指标 — no 满意度 group
      'seed000-07': ['R-COST-BUDGET'], // 评估 ≤5万元, 预算数 0.29
      'seed000-36': ['R-COST-BUDGET'], // ≤79.51万元, 预算数 79.33
      'seed000-42': ['R-REQUIRED', 'R-REQUIRED', 'R-IND-NONE'], // empty table
      'seed000-46': ['R-COST-BUDGET'], // “不超过预算资金” ≤4.2万元, 预算数 4.11
      'seed000-50': ['R-IND-L1-MISSING'], // ends after 效益指标 — no 满意度 group
      'seed002-33': ['R-DATE-INVALID'], // 1002025年12月31日
      'seed002-51': ['R-IND-DUP'], // 工作完成率 ≥100% twice
    });
    // The book-level summary names exactly these tables.
    expect(reports.get('000')!.unitFindings.find((f) => f.code === 'R-UNIT-PROJECTS')!.message).toMatch(/其中 6 张存在错误/);
    expect(reports.get('002')!.unitFindings.find((f) => f.code === 'R-UNIT-PROJECTS')!.message).toBe(
      '共 54 张项目表，其中 2 张存在错误，尚不能上报：第 33 张「城乡居民医疗保险补助资金」、第 51 张「物业管理费」',
    );
    expect(reports.get('001')!.summary.errors).toBe(0);
    expect(reports.get('003')!.summary.errors).toBe(0);
  });

  it('every finding names its table and points at a field; keys are unique per project', () => {
    for (const f of all) {
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      if (f.location.projectId) {
        expect(f.message.startsWith(`「${f.location.table}」第 ${f.location.seq} 张表`), f.message).toBe(true);
        expect(f.location.field).not.toBe('');
      }
    }
    for (const r of reports.values()) {
      for (const fs of Object.values(r.byProject)) {
        const keys = fs.map((f) => f.key);
        expect(new Set(keys).size, JSON.stringify(keys)).toBe(keys.length);
      }
    }
  });

  it('every offered fix applies and removes its finding', () => {
    let applied = 0;
    for (const c of corpus) {
      const t = getTemplate(c.templateId)!;
      for (const p of c.projects) {
        for (const f of reports.get(c.seed)!.byProject[p.id] ?? []) {
          if (!f.fix) continue;
          const after = validateProject(applyFix(p, f.fix), t);
          expect(after.some((x) => x.key === f.key), `${f.key}`).toBe(false);
          applied++;
        }
      }
    }
    expect(applied).toBeGreaterThan(90);
  });
});

describe('seed audit: counts per rule (a change shows up here)', () => {
  it('per code and severity', () => {
    const counts: Record<string, number> = {};
    for (const f of all) counts[`${f.code} ${f.severity}`] = (counts[`${f.code} ${f.severity}`] ?? 0) + 1;
    expect(Object.fromEntries(Object.entries(counts).sort())).toMatchInlineSnapshot(`
      {
        "R-COPIED-ROWS hint": 42,
        "R-COST-BUDGET error": 3,
        "R-COST-FLOOR warning": 5,
        "R-COST-PLACEHOLDER warning": 8,
        "R-DATE-INVALID error": 1,
        "R-FILL-DATE-FORMAT hint": 1,
        "R-FUND-MAGNITUDE warning": 5,
        "R-GOAL-TERMS hint": 1,
        "R-IND-DUP error": 1,
        "R-IND-L1-MISSING error": 2,
        "R-IND-NONE error": 1,
        "R-IND-STANDARD warning": 12,
        "R-MEASURABLE warning": 53,
        "R-PHONE warning": 4,
        "R-REQUIRED error": 2,
        "R-TIME-VALUE hint": 16,
        "R-UNIT-PROJECTS error": 2,
        "R-UNIT-TOTAL hint": 4,
        "R-VAGUE hint": 91,
        "R-VALUE-FORMAT warning": 4,
        "R-VALUE-GE100 hint": 64,
        "R-VALUE-PERCENT-WORD warning": 28,
      }
    `);
  });

  it('per seed', () => {
    const per = Object.fromEntries([...reports].map(([seed, r]) => [seed, r.summary]));
    expect(per).toMatchInlineSnapshot(`
      {
        "000": {
          "blocking": true,
          "errors": 9,
          "hints": 52,
          "ready": false,
          "unexplainedWarnings": 77,
          "warnings": 77,
        },
        "001": {
          "blocking": false,
          "errors": 0,
          "hints": 24,
          "ready": false,
          "unexplainedWarnings": 8,
          "warnings": 8,
        },
        "002": {
          "blocking": true,
          "errors": 3,
          "hints": 102,
          "ready": false,
          "unexplainedWarnings": 2,
          "warnings": 2,
        },
        "003": {
          "blocking": false,
          "errors": 0,
          "hints": 41,
          "ready": false,
          "unexplainedWarnings": 32,
          "warnings": 32,
        },
      }
    `);
  });
});
