// 复制上年 from the command line: a whole unit-year (copy-year) or one table (copy-table),
// through the same service as the UI; every copied value is marked until confirmed.
import { copyTableConverted, copyYear } from '../../services/book.ts';
import type { CopyConversion } from '../../../shared/api/views.ts';
import { SYSTEM_SHORT_LABELS } from '../../../shared/settings/unit-year.ts';

/** One line per converted table: to which layout / 指标体系, and what had no place (not copied). */
function conversionLines(list: readonly CopyConversion[]): string[] {
  return list.flatMap((c) => [
    `“${c.name}”按表样 ${c.to.templateId}（指标体系 ${SYSTEM_SHORT_LABELS[c.to.indicatorSystem]}）转换：${c.mapping.join('；')}`,
    ...c.losses.map((l) => `  未复制（目标表样中没有位置）：${l.label}`),
  ]);
}
import { UsageError, pick, requireYear, type Command } from '../command.ts';

export const COPY_COMMANDS: Command[] = [
  {
    name: 'copy-year',
    options: pick('unit', 'from', 'year'),
    store: 'open',
    async run({ store, values: o, io }) {
      const year = requireYear(o.year);
      if (!o.unit || year === undefined) throw new UsageError('用法：copy-year --unit 编码 --year 年度 [--from 来源年度]');
      const from = requireYear(o.from) ?? year - 1;
      const r = copyYear(store, o.unit, from, year);
      io.out(
        `已从 ${from} 年度复制 ${r.copied} 张项目表到 ${year} 年度${r.skipped ? `（${r.skipped} 张此前已复制）` : ''}` +
          `${r.deptCopied ? '，及部门整体绩效目标' : ''}。复制来的内容已标出，确认后才能审核、报送。`,
      );
      for (const line of conversionLines(r.converted)) io.out(line);
      return 0;
    },
  },
  {
    name: 'copy-table',
    options: pick('year'),
    store: 'open',
    async run({ store, values: o, positionals: pos, io }) {
      const id = pos[1];
      const year = requireYear(o.year);
      if (!id || year === undefined) throw new UsageError('用法：copy-table <项目标识> --year 目标年度');
      const { copy, conversion } = copyTableConverted(store, id, year);
      io.out(`已复制到 ${year} 年度第 ${copy.seq} 张：${copy.name}（${copy.id}），${copy.carriedOver.length} 处内容待确认`);
      for (const line of conversionLines(conversion ? [conversion] : [])) io.out(line);
      return 0;
    },
  },
];
