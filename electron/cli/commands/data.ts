// Commands on the database and its units and tables: init, demo, remove-samples, unit,
// list, show, import, export, schema.
import { resolve } from 'node:path';
import { loadDemoData } from '../../services/demo.ts';
import { exportInterchangeFile, importInterchangeFile } from '../../services/filing-service.ts';
import { interchangeJsonSchema } from '../../../shared/interchange/format.ts';
import { projectFilingSchema, unitSchema, STATUS_LABELS, type FilingStatus } from '../../../shared/model/filing.ts';
import { formatIssues } from '../../../shared/model/issues.ts';
import { formatMoney } from '../../../shared/model/money.ts';
import { splitSupervisor } from '../../../shared/model/supervisor.ts';
import { saveUnit } from '../../services/units.ts';
import { getTemplate, amountUnitLabel } from '../../../shared/templates/index.ts';
import { printProject } from '../print.ts';
import { UsageError, pick, requireYear, type Command } from '../command.ts';

export const DATA_COMMANDS: Command[] = [
  {
    name: 'init',
    options: pick(),
    store: 'create',
    async run({ io, dbPath }) {
      io.out(`数据库已就绪：${dbPath}`);
      return 0;
    },
  },
  {
    name: 'demo',
    options: pick(),
    store: 'create',
    async run({ store, io }) {
      const r = loadDemoData(store);
      io.out(`已载入示例数据：${r.units} 个单位，${r.projects} 张项目表（单位标记为“示例”，可用 remove-samples 一次删除）`);
      return 0;
    },
  },
  {
    name: 'remove-samples',
    options: pick('force'),
    store: 'open',
    async run({ store, values: o, io }) {
      const n = store.removeSampleData(o.force === true);
      if (!n.removed) {
        io.err(`未删除：示例单位中有 ${n.ownWork.length} 份不是示例数据的表（在这里新建、导入或修改过），删除示例数据会一并删除它们：`);
        for (const w of n.ownWork) io.err(`  ${w.unitCode} ${w.year} 年度：${w.name}`);
        io.err('如确实不再需要，请加 --force 再运行；要保留，请先把它们导出（export），导入到您自己的单位');
        return 2;
      }
      io.out(`已删除示例单位 ${n.units} 个及其全部数据（项目表 ${n.projects} 张，部门整体绩效目标 ${n.deptTargets} 份）`);
      return 0;
    },
  },
  {
    name: 'unit',
    options: pick('code', 'name', 'supervisor', 'region', 'json'),
    store: 'create',
    async run({ store, values: o, positionals: pos, io }) {
      const sub = pos[1];
      if (sub === 'list') {
        const units = store.listUnits();
        if (o.json) io.out(JSON.stringify(units, null, 2));
        else if (!units.length) io.out('还没有单位。用 unit add 添加，或用 demo 载入示例数据。');
        else for (const u of units) io.out(`${u.code}${u.name}${u.supervisor ? `　主管部门 ${u.supervisor.code}-${u.supervisor.name}` : ''}${u.sample ? '　［示例］' : ''}`);
        return 0;
      }
      if (sub === 'add') {
        let supervisor = null;
        if (o.supervisor) {
          supervisor = splitSupervisor(o.supervisor);
          if (!supervisor) throw new UsageError('主管部门应写成“代码-名称”，如 303-忻州市医疗保障局');
        }
        const r = unitSchema.safeParse({ code: o.code, name: o.name, supervisor, region: o.region ?? '' });
        if (!r.success) throw new UsageError(`单位信息有误：\n${formatIssues(r.error.issues)}`);
        saveUnit(store, r.data);
        io.out(`已保存单位 ${r.data.code}${r.data.name}`);
        return 0;
      }
      throw new UsageError('unit 后应为 add 或 list');
    },
  },
  {
    name: 'list',
    options: pick('unit', 'year', 'json'),
    store: 'open',
    async run({ store, values: o, io }) {
      const year = requireYear(o.year);
      if (o.unit && year !== undefined) {
        const rows = store.listProjects(o.unit, year);
        if (o.json) {
          io.out(JSON.stringify(rows, null, 2));
          return 0;
        }
        const unit = store.getUnit(o.unit);
        if (!unit) throw new UsageError(`单位 ${o.unit} 不存在`);
        io.out(`${unit.code}${unit.name}　${year} 年度　共 ${rows.length} 个项目`);
        let total = 0;
        for (const r of rows) {
          const t = getTemplate(r.templateId);
          total += r.budget ?? 0;
          io.out(`  ${String(r.seq).padStart(3)}. ${r.name}　${t ? formatMoney(r.budget, t.amount) + ' ' + amountUnitLabel(t) : ''}　指标 ${r.indicatorCount} 条　${STATUS_LABELS[r.status as FilingStatus] ?? r.status}　［${r.id}］`);
        }
        const t0 = rows[0] ? getTemplate(rows[0].templateId) : undefined;
        if (t0) io.out(`  合计 ${formatMoney(total, t0.amount)} ${amountUnitLabel(t0)}`);
        return 0;
      }
      const units = store.listUnits();
      const summary = units.map((u) => ({ ...u, years: store.listYears(u.code) }));
      if (o.json) io.out(JSON.stringify(summary, null, 2));
      else if (!units.length) io.out('还没有单位。用 unit add 添加，或用 demo 载入示例数据。');
      else for (const u of summary) io.out(`${u.code}${u.name}${u.sample ? '［示例］' : ''}　年度：${u.years.join('、') || '（无）'}`);
      return 0;
    },
  },
  {
    name: 'show',
    options: pick('id', 'json'),
    store: 'open',
    async run({ store, values: o, positionals: pos, io }) {
      const id = pos[1] ?? o.id;
      if (!id) throw new UsageError('请给出项目标识：show <项目标识>');
      const stored = store.getProject(id);
      if (!stored) throw new UsageError(`项目 ${id} 不存在`);
      // Reads trust the stored shape; a row changed behind the program's back is named, not printed as a stack.
      const checked = projectFilingSchema.safeParse(stored);
      if (!checked.success) throw new UsageError(`数据库中项目 ${id} 的数据不符合本程序的格式（${formatIssues(checked.error.issues, 3)}），可从备份恢复（见 backups 命令）`);
      const p = checked.data;
      if (o.json) io.out(JSON.stringify(p, null, 2));
      else printProject(io, p);
      return 0;
    },
  },
  {
    name: 'import',
    options: pick(),
    store: 'create',
    async run({ store, positionals: pos, io }) {
      const file = pos[1];
      if (!file) throw new UsageError('请给出要导入的文件：import <文件.json>');
      const r = await importInterchangeFile(store, resolve(file));
      io.out(`已导入：${r.units} 个单位，${r.projects} 张项目表，${r.deptTargets} 份部门整体绩效目标`);
      for (const n of r.notes ?? []) io.out(`  ${n}`);
      return 0;
    },
  },
  {
    name: 'export',
    options: pick('out', 'unit', 'year'),
    store: 'open',
    async run({ store, values: o, io }) {
      if (!o.out) throw new UsageError('请用 --out 给出导出文件');
      const r = await exportInterchangeFile(store, resolve(o.out), { unitCode: o.unit, year: requireYear(o.year) });
      io.out(`已导出到 ${resolve(o.out)}：${r.units} 个单位，${r.projects} 张项目表，${r.deptTargets} 份部门整体绩效目标`);
      return 0;
    },
  },
  {
    name: 'schema',
    options: pick(),
    store: 'none',
    async run({ io }) {
      io.out(JSON.stringify(interchangeJsonSchema(), null, 2));
      return 0;
    },
  },
];
