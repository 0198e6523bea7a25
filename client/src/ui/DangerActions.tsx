import { useTranslation } from 'react-i18next';

interface Props {
  /** `<prefix>-cancel` and `<prefix>-confirm` are the buttons' test ids. */
  readonly testIdPrefix: string;
  readonly confirmLabel: string;
  readonly busy: boolean;
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
}

/** The end of a dialog that destroys something: the warning that it cannot be undone, Cancel and the red button. */
export function DangerActions({ testIdPrefix, confirmLabel, busy, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        <strong>{t('admin.deleteIrreversible')}</strong>
      </p>
      <div className="kk-row kk-end">
        <button type="button" onClick={onCancel} data-testid={`${testIdPrefix}-cancel`}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="kk-danger"
          data-testid={`${testIdPrefix}-confirm`}
          disabled={busy}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
      </div>
    </>
  );
}
