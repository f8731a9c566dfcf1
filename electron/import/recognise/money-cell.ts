// A money cell of a grid from outside: parsed exactly in the amount unit printed; what a
// sheet leaves in such cells besides amounts is a note, never a silent value: a float
// artefact of a formula (`3.0000001`) is read rounded to the 分, a date is not read.
import { FEN_EXPONENT, parseMoney, templateMoneyUnit } from '../../../shared/model/money.ts';

const DATE_LIKE = /^\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;

/**
 * A number a sheet computed in binary floating point (`3.0000001`, `0.30000000000000004`):
 * 7 or more decimals, within a millionth of its value rounded to the 分. The rounded text,
 * or null when the text is not such a number.
 */
function floatArtefact(text: string, unit: 'yuan' | 'wanyuan'): string | null {
  if (!/^-?\d+\.\d{7,}$/.test(text.trim())) return null;
  const exp = FEN_EXPONENT[templateMoneyUnit(unit)];
  const v = Number(text);
  const rounded = Number(v.toFixed(exp));
  const off = Math.abs(v - rounded);
  return off === 0 || off > 1e-6 * Math.max(1, Math.abs(v)) ? null : rounded.toFixed(exp).replace(/\.?0+$/, '');
}

export function readMoneyCell(text: string, unit: 'yuan' | 'wanyuan'): { ok: true; value: number | null; note?: string } | { ok: false; note: string } {
  const shown = text.slice(0, 40);
  if (DATE_LIKE.test(text.trim())) {
    return { ok: false, note: `金额单元格是日期格式（显示为“${shown}”），不能作为金额读取，该项留空：请在表格中把该单元格改为数值格式后再导入` };
  }
  const artefact = floatArtefact(text, unit);
  try {
    const value = parseMoney(artefact ?? text, unit);
    return artefact === null ? { ok: true, value } : { ok: true, value, note: `金额“${shown}”带有表格计算留下的浮点误差，已按“${artefact}”读取，请核对` };
  } catch (e) {
    return { ok: false, note: `金额“${shown}”无法识别（${(e as Error).message}），该项留空` };
  }
}
