// A fix is offered only when its result passes the rule that offered it: applied to the table,
// the same finding (rule and field) must not come back. Over every fix of every seed table,
// and the 填报日期's fix on dates typed with stray spaces.
import { describe, expect, it } from 'vitest';
import { loadSeedCorpus } from '../../tools/seed-corpus.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { applyFix, validateProject } from '../../shared/rules/index.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';

const corpus = loadSeedCorpus();

function refixed(p: ProjectFiling): string[] {
  const t = getTemplate(p.templateId)!;
  const out: string[] = [];
  for (const f of validateProject(p, t)) {
    if (!f.fix) continue;
    const after = validateProject(applyFix(p, f.fix), t);
    const again = after.find((g) => g.code === f.code && g.location.field === f.location.field);
    if (again) out.push(`${p.id} ${f.code} ${f.fix.description}: ${again.message}`);
  }
  return out;
}

describe('a fix passes its own rule', () => {
  it('every fix offered on the seed tables', () => {
    const all = corpus.flatMap((c) => c.projects);
    expect(all.length).toBe(120);
    expect(all.flatMap(refixed)).toEqual([]);
  });

  it('填报日期: the spaces go only where the date without them is a real date', () => {
    const base = corpus.flatMap((c) => c.projects).find((p) => getTemplate(p.templateId)!.fields.includes('footer'))!;
    const t = getTemplate(base.templateId)!;
    const withDate = (date: string): ProjectFiling => ({ ...base, year: 2023, footer: { ...base.footer, date } });
    const codes = (p: ProjectFiling) => validateProject(p, t).filter((f) => f.location.field === 'footer.date');

    const spaced = codes(withDate('202302021416 41'));
    const fmt = spaced.find((f) => f.code === 'R-FILL-DATE-FORMAT');
    expect(fmt?.fix?.description).toBe('改为“20230202141641”');
    expect(codes(applyFix(withDate('202302021416 41'), fmt!.fix!))).toEqual([]);

    // Not a date with or without its spaces: 错误, and no fix that would keep it wrong.
    for (const raw of ['2023 02 30', '202302 30141641', '2023 1302']) {
      const found = codes(withDate(raw));
      expect(found.map((f) => f.code), raw).toEqual(['R-FILL-DATE']);
      expect(found.filter((f) => f.fix), raw).toEqual([]);
    }
  });
});
