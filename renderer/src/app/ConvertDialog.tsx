// 转换表样: shows the mapping and what has no place in the unit-year's layout / indicator
// system before converting (the user confirms); the conversion is one remote step of the editor.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConversionPreview } from '../../../shared/api/contract.ts';
import { SYSTEM_SHORT_LABELS } from '../../../shared/settings/unit-year.ts';
import { errorText } from '../api/client.ts';
import type { ProjectEditor } from '../state/editor.ts';
import { Modal } from '../ui/dialog.tsx';
import { useToast } from '../ui/toast.tsx';
import type { Shell } from './frame.ts';

const side = (s: ConversionPreview['to']) => `表样 ${s.templateId}（${SYSTEM_SHORT_LABELS[s.indicatorSystem]}）`;

export function ConvertDialog({ shell, editor, onClose, onDone }: { shell: Shell; editor: ProjectEditor; onClose: () => void; onDone: () => void }): ReactNode {
  const toast = useToast();
  const [plan, setPlan] = useState<ConversionPreview | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = editor.id;
  useEffect(() => {
    let live = true;
    void editor.flush().then(() =>
      shell.api.call('settings.convertPreview', { id }).then(
        (p) => live && setPlan(p),
        (e) => live && setError(errorText(e)),
      ),
    );
    return () => {
      live = false;
    };
  }, [shell.api, editor, id]);
  const same = plan && plan.from.templateId === plan.to.templateId && plan.from.indicatorSystem === plan.to.indicatorSystem;
  const convert = async () => {
    if (!plan) return;
    setBusy(true);
    try {
      await editor.remote('转换表样', (s, opts) =>
        shell.api.call('settings.convert', { id, expectedRevision: s.revision, acceptLosses: plan.losses.length, ...(opts.force ? { force: true } : {}) }),
      );
      toast(`已转换为${side(plan.to)}`, { kind: 'ok' });
      onDone();
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
      setBusy(false);
    }
  };
  return (
    <Modal
      title="转换表样"
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="btn-primary" disabled={busy || !plan || !!same} onClick={() => void convert()}>
            {plan?.losses.length ? `确认转换（清除 ${plan.losses.length} 处）` : '确认转换'}
          </button>
        </>
      }
    >
      {error ? <p className="error-text">{error}</p> : null}
      {!plan && !error ? <p>正在计算……</p> : null}
      {plan && same ? <p>这张表已是本单位年度设置的{side(plan.to)}，无需转换。</p> : null}
      {plan && !same ? (
        <div data-testid="convert-plan">
          <p>
            把这张表从{side(plan.from)}转换为本单位年度设置的<b>{side(plan.to)}</b>。对应关系：
          </p>
          <ul className="convert-list">
            {plan.mapping.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          {plan.losses.length ? (
            <>
              <p>
                以下 <b>{plan.losses.length}</b> 处内容在目标表样中没有位置，转换时将清除（原内容记入修改记录）：
              </p>
              <ul className="convert-list" data-testid="convert-losses">
                {plan.losses.map((l) => (
                  <li key={l.path}>{l.label}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>没有会被清除的内容。</p>
          )}
        </div>
      ) : null}
    </Modal>
  );
}
