// The unit-year's settings in its header (表样 · 指标体系 · 审核规则) and the dialog that
// changes them. New tables follow them; a table that differs shows it in its own 审核.
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { UnitYearSettingsView } from '../../../../shared/api/contract.ts';
import { INDICATOR_SYSTEM_IDS } from '../../../../shared/model/filing.ts';
import { RULE_PROFILES, SYSTEM_SHORT_LABELS, ruleProfile, type UnitYearSettings } from '../../../../shared/settings/unit-year.ts';
import { errorText } from '../../api/client.ts';
import { Modal } from '../../ui/dialog.tsx';
import { getTemplate } from '../../../../shared/templates/index.ts';
import { useToast } from '../../ui/toast.tsx';
import type { Shell } from '../frame.ts';

/** The settings of the shell's unit-year, reloaded on `nonce`. */
export function useUnitYearSettings(shell: Shell, nonce = 0): [UnitYearSettingsView | null, () => void] {
  const [view, setView] = useState<UnitYearSettingsView | null>(null);
  const code = shell.unit?.code;
  const load = useCallback(() => {
    if (!code) return;
    shell.api.call('settings.get', { unitCode: code, year: shell.year }).then(setView, () => undefined);
  }, [shell.api, code, shell.year]);
  useEffect(load, [load, nonce]);
  return [view, load];
}

/** `view` and `reload`: useUnitYearSettings of the page (the list reads the same settings). */
export function SettingsBar({
  shell,
  view,
  reload,
  readOnly,
  onChanged,
}: {
  shell: Shell;
  view: UnitYearSettingsView | null;
  reload: () => void;
  readOnly?: boolean;
  onChanged: () => void;
}): ReactNode {
  /** The settings being changed, read afresh when the dialog opens (the print choice may have changed since). */
  const [editing, setEditing] = useState<UnitYearSettings | null>(null);
  if (!view) return null;
  const s = view.settings;
  return (
    <div className="settings-bar" data-testid="uy-settings">
      <span>
        表样 <b>{s.templateId}</b>
      </span>
      <span>
        指标体系 <b>{SYSTEM_SHORT_LABELS[s.indicatorSystem]}</b>
      </span>
      <span>
        审核规则 <b>{ruleProfile(s.ruleProfile)?.name ?? s.ruleProfile}</b>
      </span>
      {view.stored ? null : (
        <span className="muted" title="尚未保存：按本年度已有的表、上年的设置或单位所在地区的表样确定；新建第一张表或修改设置时保存">
          （默认设置）
        </span>
      )}
      {readOnly ? null : (
        <button type="button" onClick={() => void shell.api.call('settings.get', { unitCode: s.unitCode, year: s.year }).then((v) => setEditing(v.settings), () => setEditing(s))}>
          修改设置
        </button>
      )}
      {editing ? (
        <SettingsDialog
          shell={shell}
          initial={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
            onChanged();
          }}
        />
      ) : null}
    </div>
  );
}

function SettingsDialog({ shell, initial, onClose, onSaved }: { shell: Shell; initial: UnitYearSettings; onClose: () => void; onSaved: () => void }): ReactNode {
  const toast = useToast();
  const [s, setS] = useState(initial);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await shell.api.call('settings.set', { settings: s });
      toast('已保存单位年度设置；与设置不一致的表会在审核中提示，可用“转换表样”转换', { kind: 'ok' });
      onSaved();
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
      setBusy(false);
    }
  };
  return (
    <Modal
      title={`${shell.year} 年度设置`}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="btn-primary" disabled={busy} onClick={() => void save()}>
            保存
          </button>
        </>
      }
    >
      <label className="block-label">
        表样
        <select value={s.templateId} onChange={(e) => setS({ ...s, templateId: e.target.value })} data-autofocus>
          {shell.templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.id}　{t.name}（金额单位：{t.amountUnit}{getTemplate(t.id)?.book.departmentPart ? '；含部门整体绩效目标' : ''}）
            </option>
          ))}
        </select>
      </label>
      <label className="block-label">
        指标体系
        <select value={s.indicatorSystem} onChange={(e) => setS({ ...s, indicatorSystem: e.target.value as UnitYearSettings['indicatorSystem'] })}>
          {INDICATOR_SYSTEM_IDS.map((id) => (
            <option key={id} value={id}>
              {SYSTEM_SHORT_LABELS[id]}
            </option>
          ))}
        </select>
      </label>
      <label className="block-label">
        审核规则
        <select value={s.ruleProfile} onChange={(e) => setS({ ...s, ruleProfile: e.target.value })}>
          {RULE_PROFILES.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="block-label">
        打印、导出
        <select
          value={s.printKind === 'public' ? 'public' : `submission:${s.signature}`}
          onChange={(e) => {
            const [kind, signature] = e.target.value.split(':');
            setS({ ...s, printKind: kind === 'submission' ? 'submission' : 'public', signature: signature === 'book' ? 'book' : signature === 'table' ? 'table' : s.signature });
          }}
        >
          <option value="public">公开稿（与公开的文本相同）</option>
          <option value="submission:table">报送稿（盖章、签字；签字栏在每张表下）</option>
          <option value="submission:book">报送稿（盖章、签字；签字栏在汇编末尾）</option>
        </select>
      </label>
      <p className="muted">新建的表按此设置；已有的表不会自动改变，与设置不一致时在审核中提示，可在表中点“转换表样”。</p>
    </Modal>
  );
}
