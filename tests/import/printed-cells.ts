// What the printed table shows of a filing, field by field: the expected cells of an
// import, taken from the seed filing (never from the recogniser).
import type { ProjectFiling } from '../../shared/model/filing.ts';
import type { TemplateDef } from '../../shared/templates/types.ts';

export function printedCells(t: TemplateDef, f: ProjectFiling): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const b of t.layout.blocks) {
    if (b.kind === 'rows') {
      for (const r of b.rows) {
        for (const c of r.cells) {
          if (!('field' in c) || c.field.startsWith('$')) continue;
          let v: unknown = f;
          for (const k of c.field.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
          out[c.field] = typeof v === 'string' ? v.trim() : (v ?? null);
          // 其他资金 blank or 0 prints by the template's rule: what is read back is what it shows.
          if (/funding\.other$/.test(c.field) && !v) out[c.field] = t.otherFunding === 'zero' ? 0 : null;
        }
      }
    } else {
      for (const p of b.periods) {
        out[`indicators.${p}`] = (f.periods[p]?.indicators ?? [])
          .map((r) => Object.fromEntries(b.columns.map((c) => [c, (r[c] ?? '').trim()])))
          .filter((r) => Object.values(r).some((v) => v !== ''));
      }
    }
  }
  return out;
}
