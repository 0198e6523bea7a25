import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A read-only link with a copy button. */
export function CopyLink({ label, help, url, testId }: { label: string; help: string; url: string; testId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div className="kk-field">
      <label htmlFor={id}>{label}</label>
      <div className="kk-row">
        <input id={id} readOnly value={url} data-testid={`${testId}-url`} onFocus={(e) => e.target.select()} />
        <button
          type="button"
          data-testid={`${testId}-copy`}
          aria-label={t('share.copy', { what: label })}
          onClick={() => void copy()}
        >
          {copied ? t('share.copied') : t('share.copyShort')}
        </button>
      </div>
      <small className="kk-muted">{help}</small>
    </div>
  );
}
