// Unit-year settings and 转换表样 from the command line: settings, convert. The same services as the UI.
import { changeUnitYearSettings, unitYearSettingsOf } from '../../services/unit-year-settings.ts';
import { convertTable, previewConversion } from '../../services/convert.ts';
import { describeSettings } from '../../../shared/settings/unit-year.ts';
import { indicatorSystemSchema } from '../../../shared/model/filing.ts';
import { UsageError, pick, requireYear, type Command, type Io } from '../command.ts';

function system(v: string | undefined) {
  if (v === undefined) return undefined;
  const r = indicatorSystemSchema.safeParse(v);
  if (!r.success) throw new UsageError(r.error.issues[0]?.message ?? '指标体系无效');
  return r.data;
}

function printPlan(io: Io, p: { mapping: string[]; losses: Array<{ label: string }> }): void {
  io.out(`对应关系：${p.mapping.length ? '' : '无'}`);
  for (const m of p.mapping) io.out(`  ${m}`);
  io.out(p.losses.length ? `目标表样中没有位置、转换时将清除的内容（${p.losses.length} 处，记入修改记录）：` : '没有会被清除的内容');
  for (const l of p.losses) io.out(`  ${l.label}`);
}

export const SETTINGS_COMMANDS: Command[] = [
  {
    name: 'settings',
    options: pick('unit', 'year', 'template', 'system', 'profile', 'json'),
    store: 'open',
    async run({ store, values: o, io }) {
      const year = requireYear(o.year);
      if (!o.unit || year === undefined) throw new UsageError('请用 --unit 和 --year 指定单位和年度');
      let view = unitYearSettingsOf(store, o.unit, year);
      if (o.template !== undefined || o.system !== undefined || o.profile !== undefined) {
        view = changeUnitYearSettings(store, {
          ...view.settings,
          ...(o.template !== undefined ? { templateId: o.template } : {}),
          ...(o.system !== undefined ? { indicatorSystem: system(o.system) } : {}),
          ...(o.profile !== undefined ? { ruleProfile: o.profile } : {}),
        });
      }
      if (o.json) io.out(JSON.stringify(view, null, 2));
      else io.out(`${o.unit}　${year} 年度：${describeSettings(view.settings)}${view.stored ? '' : '（尚未选定，为默认值）'}`);
      return 0;
    },
  },
  {
    name: 'convert',
    options: pick('template', 'system', 'yes', 'force', 'json'),
    store: 'open',
    async run({ store, values: o, positionals, io }) {
      const id = positionals[0];
      if (!id) throw new UsageError('请给出要转换的项目标识');
      const target = { templateId: o.template, indicatorSystem: system(o.system) };
      const plan = previewConversion(store, id, target);
      if (!o.yes) {
        if (o.json) io.out(JSON.stringify(plan, null, 2));
        else {
          io.out(`转换表样 ${plan.from.templateId} → ${plan.to.templateId}（未转换；确认后加 --yes 执行）`);
          printPlan(io, plan);
        }
        return 0;
      }
      const r = convertTable(store, id, target, plan.revision, plan.losses.length, { force: o.force });
      if (o.json) io.out(JSON.stringify({ id, revision: r.revision, mapping: r.mapping, losses: r.losses }, null, 2));
      else {
        io.out(`已转换为表样 ${r.to.templateId}`);
        printPlan(io, r);
      }
      return 0;
    },
  },
];
